#!/usr/bin/env python3
"""Phase retrieval benchmark: SpecEdit (`specedit-cli rebuild`) against
torchaudio.transforms.GriffinLim, on recorded speech (Debian's codec2 and ALSA samples) and
on synthetic speech (espeak-ng).

Measures, for 8 kHz telephone speech (Hann 256 / hop 64) and 16 kHz speech
(Hann 512 / hop 128): the spectral convergence SC = 20 log10(|| |stft(y)| - S || / ||S||)
of every rebuilt signal y, computed here the same way for every method (scipy.signal.stft,
Hann, boundary zeros, padded), next to SpecEdit's own figure; and the time per iteration,
in ms and in ms per second of audio, on one core and on all cores.

Speech (--speech, both by default):
- recorded: 8 kHz telephone speech, /usr/share/codec2/raw/hts.raw (24 s of two speakers,
  codec2-examples); 16 kHz, /usr/share/codec2/raw/speech_orig_16k.wav (10.8 s) followed by the
  eight spoken channel names of alsa-utils (/usr/share/sounds/alsa, 48 kHz, 11.4 s).
- espeak: the paragraph below read by espeak-ng at 150 words per minute (30.7 s).

Dependencies (Debian 12; benchmark only, not needed to build SpecEdit):
    apt-get install python3-torchaudio espeak-ng codec2-examples alsa-utils
    (numpy, scipy: python3-scipy)
Run:
    /usr/bin/python3 bench/phase_bench.py build/app/specedit-cli [--repeat 3] [--speech recorded]
    /usr/bin/python3 bench/phase_bench.py --torch-only       # torchaudio and measurement only
    ... --save-magnitudes DIR      also keep the magnitudes (e.g. for specedit-cli guess)
    ... --redundancy8              also the PGHI lines at hop 32 (8 kHz recorded speech)

Momentum: torchaudio 0.13 `griffinlim` turns its `momentum` m into b = m / (1 + m) and
iterates d_n = t_n - b t_{n-1}, keeping only the phase of d_n. Perraudin's fast Griffin-Lim
(and SpecEdit) use c_n = t_n + a (t_n - t_{n-1}) = (1 + a) (t_n - a/(1+a) t_{n-1}); the
magnitude projection ignores the positive factor (1 + a), so m = a: torchaudio's 0.99 is the
same algorithm as SpecEdit's --momentum 0.99 and is passed unchanged (checked: a direct
Perraudin loop with a = 0.99 matches torchaudio's output to 1e-12). Remaining differences:
torchaudio's first step has no momentum (t_0 = 0), and its inner re-analysis pads with
`reflect`, so its edge frames follow a slightly different consistency rule.

Threads: the one-core lines use torch.set_num_threads(1) and `--threads 1`; the all-cores
lines set torch to every core in the affinity mask explicitly (torch's default here can be 1).
"""
import argparse
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from fractions import Fraction

import numpy as np
import scipy.io.wavfile
import scipy.signal

TEXT = (  # about 31 s at 150 words per minute
    "The north wind and the sun were disputing which was the stronger, when a traveller "
    "came along wrapped in a warm cloak. They agreed that the one who first succeeded in "
    "making the traveller take his cloak off should be considered stronger than the other. "
    "Then the north wind blew as hard as he could, but the more he blew the more closely "
    "did the traveller fold his cloak around him, and at last the north wind gave up the "
    "attempt. Then the sun shone out warmly, and the traveller took off his cloak."
)
MIN_SECONDS = 22.0
MOMENTUM = 0.99
CASES = [  # name, fs, nperseg, hop, band-pass (Hz) or None
    ("8 kHz", 8000, 256, 64, (300.0, 3400.0)),
    ("16 kHz", 16000, 512, 128, None),
]
# --redundancy8: the 8 kHz speech at hop 32 (redundancy 8, as LTFAT's phaseret reproduces its
# published PGHI table: a = 256, M = 2048), for the PGHI runs only.
REDUNDANCY8 = ("8 kHz, hop 32", 8000, 256, 32, (300.0, 3400.0))
REDUNDANCY8_RUNS = ("pghi_raar100", "pghi_raar200", "pghi_fgla100", "pghi_fgla200")
# key, label, method, init, iterations, threads, torchaudio row to compare the speed with
SPECEDIT_RUNS = [
    ("raar_zero", "SpecEdit RAAR+FGLA, zero phase", "raar", "zero", 100, 1, "ta"),
    ("pghi_raar100", "SpecEdit PGHI + RAAR+FGLA", "raar", "pghi", 100, 1, "ta"),
    ("pghi_raar200", "SpecEdit PGHI + RAAR+FGLA", "raar", "pghi", 200, 1, "ta"),
    ("fgla_zero", "SpecEdit FGLA, zero phase", "fgla", "zero", 100, 1, "ta"),
    ("pghi_fgla100", "SpecEdit PGHI + FGLA", "fgla", "pghi", 100, 1, "ta"),
    ("pghi_fgla200", "SpecEdit PGHI + FGLA", "fgla", "pghi", 200, 1, "ta"),
    ("pghi", "SpecEdit PGHI (+1 GLA)", "gla", "pghi", 1, 1, None),
    ("pghi_lbfgs", "SpecEdit PGHI + L-BFGS", "lbfgs", "pghi", 100, 1, "ta"),
    ("gla_zero", "SpecEdit GLA, zero phase", "gla", "zero", 100, 1, "ta_gla"),
    ("pghi_fgla100_mt", "SpecEdit PGHI + FGLA", "fgla", "pghi", 100, 0, "ta_mt"),
]
INSTALL_HINT = ("install the benchmark dependencies: "
                "apt-get install python3-torchaudio espeak-ng codec2-examples alsa-utils")
CODEC2_8K = "/usr/share/codec2/raw/hts.raw"  # headerless 16-bit little-endian, 8 kHz, mono
CODEC2_16K = "/usr/share/codec2/raw/speech_orig_16k.wav"
ALSA_VOICES = ["Front_Center", "Front_Left", "Front_Right", "Rear_Center", "Rear_Left",
               "Rear_Right", "Side_Left", "Side_Right"]


def all_cores():
    return len(os.sched_getaffinity(0))


def espeak_version():
    out = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True).stdout
    return " ".join(out.split()[:4])


def speech(cache_dir):
    """The espeak-ng paragraph as float64 in [-1, 1] and its sample rate (cached)."""
    path = os.path.join(cache_dir, "speech_%s.wav" % hashlib.sha1(TEXT.encode()).hexdigest()[:10])
    if not os.path.exists(path):
        subprocess.run(["espeak-ng", "-w", path + ".tmp", "-s", "150", TEXT], check=True)
        os.replace(path + ".tmp", path)
    return read_wav(path)


def read_wav(path):
    fs, a = scipy.io.wavfile.read(path)
    a = a.astype(np.float64) / (32768.0 if a.dtype == np.int16 else 1.0)
    return fs, a if a.ndim == 1 else a[:, 0]


def recorded_speech(case_name):
    """Recorded speech for a case: (sample rate, float64 samples), or exit naming what is
    missing."""
    narrow = case_name.startswith("8 kHz")
    paths = [CODEC2_8K] if narrow else (
        [CODEC2_16K] + ["/usr/share/sounds/alsa/%s.wav" % v for v in ALSA_VOICES])
    missing = [p for p in paths if not os.path.isfile(p)]
    if missing:
        print("%s not found; %s" % (", ".join(missing), INSTALL_HINT), file=sys.stderr)
        sys.exit(2)
    if narrow:
        return 8000, np.fromfile(CODEC2_8K, dtype="<i2").astype(np.float64) / 32768.0
    parts = []
    for p in paths:
        fs, a = read_wav(p)
        r = Fraction(16000, fs)
        parts.append(scipy.signal.resample_poly(a, r.numerator, r.denominator))
    return 16000, np.concatenate(parts)


def prepare(raw_fs, raw, fs, hop, band):
    """Resample, band-limit, normalise to peak 0.5, cut to a whole number of hops
    (so scipy's padded STFT and torch's centred STFT have the same frames)."""
    r = Fraction(fs, raw_fs)
    x = scipy.signal.resample_poly(raw, r.numerator, r.denominator)
    if band is not None:
        sos = scipy.signal.butter(6, band, btype="bandpass", fs=fs, output="sos")
        x = scipy.signal.sosfiltfilt(sos, x)
    x = x[: len(x) // hop * hop]
    return 0.5 * x / np.max(np.abs(x))


def magnitude(y, fs, n, hop):
    return np.abs(scipy.signal.stft(y, fs, window="hann", nperseg=n, noverlap=n - hop)[2])


def convergence_db(y, s, fs, n, hop):
    return 20 * np.log10(np.linalg.norm(magnitude(y, fs, n, hop) - s) / np.linalg.norm(s))


def cli_error(cmd, what, stderr=""):
    print("specedit-cli %s:\n  %s\n%s" % (what, shlex.join(cmd), stderr), file=sys.stderr)
    sys.exit(1)


def run_specedit(cli, tmp, case, s, length, run, repeat):
    _, fs, n, hop, _ = case
    key, label, method, init, iters, threads, ref = run
    mag, out, rep = (os.path.join(tmp, f) for f in ("mag.npy", "out.npy", "report.json"))
    np.save(mag, s.astype(np.float32))
    cmd = [cli, "rebuild", mag, "--fs", str(fs), "--window", "hann", "--nperseg", str(n),
           "--noverlap", str(n - hop), "--length", str(length), "--method", method,
           "--init", init, "--iterations", str(iters), "--momentum", str(MOMENTUM),
           "--threads", str(threads), "--report", rep, "--out", out]
    best = None
    for _ in range(repeat):
        for f in (out, rep):
            if os.path.exists(f):
                os.remove(f)
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0 or not os.path.exists(out) or not os.path.exists(rep):
            cli_error(cmd, "failed (exit %d)" % p.returncode, p.stderr)
        with open(rep) as f:
            r = json.load(f)
        if best is None or r["seconds_per_iteration"] < best["seconds_per_iteration"]:
            best, y = r, np.load(out).astype(np.float64)
    if y.shape != (length,):
        cli_error(cmd, "wrote an array of shape %s, expected (%d,)" % (y.shape, length))
    return dict(key=key, label=label + ("" if threads else " (all cores)"), iters=iters,
                sc=convergence_db(y, s, fs, n, hop), cli_sc=best["final_convergence_db"],
                ms=1e3 * best["seconds_per_iteration"], init_ms=1e3 * best["init_seconds"],
                ref=ref)


def run_torch(torch, torchaudio, x, case, s, spec):
    """spec: (key, label, momentum, rand_init, threads, iterations, repeat, dtype)."""
    _, fs, n, hop, _ = case
    key, label, momentum, rand, threads, iters, repeat, dtype = spec
    torch.set_num_threads(threads)
    xt = torch.from_numpy(x).to(dtype)
    win = torch.hann_window(n, dtype=dtype)
    mag = torch.stft(xt, n_fft=n, hop_length=hop, win_length=n, window=win, center=True,
                     pad_mode="constant", return_complex=True).abs()
    best = float("inf")
    for _ in range(repeat):
        torch.manual_seed(0)
        gl = torchaudio.transforms.GriffinLim(
            n_fft=n, win_length=n, hop_length=hop, power=1.0, n_iter=iters, momentum=momentum,
            rand_init=rand, length=len(x), wkwargs={"dtype": dtype})
        t0 = time.perf_counter()
        y = gl(mag)
        best = min(best, time.perf_counter() - t0)
    y = y.numpy().astype(np.float64)
    return dict(key=key, label=label, iters=iters, sc=convergence_db(y, s, fs, n, hop),
                cli_sc=None, ms=1e3 * best / iters, init_ms=None, ref=None)


def torch_rows(x, case, s, repeat, dtype_name, only_fast=False):
    import torch
    import torchaudio
    dtype = getattr(torch, dtype_name)
    specs = [("ta", "torchaudio GriffinLim (0.99)", MOMENTUM, False, 1),
             ("ta_rand", "torchaudio GriffinLim (0.99), rand", MOMENTUM, True, 1),
             ("ta_gla", "torchaudio GriffinLim (0, GLA)", 0.0, False, 1),
             ("ta_mt", "torchaudio GriffinLim (0.99) (%d cores)" % all_cores(), MOMENTUM, False,
              all_cores())][: 1 if only_fast else None]
    run_torch(torch, torchaudio, x, case, s, ("warm", "", MOMENTUM, False, 1, 3, 1, dtype))
    rows = [run_torch(torch, torchaudio, x, case, s, sp + (100, repeat, dtype)) for sp in specs]
    torch.set_num_threads(1)
    return rows


def fmt(v, spec, none="–"):
    return none if v is None else format(v, spec)


def table_cells(rows, seconds):
    by_key = {r["key"]: r for r in rows}
    out = []
    for r in rows:
        ref = by_key.get(r["ref"]) if r["ref"] else None
        speed = "–"
        if ref is not None and r["ms"] > 0:
            f = ref["ms"] / r["ms"]
            speed = "%.1f× faster" % f if f >= 1 else "%.1f× slower" % (1 / f)
        out.append([r["label"], str(r["iters"]), fmt(r["sc"], ".1f"), fmt(r["cli_sc"], ".1f"),
                    fmt(r["init_ms"], ".1f"), fmt(r["ms"], ".2f"), fmt(r["ms"] / seconds, ".4f"),
                    speed])
    return out


HEAD = ["method", "iters", "SC (dB)", "CLI SC", "init ms", "ms/iter", "ms/iter per s of audio",
        "vs torchaudio"]


def targets(rows, case_name, seconds):
    by_key = {r["key"]: r for r in rows}

    def check(key, limit, what, value=lambda r: r["sc"], unit="dB"):
        r = by_key.get(key)
        if r is None:
            return "%s ≤ %g %s: n/a" % (what, limit, unit)
        v = value(r)
        return "%s ≤ %g %s: %s (%.4g)" % (what, limit, unit, "PASS" if v <= limit else "FAIL", v)

    items = [check("pghi_raar100", -41, "PGHI+RAAR+FGLA 100"),
             check("pghi_raar200", -43, "PGHI+RAAR+FGLA 200"),
             check("raar_zero", -34, "RAAR+FGLA zero 100")]
    if case_name == "8 kHz":
        items.append(check("raar_zero", 0.3, "RAAR+FGLA one core", lambda r: r["ms"] / seconds,
                           "ms/iter per s of 8 kHz audio"))
    return "targets: " + "; ".join(items)


def print_case(title, rows, seconds, case_name):
    cells = table_cells(rows, seconds)
    widths = [max(len(c[i]) for c in cells + [HEAD]) for i in range(len(HEAD))]
    print(title)
    for c in [HEAD] + cells:
        print("  ".join(v.ljust(w) if i == 0 else v.rjust(w)
                        for i, (v, w) in enumerate(zip(c, widths))))
    print(targets(rows, case_name, seconds))
    print()


def print_markdown(results):
    for title, rows, seconds, _ in results:
        print("**%s**\n" % title)
        print("| " + " | ".join(HEAD) + " |")
        print("|" + "|".join(["---"] + ["---:"] * (len(HEAD) - 1)) + "|")
        for c in table_cells(rows, seconds):
            print("| " + " | ".join(c) + " |")
        print()


def espeak_source(cache_dir):
    """The espeak paragraph (the same sound for both cases), or exit naming what is missing."""
    if shutil.which("espeak-ng") is None:
        print("espeak-ng not found; " + INSTALL_HINT, file=sys.stderr)
        sys.exit(2)
    raw_fs, raw = speech(cache_dir)
    if len(raw) / raw_fs < MIN_SECONDS:
        sys.exit("espeak-ng made only %.1f s of speech (need %g s)" % (len(raw) / raw_fs,
                                                                        MIN_SECONDS))
    return lambda case_name: (raw_fs, raw)


def run_case(a, tmp, corpus, source, case):
    name, fs, n, hop, band = case
    x = prepare(*source(name), fs, hop, band)
    s = magnitude(x, fs, n, hop)
    seconds = len(x) / fs
    if a.save_magnitudes:
        os.makedirs(a.save_magnitudes, exist_ok=True)
        path = os.path.join(a.save_magnitudes, "%s-%s.npy" % (corpus, name.replace(" ", "")))
        np.save(path, s.astype(np.float32))
        print("magnitudes (scipy's layout, %s):" % name, path)
    rows = []
    extra = case is REDUNDANCY8
    runs = [r for r in SPECEDIT_RUNS if not extra or r[0] in REDUNDANCY8_RUNS]
    if not a.torch_only:
        rows += [run_specedit(a.cli, tmp, case, s, len(x), run, a.repeat) for run in runs]
    rows += torch_rows(x, case, s, a.repeat, a.torch_dtype, only_fast=extra)
    title = "%s %s speech%s, %.1f s, Hann %d / hop %d (one core unless noted)" % (
        name, corpus, " (300–3400 Hz)" if band else "", seconds, n, hop)
    print_case(title, rows, seconds, name)
    return title, rows, seconds, name


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cli", nargs="?", help="path to specedit-cli (e.g. build/app/specedit-cli)")
    ap.add_argument("--torch-only", action="store_true", help="skip the SpecEdit runs")
    ap.add_argument("--repeat", type=int, default=1, help="runs per line; the fastest is shown")
    ap.add_argument("--speech", choices=["both", "recorded", "espeak"], default="both")
    ap.add_argument("--save-magnitudes", metavar="DIR",
                    help="also write each case's magnitudes as DIR/<speech>-<rate>.npy")
    ap.add_argument("--redundancy8", action="store_true",
                    help="also run the PGHI lines on the 8 kHz recorded speech at hop 32")
    ap.add_argument("--torch-dtype", choices=["float64", "float32"], default="float64")
    ap.add_argument("--cache-dir", default=os.path.join(tempfile.gettempdir(), "phase_bench"))
    a = ap.parse_args()
    if not a.torch_only and not a.cli:
        ap.error("give the path to specedit-cli, or --torch-only")
    if not a.torch_only and not (os.path.isfile(a.cli) and os.access(a.cli, os.X_OK)):
        sys.exit("%s: no such executable (build specedit-cli first)" % a.cli)
    return a


def main():
    a = parse_args()
    try:
        import torchaudio
    except ImportError:
        print("torchaudio not found; " + INSTALL_HINT, file=sys.stderr)
        sys.exit(2)
    os.makedirs(a.cache_dir, exist_ok=True)
    corpora = []
    if a.speech in ("both", "recorded"):
        corpora.append(("recorded", recorded_speech))
    if a.speech in ("both", "espeak"):
        corpora.append(("espeak", espeak_source(a.cache_dir)))
    print("torchaudio %s (torch %s, GriffinLim in %s), %s, %d cores\n" % (
        torchaudio.__version__, __import__("torch").__version__, a.torch_dtype,
        espeak_version() if shutil.which("espeak-ng") else "no espeak-ng", all_cores()))
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for corpus, source in corpora:
            cases = CASES + ([REDUNDANCY8] if a.redundancy8 and corpus == "recorded" else [])
            results += [run_case(a, tmp, corpus, source, case) for case in cases]
    print("torchaudio momentum 0.99 = Perraudin's α 0.99 (torchaudio uses α/(1+α) internally); "
          "SC measured here with scipy.signal.stft for every method; CLI SC is SpecEdit's own.\n")
    print_markdown(results)


if __name__ == "__main__":
    main()
