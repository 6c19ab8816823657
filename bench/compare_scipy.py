#!/usr/bin/env python3
"""Side-by-side: read -> STFT -> mask -> ISTFT -> write of a 2 MHz IQ recording, by
scipy.signal (stft/istft, float32) and by `specedit-cli apply`, in one run. Prints time,
throughput, peak memory and the ratio, then SpecEdit's peak memory at 10 s against 60 s.

    /usr/bin/python3 bench/compare_scipy.py build/app/specedit-cli [--seconds 10] [--skip-scipy]

Each job runs in its own child process; peak memory is that child's max RSS (os.wait4).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

WINDOWS = [1024, 4096, 40000]
CENTER = 433.92e6

SCIPY_JOB = r"""
import sys, numpy as np, scipy.signal, scipy.io.wavfile
src, dst, nperseg = sys.argv[1], sys.argv[2], int(sys.argv[3])
fs, a = scipy.io.wavfile.read(src, mmap=True)
x = (a[:, 0].astype(np.float32) + 1j * a[:, 1].astype(np.float32)) / np.float32(32768)
f, t, z = scipy.signal.stft(x, fs=fs, nperseg=nperseg, noverlap=3 * nperseg // 4,
                            return_onesided=False)
f = f + 433.92e6
z[np.ix_(np.abs(f - 433.92e6) <= 20000, (t >= 1.0) & (t <= 2.0))] *= 1e-6
_, y = scipy.signal.istft(z, fs=fs, nperseg=nperseg, noverlap=3 * nperseg // 4,
                          input_onesided=False)
y = y[: len(x)]
out = np.empty((len(y), 2), dtype=np.int16)
out[:, 0] = np.clip(np.round(y.real * 32768), -32768, 32767)
out[:, 1] = np.clip(np.round(y.imag * 32768), -32768, 32767)
scipy.io.wavfile.write(dst, fs, out)
"""


def measure(cmd):
    """Runs cmd; returns (seconds, peak RSS in MB). Raises on failure."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode()
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{cmd[0]} failed: {err.strip()[-500:]}")
    return seconds, usage.ru_maxrss / 1024.0


def make_recording(cli, folder, seconds):
    subprocess.run([cli, "demo", "--out", folder, "--iq-seconds", str(seconds)], check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(folder, "SDRuno_20261121_120000Z_433920kHz.wav")


def make_project(folder, recording, nperseg):
    path = os.path.join(folder, f"bench_{nperseg}.specedit.json")
    with open(path, "w") as f:
        json.dump({"version": 1, "source": os.path.basename(recording),
                   "analysis": {"window": "hann", "nperseg": nperseg,
                                "noverlap": 3 * nperseg // 4, "nfft": nperseg},
                   "shapes": [{"type": "rect", "t0": 1.0, "t1": 2.0, "f0": CENTER - 20000,
                               "f1": CENTER + 20000, "gain_db": -120}]}, f)
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cli")
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--skip-scipy", action="store_true")
    ap.add_argument("--skip-memory", action="store_true")
    args = ap.parse_args()
    cli = os.path.abspath(args.cli)
    with tempfile.TemporaryDirectory(prefix="specedit-bench-") as tmp:
        rec = make_recording(cli, tmp, args.seconds)
        samples = args.seconds * 2e6
        print(f"recording: {args.seconds:g} s of 2 MHz IQ, int16 WAV ({os.path.getsize(rec) / 1e6:.0f} MB)")
        print(f"{'window':>7} | {'scipy s':>8} {'scipy MS/s':>10} {'scipy MB':>9} | "
              f"{'SpecEdit s':>10} {'MS/s':>7} {'MB':>6} | {'speed-up':>8}")
        for nperseg in WINDOWS:
            project = make_project(tmp, rec, nperseg)
            # Untimed first run: FFTW measures plans for a new size once per machine and keeps
            # them as wisdom (~/.cache/specedit); every later run starts planned.
            measure([cli, "apply", project, "--out", os.path.join(tmp, "o.wav")])
            ours_s, ours_mb = measure([cli, "apply", project, "--out", os.path.join(tmp, "o.wav")])
            if args.skip_scipy:
                sp = "      (skipped)                |"
                ratio = "-"
            else:
                sc_s, sc_mb = measure([sys.executable, "-c", SCIPY_JOB, rec,
                                       os.path.join(tmp, "s.wav"), str(nperseg)])
                sp = f"{sc_s:8.2f} {samples / sc_s / 1e6:10.2f} {sc_mb:9.0f} |"
                ratio = f"{sc_s / ours_s:7.1f}x"
            print(f"{nperseg:>7} | {sp} {ours_s:10.2f} {samples / ours_s / 1e6:7.1f} "
                  f"{ours_mb:6.0f} | {ratio:>8}", flush=True)
        if args.skip_memory:
            return
        print("\npeak memory of `specedit-cli apply` (window 4096) against recording length:")
        for seconds in (10.0, 60.0):
            folder = os.path.join(tmp, f"m{int(seconds)}")
            rec = make_recording(cli, folder, seconds)
            project = make_project(folder, rec, 4096)
            s, mb = measure([cli, "apply", project, "--out", os.path.join(folder, "o.wav")])
            print(f"  {seconds:4.0f} s: {mb:6.0f} MB peak, {s:6.2f} s ({seconds * 2e6 / s / 1e6:.1f} MS/s)",
                  flush=True)


if __name__ == "__main__":
    main()
