#!/usr/bin/env python3
"""Magnitude-only guess on speech: where `specedit-cli guess` ranks the true reading.

For 10 s of each of the four speech recordings of bench/phase_bench.py (recorded and espeak,
8 kHz with Hann 256 and 16 kHz with Hann 512), scipy.signal.stft magnitudes are made in seven
ways: Hann at 50 and 75 % overlap in dB (20 log10) and linear, and Hamming, Blackman and boxcar
at 50 % linear. Each goes to `specedit-cli guess` without a phase or a length, and the rank of
the true reading (window, length, hop, unit, one-sided) is printed with the top reading.

Then why a hop of nfft/2 + 1 or more cannot be told from magnitudes alone: the first 256
frames of the recorded 8 kHz boxcar 256 / hop 128 magnitudes are rebuilt (20 iterations, frames
from the first sample, as `guess` scores them) read at their true hop and at hop 192, and the
same frames shuffled in time; the consistency gain is what the magnitudes reach minus what the
shuffled frames reach.

Dependencies as bench/phase_bench.py (codec2-examples, alsa-utils, espeak-ng; python3-scipy).
Run (about 7 minutes on two cores):
    /usr/bin/python3 bench/guess_magnitudes.py build/app/specedit-cli
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import scipy.signal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import phase_bench  # noqa: E402  (the speech sources)

CASES = [("recorded", "8 kHz", 8000, 256, (300.0, 3400.0)),
         ("espeak", "8 kHz", 8000, 256, (300.0, 3400.0)),
         ("recorded", "16 kHz", 16000, 512, None),
         ("espeak", "16 kHz", 16000, 512, None)]
# name, window, overlap (fraction), unit
VARIANTS = [("hann 50 % db", "hann", 2, "db"), ("hann 50 % linear", "hann", 2, "linear"),
            ("hann 75 % db", "hann", 4, "db"), ("hann 75 % linear", "hann", 4, "linear"),
            ("hamming 50 % linear", "hamming", 2, "linear"),
            ("blackman 50 % linear", "blackman", 2, "linear"),
            ("boxcar 50 % linear", "boxcar", 2, "linear")]


def source(corpus, case_name, cache):
    if corpus == "recorded":
        return phase_bench.recorded_speech(case_name)
    return phase_bench.speech(cache)


def rank_of(cli, path, fs, window, n, hop, unit):
    out = subprocess.run([cli, "guess", path, "--fs", str(fs), "--top", "400"],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("specedit-cli guess %s failed:\n%s" % (path, out.stderr))
    ranked = json.loads(out.stdout)["candidates"]
    for i, c in enumerate(ranked):
        if (c["window"], c["nperseg"], c["hop"], c["mag_unit"], c["sides"]) == (
                window, n, hop, unit, "onesided"):
            return i + 1, ranked[0]["summary"]
    return None, ranked[0]["summary"]


def spectral_convergence(cli, mag, fs, window, n, hop, tmp):
    frames = mag.shape[1]
    path = os.path.join(tmp, "frames.npy")
    np.save(path, mag)
    out = subprocess.run([cli, "rebuild", path, "--fs", str(fs), "--window", window,
                          "--nperseg", str(n), "--noverlap", str(n - hop), "--iterations", "20",
                          "--uncentred", "--length", str((frames - 1) * hop + n), "--out",
                          os.path.join(tmp, "frames.wav")], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("specedit-cli rebuild failed:\n%s" % out.stderr)
    return float(out.stdout.split("spectral convergence ")[1].split(" dB")[0])


def long_hop(cli, tmp):
    fs, n = 8000, 256
    x = phase_bench.prepare(*source("recorded", "8 kHz", tmp), fs, 64, (300.0, 3400.0))
    mag = np.abs(scipy.signal.stft(x[: 10 * fs], fs, "boxcar", n, n // 2)[2])[:, :256]
    shuffled = mag[:, np.random.default_rng(1).permutation(mag.shape[1])]
    for hop in (128, 192):
        a = spectral_convergence(cli, mag.astype(np.float32), fs, "boxcar", n, hop, tmp)
        b = spectral_convergence(cli, shuffled.astype(np.float32), fs, "boxcar", n, hop, tmp)
        print("boxcar 256/128 speech read at hop %d: %.1f dB, frames shuffled %.1f dB, "
              "gain %.1f dB" % (hop, a, b, a - b), flush=True)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    cli = sys.argv[1]
    first = total = 0
    with tempfile.TemporaryDirectory() as tmp:
        for corpus, case_name, fs, n, band in CASES:
            x = phase_bench.prepare(*source(corpus, case_name, tmp), fs, 64, band)[: 10 * fs]
            for label, window, overlap, unit in VARIANTS:
                hop = n // overlap
                z = np.abs(scipy.signal.stft(x, fs, window, n, n - hop)[2])
                m = 20 * np.log10(z + 1e-9) if unit == "db" else z
                path = os.path.join(tmp, "m.npy")
                np.save(path, m.astype(np.float32))
                rank, top = rank_of(cli, path, fs, window, n, hop, unit)
                first += rank == 1
                total += 1
                print("%-8s %-6s %-20s true reading ranked %-4s top: %s" % (
                    corpus, case_name, label, rank, top), flush=True)
        print("true reading first in %d of %d" % (first, total))
        long_hop(cli, tmp)


if __name__ == "__main__":
    main()
