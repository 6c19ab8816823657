#!/usr/bin/env python3
"""Rebuilding from a picture of a spectrogram: a whole matplotlib figure against a plot.

4.6 s of espeak-ng speech at 22.05 kHz, STFT Hann 512 with 384 overlap (scipy.signal.stft),
is drawn by matplotlib as a user would (pcolormesh from -100 to -20 dB, a colour bar, a title,
axis labels; 800 x 400 pixels at 100 dpi) with viridis, magma, jet and gray, and saved as PNG
and as JPEG (quality 75); and plt.specgram's viridis picture of the same speech (imshow,
which leaves the -inf dB of the recording's digital silence bare). Each figure goes whole to `specedit-cli rebuild` with its axes'
limits; the gray one is also cropped to its plot by hand (the reference: what a user had to
do before), and one pixel short of it. For each, the mean and RMS difference in dB between
the rebuilt signal's spectrogram and the original's, both clipped to the figure's range, and
what the CLI said of the picture; and "read", the mean difference when the axes and levels
are not given but read from the figure's tick labels (plt.specgram's has no colour bar: its
levels are given).

Dependencies: python3-matplotlib, espeak-ng, imagemagick (the hand crops), python3-scipy.
Run (about 10 s):
    /usr/bin/python3 bench/picture_figures.py build/app/specedit-cli
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


def spectrogram(x, fs):
    _, _, z = scipy.signal.stft(x, fs=fs, nperseg=512, noverlap=384)
    return z


def draw(path_stem, t, f, db, cmap):
    fig, ax = plt.subplots(figsize=(8, 4))
    mesh = ax.pcolormesh(t, f, db, vmin=DB[0], vmax=DB[1], cmap=cmap, shading="nearest")
    ax.set_xlabel("Time [s]")
    ax.set_ylabel("Frequency [Hz]")
    ax.set_title("STFT magnitude")
    fig.colorbar(mesh, ax=ax, label="dB")
    fig.savefig(path_stem + ".png", dpi=100)
    fig.savefig(path_stem + ".jpg", dpi=100)
    box = ax.get_window_extent()
    height = fig.get_size_inches()[1] * 100
    plot = (round(box.x0), round(height - box.y1), round(box.width), round(box.height))
    limits = (ax.get_xlim(), ax.get_ylim())
    plt.close(fig)
    return plot, limits


def draw_specgram(path, x, fs):
    """plt.specgram, as many users draw one: its digital silence (-inf dB) is left bare."""
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.specgram(x, NFFT=512, Fs=fs, noverlap=384, mode="magnitude", scale="dB", vmin=DB[0],
                vmax=DB[1])
    ax.set_xlabel("Time [s]")
    ax.set_ylabel("Frequency [Hz]")
    fig.savefig(path, dpi=100)
    limits = (ax.get_xlim(), ax.get_ylim())
    plt.close(fig)
    return limits


def rebuild(cli, picture, limits, out, db=True):
    """limits None: the axes are read from the figure's tick labels (and its colour bar's,
    unless `db`)."""
    axes = []
    if limits:
        (t0, t1), (f0, f1) = limits
        axes = ["--image-time", f"{t0},{t1}", "--image-freq", f"{f0},{f1}"]
    if db:
        axes += ["--image-db", f"{DB[0]},{DB[1]}"]
    proc = subprocess.run(
        [cli, "rebuild", picture, "--nperseg", "512", "--noverlap", "384", *axes, "--out", out],
        capture_output=True, text=True)
    said = [line for line in proc.stdout.splitlines() if line.startswith("picture ")]
    return proc.returncode, (said[0] if said else proc.stderr.strip())


def difference(reference, out, fs):
    rate, y = scipy.io.wavfile.read(out)
    y = y.astype(float) / (32768 if y.dtype == np.int16 else 1)
    got = spectrogram(y, fs)
    m = min(got.shape[1], reference.shape[1])
    clip = lambda z: np.clip(20 * np.log10(np.abs(z[:, :m]) + 1e-12), *DB)  # noqa: E731
    d = clip(got) - clip(reference)
    return np.mean(np.abs(d)), np.sqrt(np.mean(d * d))


def main():
    cli = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        wav = os.path.join(tmp, "speech.wav")
        subprocess.run(["espeak-ng", "-w", wav, TEXT], check=True)
        fs, x = scipy.io.wavfile.read(wav)
        x = x.astype(float) / 32768
        z = spectrogram(x, fs)
        t = np.arange(z.shape[1]) * 128 / fs
        f = np.arange(z.shape[0]) * fs / 512
        db = 20 * np.log10(np.abs(z) + 1e-12)
        rows = []
        for cmap in ["gray", "viridis", "magma", "jet"]:
            stem = os.path.join(tmp, cmap)
            plot, limits = draw(stem, t, f, db, cmap)
            pictures = [(f"{cmap} figure .png", stem + ".png"), (f"{cmap} figure .jpg", stem + ".jpg")]
            if cmap == "gray":
                left, top, w, h = plot
                for name, dx in [("gray plot cropped by hand", 0), ("... one pixel short", 1)]:
                    crop = os.path.join(tmp, f"crop{dx}.png")
                    subprocess.run(["convert", stem + ".png", "-crop",
                                    f"{w - dx}x{h - dx}+{left + dx}+{top + dx}", "+repage",
                                    "-colorspace", "Gray", crop], check=True)
                    pictures.append((name, crop))
            if cmap == "viridis":
                specgram = os.path.join(tmp, "specgram.png")
                with np.errstate(divide="ignore"):
                    pictures.append(("viridis plt.specgram .png", specgram,
                                     draw_specgram(specgram, x, fs)))
            for name, picture, *own in pictures:
                out = os.path.join(tmp, "out.wav")
                code, said = rebuild(cli, picture, own[0] if own else limits, out)
                mean, rms = difference(z, out, fs) if code == 0 else (float("nan"),) * 2
                read = float("nan")
                if "cropped" not in name and "short" not in name:  # a figure: axes from labels
                    code, _ = rebuild(cli, picture, None, out, db="specgram" in name)
                    read = difference(z, out, fs)[0] if code == 0 else float("nan")
                rows.append((name, mean, rms, read, said))
        print(f"{'picture':28s} {'mean dB':>8s} {'rms dB':>7s} {'read':>6s}  what the CLI said")
        for name, mean, rms, read, said in rows:
            print(f"{name:28s} {mean:8.2f} {rms:7.2f} {read:6.2f}  {said[:150]}")


if __name__ == "__main__":
    main()
