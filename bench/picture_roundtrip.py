#!/usr/bin/env python3
"""How closely a picture the editor exported (File > Export spectrogram image) rebuilds the
recording it shows: `specedit-cli rebuild PICTURE` with no option, then the rebuilt signal's
STFT (the picture's own, from its description) against the original's, in dB: over the whole
plane, over the cells within --loud dB of the original's peak, and the spectral centroid of
the strongest band's energy.

    /usr/bin/python3 bench/picture_roundtrip.py build/app/specedit-cli PICTURE.png ORIGINAL \\
        [--raw cs8|cs16|cf32 --rate HZ] [--loud 30]

ORIGINAL: the recording exported (a WAV, I left and Q right for IQ), or raw IQ samples with
--raw and --rate (the real captures in ../shared/data/real). Needs numpy and scipy only.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import zlib

import numpy as np
import scipy.io.wavfile
import scipy.signal


def description(png):
    """The JSON of the PNG's "SpecEdit spectrogram" text chunk (tEXt or zTXt)."""
    data = open(png, "rb").read()
    at = 8
    while at < len(data):
        n = int.from_bytes(data[at:at + 4], "big")
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + n]
        key, _, rest = body.partition(b"\0")
        if key == b"SpecEdit spectrogram" and kind in (b"tEXt", b"zTXt"):
            return json.loads(rest if kind == b"tEXt" else zlib.decompress(rest[1:]))
        at += 12 + n
    sys.exit(f"{png}: no SpecEdit description (export it from the editor)")


def load(path, raw, rate):
    if raw:
        kind = {"cs8": np.int8, "cs16": np.int16, "cf32": np.float32}[raw]
        x = np.fromfile(path, dtype=kind).astype(float)
        x /= {"cs8": 128, "cs16": 32768, "cf32": 1}[raw]
        return x[0::2] + 1j * x[1::2], rate
    fs, x = scipy.io.wavfile.read(path)
    scale = 32768.0 if x.dtype == np.int16 else 1.0
    x = x.astype(float) / scale
    return (x[:, 0] + 1j * x[:, 1] if x.ndim == 2 else x), fs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cli")
    ap.add_argument("picture")
    ap.add_argument("original")
    ap.add_argument("--raw")
    ap.add_argument("--rate", type=float)
    ap.add_argument("--loud", type=float, default=30)
    a = ap.parse_args()
    d = description(a.picture)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "y.npy")
        proc = subprocess.run([a.cli, "rebuild", a.picture, "--out", out], capture_output=True,
                              text=True)
        print(proc.stdout + proc.stderr, end="")
        y = np.load(out)
    x, fs = load(a.original, a.raw, a.rate)
    t0 = max(0, int(round(d["time_s"][0] * fs)))
    x = x[t0:t0 + len(y)]
    n = min(len(x), len(y))
    stft = d["stft"]
    kw = dict(fs=fs, nperseg=stft["nperseg"], noverlap=stft["noverlap"], nfft=stft["nfft"],
              return_onesided=not d["complex"])
    f, _, zx = scipy.signal.stft(x[:n], **kw)
    _, _, zy = scipy.signal.stft(y[:n], **kw)
    dx, dy = (20 * np.log10(np.abs(z) + 1e-12) for z in (zx, zy))
    loud = dx > dx.max() - a.loud
    print(f"whole plane: rebuilt {np.mean(dy - dx):+.2f} dB on average")
    print(f"cells within {a.loud:g} dB of the peak ({100 * loud.mean():.2f} %): "
          f"{np.mean((dy - dx)[loud]):+.2f} dB on average, {np.mean(np.abs(dy - dx)[loud]):.2f} "
          "dB apart")
    k = np.argmax((np.abs(zx) ** 2).sum(1))  # the strongest bin's band, +-5 % of the plane
    band = np.abs(f - f[k]) < 0.05 * (f.max() - f.min())
    cx, cy = ((f[band] * (np.abs(z[band]) ** 2).sum(1)).sum() / (np.abs(z[band]) ** 2).sum()
              for z in (zx, zy))
    print(f"strongest band's centroid: original {cx:.0f} Hz, rebuilt {cy:.0f} Hz "
          f"({cy - cx:+.0f} Hz; a row of the picture is "
          f"{(d['frequency_hz'][1] - d['frequency_hz'][0]) / d['plot']['height']:.0f} Hz)")


if __name__ == "__main__":
    main()
