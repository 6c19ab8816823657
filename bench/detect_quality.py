#!/usr/bin/env python3
"""Burst detection quality and speed: specedit-cli detect beside rtl_433 -A.

Usage: bench/detect_quality.py build/app/specedit-cli [seconds-per-scene]

For each SNR (0 to 20 dB, measured in each burst's own band) a 2 MS/s IQ recording with
known bursts is written as cu8: on/off keyed and 2-FSK packets, chirps, pulses from 50 us to
500 ms, two at once in different bands, over a steady carrier and a DC offset. Both tools read
the same file. A detection matches a burst when their time intervals overlap by at least half
of their union (IoU >= 0.5); SpecEdit's boxes must also hold the burst's centre frequency
("t+f"), and are scored on time alone as well ("t"), since rtl_433 reports no band.
Then both run on a 60 s recording for speed. Needs numpy and Debian's rtl-433.
"""
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

FS = 2e6
CENTRE = 433.92e6


def scene(seconds, rng):
    """Bursts as (t0, t1, centre offset Hz, band Hz, kind), two every 250 ms."""
    bursts = []
    kinds = ["ook", "fsk", "chirp", "pulse", "tone"]
    t = 0.05
    i = 0
    while t + 0.2 < seconds:
        kind = kinds[i % len(kinds)]
        length = {"ook": 0.02, "fsk": 0.03, "chirp": 0.01,
                  "pulse": [50e-6, 200e-6, 500e-6][i % 3], "tone": [0.1, 0.5][i % 2]}[kind]
        if t + length + 0.05 >= seconds:
            break
        f = rng.uniform(-700e3, 700e3)
        band = {"ook": 20e3, "fsk": 70e3, "chirp": 200e3, "pulse": 2 / length, "tone": 10e3}[kind]
        bursts.append((t, t + length, f, band, kind))
        if i % 4 == 3:  # another one at once, far away in frequency
            bursts.append((t, t + length, -f, band, "tone"))
        t += max(0.25, length + 0.1)
        i += 1
    return bursts


def write_recording(path, seconds, bursts, snr_db, rng):
    n = int(seconds * FS)
    noise_std = 6.0  # per component, in cu8 steps
    with open(path, "wb") as out:
        step = int(FS)
        for a in range(0, n, step):
            b = min(n, a + step)
            t = np.arange(a, b) / FS
            z = rng.normal(0, noise_std, b - a) + 1j * rng.normal(0, noise_std, b - a)
            z += 3.0 + 0.0j  # DC offset
            z += 3.0 * np.exp(-2j * np.pi * 50e3 * t)  # steady carrier
            for t0, t1, f, band, kind in bursts:
                on = (t >= t0) & (t < t1)
                if not on.any():
                    continue
                s = t[on] - t0
                # Noise power in the burst's band: 2 sigma^2 * band / fs.
                amp = np.sqrt(10 ** (snr_db / 10) * 2 * noise_std ** 2 * band / FS)
                if kind == "chirp":
                    phase = 2 * np.pi * ((f - band / 2) * s + 0.5 * band / (t1 - t0) * s * s)
                elif kind == "fsk":
                    bits = (np.floor(s * 10e3).astype(int) * 2654435761 >> 7) & 1
                    phase = 2 * np.pi * np.cumsum(f + (2 * bits - 1) * 25e3) / FS
                else:
                    phase = 2 * np.pi * f * s
                sig = amp * np.exp(1j * phase)
                if kind == "ook":
                    sig *= ((np.floor(s * 10e3).astype(int) * 40503 >> 5) & 1) | (s < 1e-4)
                z[on] += sig
            iq = np.empty(2 * (b - a), dtype=np.uint8)
            iq[0::2] = np.clip(np.round(z.real + 127.5), 0, 255)
            iq[1::2] = np.clip(np.round(z.imag + 127.5), 0, 255)
            iq.tofile(out)


def iou(a0, a1, b0, b1):
    inter = max(0.0, min(a1, b1) - max(a0, b0))
    return inter / (max(a1, b1) - min(a0, b0))


def score(found, bursts, with_frequency):
    def match(d, u):
        if iou(d[0], d[1], u[0], u[1]) < 0.5:
            return False
        return not with_frequency or d[2] <= CENTRE + u[2] <= d[3]

    hits = sum(any(match(d, u) for d in found) for u in bursts)
    right = sum(any(match(d, u) for u in bursts) for d in found)
    p = right / len(found) if found else 0.0
    r = hits / len(bursts)
    f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return p, r, f1


def specedit(cli, path, out):
    start = time.perf_counter()
    subprocess.run([cli, "detect", path, "--rate", str(FS), "--center", str(CENTRE), "--out", out],
                   check=True, capture_output=True)
    elapsed = time.perf_counter() - start
    with open(out) as f:
        rows = list(csv.DictReader(f))
    return [(float(r["t0_s"]), float(r["t1_s"]), float(r["f0_hz"]), float(r["f1_hz"]))
            for r in rows], elapsed


def rtl433(path):
    start = time.perf_counter()
    proc = subprocess.run(["rtl_433", "-A", "-s", str(int(FS)), "-r", "cu8:" + path],
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    found = []
    starts = re.finditer(r"Detected (?:OOK|FSK) package\s+@([0-9.]+)s", proc.stdout + proc.stderr)
    text = proc.stdout + proc.stderr
    for m in starts:
        width = re.search(r"Total count:\s+\d+,\s+width:\s+([0-9.]+) ms", text[m.end():])
        length = float(width.group(1)) / 1e3 if width else 0.0
        found.append((float(m.group(1)), float(m.group(1)) + length, -np.inf, np.inf))
    return found, elapsed


def main():
    cli = sys.argv[1] if len(sys.argv) > 1 else "build/app/specedit-cli"
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
    if not shutil.which("rtl_433"):
        sys.exit("rtl_433 not found: apt-get install rtl-433")
    rng = np.random.default_rng(7)
    bursts = scene(seconds, rng)
    tmp = tempfile.mkdtemp(prefix="specedit-detect-")
    print(f"{len(bursts)} bursts in {seconds:g} s at 2 MS/s")
    print("| SNR dB | SpecEdit t+f P / R / F1 | SpecEdit t P / R / F1 | rtl_433 -A t P / R / F1 |")
    print("|---:|---|---|---|")
    for snr in [0, 5, 10, 15, 20]:
        path = os.path.join(tmp, f"scene_{snr}.cu8")
        write_recording(path, seconds, bursts, snr, np.random.default_rng(snr))
        ours, _ = specedit(cli, path, os.path.join(tmp, "o.csv"))
        theirs, _ = rtl433(path)
        cells = [score(ours, bursts, True), score(ours, bursts, False), score(theirs, bursts, False)]
        print(f"| {snr} | " + " | ".join("%.2f / %.2f / %.2f" % c for c in cells) + " |")
        os.remove(path)
    long_bursts = scene(60.0, np.random.default_rng(3))
    path = os.path.join(tmp, "long.cu8")
    write_recording(path, 60.0, long_bursts, 10, np.random.default_rng(4))
    _, ours_s = specedit(cli, path, os.path.join(tmp, "o.csv"))
    _, theirs_s = rtl433(path)
    print(f"\n60 s at 2 MS/s: SpecEdit {ours_s:.2f} s, rtl_433 -A {theirs_s:.2f} s "
          f"(ratio {ours_s / theirs_s:.2f})")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
