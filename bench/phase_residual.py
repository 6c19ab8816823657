#!/usr/bin/env python3
"""Where PGHI + RAAR/fast Griffin-Lim leave their error: a diagnostic behind the README's
phase-retrieval figures (not a benchmark of speed).

On the recorded speech of bench/phase_bench.py (8 kHz, Hann 256 / hop 64 by default):
1. specedit-cli rebuilds the signal from its magnitudes with PGHI and one Griffin-Lim step;
2. the time-frequency plane is cut into "partial regions": blocks of T frames, each block's
   bins split at the local minima of the block's mean magnitude (one region per harmonic or
   formant peak per block);
3. each region of the PGHI phase is turned by the one constant angle that best aligns it with
   the true STFT's phase (an oracle: the true phase is known here, never in use);
4. specedit-cli refines the PGHI phase and the turned phase with the same 100 iterations.

If the turned start ends far below the plain one, the iterations' remaining error is set by
the relative phase offsets PGHI gives whole partials (a few thousand numbers), which the
iterations correct only slowly. It also prints how many adjacent partials PGHI offsets by
more than pi/4 from each other, compared with the truth.

Run (dependencies as for bench/phase_bench.py):
    /usr/bin/python3 bench/phase_residual.py build/app/specedit-cli [--case 16] [--block 16]
"""
import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import phase_bench as pb  # noqa: E402  (the bench's speech and measurement)

import scipy.signal  # noqa: E402


def stft(x, fs, n, hop):
    return scipy.signal.stft(x, fs, window="hann", nperseg=n, noverlap=n - hop)[2]


def partial_regions(s, block):
    """Region index per coefficient (bins x frames)."""
    bins, frames = s.shape
    regions = np.zeros(s.shape, dtype=np.int64)
    next_id = 0
    for j0 in range(0, frames, block):
        mean = s[:, j0:j0 + block].mean(axis=1)
        valley = np.zeros(bins, dtype=np.int64)
        valley[1:-1] = (mean[1:-1] < mean[:-2]) & (mean[1:-1] <= mean[2:])
        segment = np.cumsum(valley)
        regions[:, j0:j0 + block] = next_id + segment[:, None]
        next_id += segment[-1] + 1
    return regions, next_id


def region_sums(regions, count, values):
    flat = regions.ravel()
    v = values.ravel()
    return (np.bincount(flat, weights=v.real, minlength=count)
            + 1j * np.bincount(flat, weights=v.imag, minlength=count))


def rebuild(cli, tmp, case, s, length, args):
    _, fs, n, hop, _ = case
    out = os.path.join(tmp, "out.npy")
    cmd = [cli, "rebuild", os.path.join(tmp, "mag.npy"), "--fs", str(fs), "--window", "hann",
           "--nperseg", str(n), "--noverlap", str(n - hop), "--length", str(length),
           "--threads", "1", "--out", out] + args
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        pb.cli_error(cmd, "failed (exit %d)" % p.returncode, p.stderr)
    return np.load(out).astype(np.float64)


def adjacent_offsets(regions, count, turn, energy):
    """Energy-weighted share of adjacent partials (same block, neighbouring regions) whose
    PGHI relative phase is within pi/4 of the true one."""
    pairs = set()
    for j0 in range(regions.shape[1]):
        ids = np.unique(regions[:, j0])
        pairs.update(zip(ids[:-1], ids[1:]))
    a, b = np.array(sorted(pairs)).T
    off = np.abs(np.angle(turn[b] / turn[a]))
    w = np.minimum(energy[a], energy[b])
    return w[off < np.pi / 4].sum() / w.sum(), len(a)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cli")
    ap.add_argument("--case", choices=["8", "16"], default="8")
    ap.add_argument("--block", type=int, default=16, help="frames per region (T)")
    ap.add_argument("--iterations", type=int, default=100)
    a = ap.parse_args()
    case = pb.CASES[0 if a.case == "8" else 1]
    name, fs, n, hop, band = case
    x = pb.prepare(*pb.recorded_speech(name), fs, hop, band)
    s = pb.magnitude(x, fs, n, hop)
    truth = stft(x, fs, n, hop)
    with tempfile.TemporaryDirectory() as tmp:
        np.save(os.path.join(tmp, "mag.npy"), s.astype(np.float32))
        y1 = rebuild(a.cli, tmp, case, s, len(x), ["--method", "gla", "--init", "pghi",
                                                   "--iterations", "1"])
        start = stft(y1, fs, n, hop)
        regions, count = partial_regions(s, a.block)
        g = region_sums(regions, count, np.conj(start) * truth)
        turn = np.where(np.abs(g) > 0, g / np.maximum(np.abs(g), 1e-300), 1)
        turned = start * turn[regions]
        rows = []
        for label, spectrum in [("PGHI + 1 GLA", start), ("same, partials turned (oracle)",
                                                          turned)]:
            np.save(os.path.join(tmp, "phase.npy"), np.angle(spectrum).astype(np.float32))
            before = pb.convergence_db(np.asarray(
                scipy.signal.istft(s * np.exp(1j * np.angle(spectrum)), fs, window="hann",
                                   nperseg=n, noverlap=n - hop)[1][:len(x)]), s, fs, n, hop)
            y = rebuild(a.cli, tmp, case, s, len(x), ["--phase", os.path.join(tmp, "phase.npy"),
                                                      "--iterations", str(a.iterations)])
            rows.append((label, before, pb.convergence_db(y, s, fs, n, hop)))
    energy = region_sums(regions, count, s.astype(np.complex128) ** 2).real
    share, pairs = adjacent_offsets(regions, count, turn, energy)
    print("%s recorded speech, %.1f s, Hann %d / hop %d; %d partial regions of %d frames" % (
        name, len(x) / fs, n, hop, count, a.block))
    for label, before, after in rows:
        print("  %-32s start SC %6.1f dB -> after %d iterations (RAAR + fast Griffin-Lim) "
              "%6.1f dB" % (label, before, a.iterations, after))
    print("  adjacent partials whose PGHI relative phase is within pi/4 of the truth: %.0f %% "
          "(energy-weighted, %d pairs)" % (100 * share, pairs))


if __name__ == "__main__":
    main()
