#!/usr/bin/env python3
"""The STFT a picture is rebuilt on when none is given (core/phase/PictureGrid.h).

4.6 s of espeak-ng speech at 22.05 kHz is analysed with scipy.signal.stft at several
(nperseg, noverlap), drawn by matplotlib (pcolormesh, viridis, -100..-20 dB, 800 x 400 at
100 dpi: the plot is 496 x 308 pixels) and saved as PNG and JPEG. Each picture goes to
`specedit-cli rebuild` with its true axes and levels three times: on the grid it finds itself
(no --nperseg), on the true grid, and on the old default (--nperseg 256, half overlap). The
figure is the mean difference in dB between the rebuilt signal's spectrogram and the
original's, both in the original's STFT and clipped to the figure's range; lower is better.

Dependencies: python3-matplotlib, espeak-ng, python3-scipy (not needed by the tests).
Run (about a minute):
    /usr/bin/python3 bench/picture_grid.py build/app/specedit-cli
"""
import os
import subprocess
import sys
import tempfile

import matplotlib
import numpy as np
import scipy.io.wavfile
import scipy.signal

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

TEXT = "The quick brown fox jumps over the lazy dog. Rebuild this from its picture."
DB = (-100, -20)
GRIDS = [(256, 192), (256, 128), (400, 240), (512, 384), (512, 256), (1024, 768), (2048, 1536)]


def draw(stem, t, f, db):
    fig, ax = plt.subplots(figsize=(8, 4))
    mesh = ax.pcolormesh(t, f, db, vmin=DB[0], vmax=DB[1], cmap="viridis", shading="nearest")
    ax.set_xlabel("Time [s]")
    ax.set_ylabel("Frequency [Hz]")
    fig.colorbar(mesh, ax=ax, label="dB")
    fig.savefig(stem + ".png", dpi=100)
    fig.savefig(stem + ".jpg", dpi=100)
    limits = (ax.get_xlim(), ax.get_ylim())
    plt.close(fig)
    return limits


def difference(fs, reference, out, grid):
    _, y = scipy.io.wavfile.read(out)
    y = y.astype(float) / (32768 if y.dtype == np.int16 else 1)
    _, _, got = scipy.signal.stft(y, fs=fs, nperseg=grid[0], noverlap=grid[1])
    m = min(got.shape[1], reference.shape[1])
    clip = lambda z: np.clip(20 * np.log10(np.abs(z[:, :m]) + 1e-12), *DB)  # noqa: E731
    return np.mean(np.abs(clip(got) - clip(reference)))


def rebuild(cli, picture, limits, out, options):
    (t0, t1), (f0, f1) = limits
    proc = subprocess.run(
        [cli, "rebuild", picture, *options, "--image-time", f"{t0},{t1}", "--image-freq",
         f"{f0},{f1}", "--image-db", f"{DB[0]},{DB[1]}", "--out", out],
        capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(proc.stderr)
    said = [line for line in proc.stdout.splitlines() if "rebuilt on " in line]
    return said[0].split("rebuilt on ")[1] if said else ""


def main():
    cli = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        wav = os.path.join(tmp, "speech.wav")
        subprocess.run(["espeak-ng", "-w", wav, TEXT], check=True)
        fs, x = scipy.io.wavfile.read(wav)
        x = x.astype(float) / 32768
        print(f"{'drawn from':12} {'':4} {'found':>6} {'true':>6} {'256/128':>8}  grid found")
        for grid in GRIDS:
            _, _, z = scipy.signal.stft(x, fs=fs, nperseg=grid[0], noverlap=grid[1])
            hop = grid[0] - grid[1]
            t = np.arange(z.shape[1]) * hop / fs
            f = np.arange(z.shape[0]) * fs / grid[0]
            stem = os.path.join(tmp, "figure")
            limits = draw(stem, t, f, 20 * np.log10(np.abs(z) + 1e-12))
            out = os.path.join(tmp, "out.wav")
            for ext in ("png", "jpg"):
                picture = f"{stem}.{ext}"
                said = rebuild(cli, picture, limits, out, [])
                found = difference(fs, z, out, grid)
                rebuild(cli, picture, limits, out, ["--nperseg", str(grid[0]), "--noverlap",
                                                    str(grid[1])])
                true = difference(fs, z, out, grid)
                rebuild(cli, picture, limits, out, ["--nperseg", "256"])
                old = difference(fs, z, out, grid)
                grid_found = said.split(" from ")[0] + ", hop " + said.split(", hop ")[1].split()[0]
                drawn = f"{grid[0]}/{grid[1]}"
                print(f"{drawn:12} {ext:4} {found:6.2f} {true:6.2f} {old:8.2f}  "
                      f"{grid_found}")


if __name__ == "__main__":
    main()
