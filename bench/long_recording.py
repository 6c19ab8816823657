#!/usr/bin/env python3
"""A 10-minute, 2 MS/s IQ recording through SpecEdit from end to end, beside a 1-minute one.

Writes two SigMF recordings (ci16_le, 433.92 MHz; 4.8 GB and 480 MB) holding a 20 ms burst
every 2 s (2-FSK, OOK or a chirp, 20 dB over the noise in its band), then runs on each:
`specedit-cli info`, `detect` (recall against the known bursts), `apply` with a project of
shapes (the output is checked against the source where no shape reaches), and the editor
(`specedit_view_bench --scroll`: open, then 2 s views one after the other across the whole
recording, each waited for until its picture is complete). For each step it prints the time
and the peak memory (the process's maximum resident set) and the ratio of the 10-minute run to
the 1-minute run: flat memory means a ratio near 1 while the time grows about tenfold.

    python3 bench/long_recording.py [BUILD_DIR] [--minutes 10] [--keep]

Needs numpy and 10 GB of free space in the temporary folder (the output of `apply` is as big
as the source). A benchmark, not a test: `cli.limits.*` keeps a small version in the tests.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

FS = 2_000_000
CENTRE = 433.92e6
PERIOD = 2.0
LENGTH = 0.02
NOISE = 300.0  # per component, in int16 steps


def bursts(seconds):
    """(t0, t1, offset Hz, kind) for a burst every PERIOD s, 1 s into each period."""
    out = []
    kinds = ["fsk", "ook", "chirp"]
    for k in range(int(seconds / PERIOD)):
        t0 = k * PERIOD + 1.0
        offset = -600e3 + (k * 137e3) % 1200e3
        out.append((t0, t0 + LENGTH, offset, kinds[k % 3]))
    return out


def burst_signal(s, offset, kind):
    amp = np.sqrt(10 ** 2.0 * 2 * NOISE**2 * 50e3 / FS)  # 20 dB over the noise in 50 kHz
    if kind == "fsk":
        bits = (np.floor(s * 10e3).astype(np.int64) * 2654435761 >> 7) & 1
        phase = 2 * np.pi * np.cumsum(offset + (2 * bits - 1) * 20e3) / FS
        return amp * np.exp(1j * phase)
    if kind == "ook":
        on = ((np.floor(s * 10e3).astype(np.int64) * 40503 >> 5) & 1) | (s < 1e-4)
        return amp * on * np.exp(2j * np.pi * offset * s)
    band = 50e3
    return amp * np.exp(2j * np.pi * ((offset - band / 2) * s + 0.5 * band / LENGTH * s * s))


def write_sigmf(base, seconds):
    """Writes base.sigmf-data and base.sigmf-meta, one second at a time."""
    rng = np.random.default_rng(7)
    scene = bursts(seconds)
    with open(base + ".sigmf-data", "wb") as out:
        for sec in range(int(seconds)):
            z = rng.normal(0, NOISE, 2 * FS).astype(np.float32).view(np.complex64)
            for t0, t1, offset, kind in scene:
                if sec <= t0 < sec + 1:
                    a = int(round(t0 * FS)) - sec * FS
                    n = int(round((t1 - t0) * FS))
                    s = np.arange(n) / FS
                    z[a:a + n] += burst_signal(s, offset, kind).astype(np.complex64)
            iq = np.empty(2 * FS, dtype="<i2")
            iq[0::2] = np.clip(np.round(z.real), -32768, 32767)
            iq[1::2] = np.clip(np.round(z.imag), -32768, 32767)
            iq.tofile(out)
    meta = {
        "global": {"core:datatype": "ci16_le", "core:sample_rate": FS, "core:version": "1.0.0",
                   "core:description": "SpecEdit long-recording benchmark"},
        "captures": [{"core:sample_start": 0, "core:frequency": CENTRE}],
        "annotations": [],
    }
    with open(base + ".sigmf-meta", "w") as f:
        json.dump(meta, f)
    return scene


def peak_mb(pid):
    """The process's high-water resident set (VmHWM) in MB, or 0 once it has exited."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return 0.0


def measured(cmd):
    """Runs cmd; returns (seconds, peak resident MB, stdout). The peak is read from /proc
    every 20 ms (the rusage of a child started from Python counts Python's own memory)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        peak = 0.0
        while proc.poll() is None:
            peak = max(peak, peak_mb(proc.pid))
            time.sleep(0.02)
        elapsed = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.read().decode()}")
        return elapsed, peak, out.read().decode()


def project(folder, base):
    """Three rectangles and a stroke that leave the first 0.9 s of every 2 s untouched."""
    shapes = []
    for i, (t0, t1, f0, f1) in enumerate([(1.0, 1.03, -650e3, -550e3), (3.0, 3.03, -500e3, -400e3),
                                          (5.0, 5.5, 100e3, 300e3), (7.0, 7.05, 0, 900e3)]):
        shapes.append({"id": i + 1, "type": "rect", "gain_db": None, "t0": t0, "t1": t1,
                       "f0": CENTRE + f0, "f1": CENTRE + f1})
    path = os.path.join(folder, os.path.basename(base) + ".specedit.json")
    with open(path, "w") as f:
        json.dump({"version": 1, "source": os.path.basename(base) + ".sigmf-data",
                   "analysis": {"window": "hann", "nperseg": 4096, "noverlap": 3072},
                   "shapes": shapes}, f)
    return path


def recall(found_csv, scene):
    with open(found_csv) as f:
        rows = [(float(r["t0_s"]), float(r["t1_s"])) for r in csv.DictReader(f)]
    hits = sum(any(a < t1 and b > t0 for a, b in rows) for t0, t1, _, _ in scene)
    return hits, len(rows)


def untouched_error(source, output, seconds):
    """Largest difference between source and output over 0.2-0.8 s of every 20th period."""
    src = np.memmap(source, dtype="<i2", mode="r")
    out = np.memmap(output, dtype="<i2", mode="r")
    if src.size != out.size:
        sys.exit(f"apply wrote {out.size} values, the source holds {src.size}")
    worst = 0
    for k in range(0, int(seconds / PERIOD), 20):
        a, b = int((k * PERIOD + 0.2) * FS) * 2, int((k * PERIOD + 0.8) * FS) * 2
        worst = max(worst, int(np.max(np.abs(src[a:b].astype(np.int32) - out[a:b]))))
    return worst


def one(build, folder, seconds):
    base = os.path.join(folder, f"long_{int(seconds)}s")
    start = time.perf_counter()
    scene = write_sigmf(base, seconds)
    wrote = time.perf_counter() - start
    data = base + ".sigmf-data"
    cli = os.path.join(build, "app", "specedit-cli")
    rows = {}
    rows["info"] = measured([cli, "info", data])
    found = base + ".detect.csv"
    rows["detect"] = measured([cli, "detect", data, "--out", found])
    hits, count = recall(found, scene)
    proj = project(folder, base)
    edited = base + ".edited.sigmf-data"
    rows["apply"] = measured([cli, "apply", proj, "--out", edited])
    worst = untouched_error(data, edited, seconds)
    os.remove(edited)
    view = os.path.join(build, "bench", "specedit_view_bench")
    rows["editor"] = measured([view, "--scroll", "2", data])
    notes = {"detect": f"{hits}/{len(scene)} bursts found, {count} detections",
             "apply": f"untouched stretches differ by at most {worst} LSB",
             "editor": " ".join(rows["editor"][2].strip().splitlines())}
    print(f"{seconds / 60:g} min: {os.path.getsize(data) / 1e9:.2f} GB written in {wrote:.0f} s")
    return rows, notes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", nargs="?", default="build")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--keep", action="store_true", help="keep the recordings")
    opts = parser.parse_args()
    build, minutes = opts.build, opts.minutes
    folder = tempfile.mkdtemp(prefix="specedit-long-")
    small, small_notes = one(build, folder, 60.0)
    big, big_notes = one(build, folder, minutes * 60.0)
    print(f"\n| step | 1 min: time, peak memory | {minutes:g} min: time, peak memory "
          "| memory ratio | notes |")
    print("|---|---:|---:|---:|---|")
    for step in small:
        (t1, m1, _), (t2, m2, _) = small[step], big[step]
        ratio = f"{m2 / m1:.2f}" if m1 >= 1 and m2 >= 1 else "–"
        print(f"| {step} | {t1:.2f} s, {m1:.0f} MB | {t2:.2f} s, {m2:.0f} MB | {ratio} "
              f"| {big_notes.get(step, '')} |")
    if not opts.keep:
        for name in os.listdir(folder):
            os.remove(os.path.join(folder, name))
        os.rmdir(folder)
    else:
        print(f"kept {folder}")


if __name__ == "__main__":
    main()
