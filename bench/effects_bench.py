#!/usr/bin/env python3
"""Repair and denoise: SpecEdit's shape effects beside sox's noise reduction, on mixtures
with a known clean signal.

Usage: bench/effects_bench.py build/app/specedit-cli

The clean signal: 12 s of speech-like sound at 16 kHz, voiced syllables (harmonics of a
gliding 100-240 Hz fundamental under three moving formants) with pauses, silent for the
first second. Mixtures:
  (a) white noise at 0, 10 and 20 dB SNR (over the whole clean signal);
  (b) a 50 Hz hum with harmonics up to 1 kHz (amplitudes 1/m), at 0 dB SNR;
  (c) five clicks (1 ms, 20 dB above the speech's peak, inside syllables) and a
      cough-like broadband burst
      (150 ms of shaped noise, 12 dB above the speech), over light noise at 30 dB SNR.
SpecEdit cleans each with shapes in a project, through `specedit-cli apply`:
  (a) a noise_profile shape over the first 0.9 s, and a denoise shape (limit 30 dB) over the
      whole recording (Hann 1024, hop 256);
  (b) one 49.5-50.5 Hz shape with 20 harmonics, gain -inf (Hann 8192); and, apart, the
      profile and denoise shapes of (a) (Hann 4096);
  (c) a replace shape over each click and an attenuate shape over the cough.
sox (Debian's sox) gets the same noise-only stretch: `noiseprof` on the first 0.9 s, then
`noisered` with its default amount 0.5 and with the best amount of 0.1 ... 0.9 for each
mixture (chosen knowing the clean signal, so sox's best case). Printed: the
signal-to-distortion ratio SDR = 10 log10(sum s^2 / sum (s - y)^2) against the clean
signal, the improvement over the mixture, and for (c) the level of each repaired region
against the clean signal's level there.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
import scipy.signal
from scipy.io import wavfile

FS = 16000
SECONDS = 12.0


def speech_like(rng):
    n = int(SECONDS * FS)
    t = np.arange(n) / FS
    x = np.zeros(n)
    start = 1.0
    while start < SECONDS - 0.4:
        length = rng.uniform(0.18, 0.45)
        a, b = int(start * FS), int((start + length) * FS)
        tt = t[a:b] - start
        f0 = rng.uniform(100, 240) * (1 + 0.15 * tt / length * rng.choice([-1, 1]))
        phase = 2 * np.pi * np.cumsum(f0) / FS
        formants = [rng.uniform(300, 900), rng.uniform(900, 2300), rng.uniform(2300, 3500)]
        env = np.clip(np.sin(np.pi * tt / length), 0, 1) ** 0.7
        seg = np.zeros(b - a)
        for m in range(1, 40):
            fm = m * f0
            if fm.max() > 7000:
                break
            gain = sum(np.exp(-((fm - fc) / 250.0) ** 2) for fc in formants) + 0.05 / m
            seg += gain * np.sin(m * phase)
        x[a:b] += env * seg
        start += length + rng.uniform(0.05, 0.3)
    return 0.25 * x / np.max(np.abs(x))


def sdr(clean, y):
    n = min(len(clean), len(y))
    return 10 * np.log10(np.sum(clean[:n] ** 2) / np.sum((clean[:n] - y[:n]) ** 2))


def write_wav(path, x):
    wavfile.write(path, FS, np.clip(np.round(x * 32767), -32768, 32767).astype("<i2"))


def read_wav(path):
    rate, data = wavfile.read(path)
    assert rate == FS, path
    if data.dtype == np.int16:
        return data / 32768.0
    return data.astype(float)


def rect(t0, t1, f0, f1, **extra):
    shape = {"type": "rect", "t0": t0, "t1": t1, "f0": f0, "f1": f1, "gain_db": None}
    shape.update(extra)
    return shape


def specedit(cli, work, name, mixture, shapes, nperseg=512):
    src = os.path.join(work, name + ".wav")
    write_wav(src, mixture)
    project = os.path.join(work, name + ".specedit.json")
    with open(project, "w") as f:
        json.dump({"version": 1, "source": name + ".wav",
                   "analysis": {"window": "hann", "nperseg": nperseg,
                                "noverlap": nperseg * 3 // 4},
                   "shapes": shapes}, f)
    out = os.path.join(work, name + ".specedit.wav")
    started = time.perf_counter()
    subprocess.run([cli, "apply", project, "--out", out, "--sample-type", "float32"],
                   check=True, stdout=subprocess.DEVNULL)
    return read_wav(out), time.perf_counter() - started


def sox(work, name, mixture, amount):
    src = os.path.join(work, name + ".wav")
    write_wav(src, mixture)
    noise = os.path.join(work, name + ".noise.wav")
    prof = os.path.join(work, name + ".prof")
    out = os.path.join(work, name + ".sox.wav")
    started = time.perf_counter()
    subprocess.run(["sox", src, noise, "trim", "0", "0.9"], check=True)
    subprocess.run(["sox", noise, "-n", "noiseprof", prof], check=True)
    subprocess.run(["sox", src, "-e", "floating-point", "-b", "32", out, "noisered", prof,
                    str(amount)], check=True)
    return read_wav(out), time.perf_counter() - started


def sox_best(work, name, mixture, clean):
    default, seconds = sox(work, name, mixture, 0.5)
    best = max(((sdr(clean, sox(work, name, mixture, a)[0]), a)
                for a in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)))
    return sdr(clean, default), best, seconds


def row(label, clean, mixture, ours, ours_s, sox_default, sox_best_pair, sox_s):
    base = sdr(clean, mixture)
    mine = sdr(clean, ours)
    print(f"| {label} | {base:6.1f} | {mine:6.1f} ({mine - base:+5.1f}) | "
          f"{sox_default:6.1f} ({sox_default - base:+5.1f}) | "
          f"{sox_best_pair[0]:6.1f} @ {sox_best_pair[1]:.1f} | {mine - sox_best_pair[0]:+5.1f} | "
          f"{ours_s:5.2f} s | {sox_s:5.2f} s |")
    return mine - sox_best_pair[0]


def noise_case(cli, work, clean, rng, snr_db):
    noise = rng.normal(0, 1, len(clean))
    noise *= np.sqrt(np.sum(clean ** 2) / np.sum(noise ** 2) / 10 ** (snr_db / 10))
    mixture = clean + noise
    name = f"noise{snr_db}"
    shapes = [rect(0, 0.9, 0, FS / 2, noise_profile=True),
              rect(-1, SECONDS + 1, 0, FS / 2, effect="denoise", reduction_db=30)]
    ours, seconds = specedit(cli, work, name, mixture, shapes, nperseg=1024)
    return mixture, ours, seconds, sox_best(work, name, mixture, clean), oracle(clean, noise)


def oracle(clean, noise, nperseg=1024):
    """SDR of the ideal Wiener mask |S|^2 / (|S|^2 + |N|^2), computed from the clean signal
    and the noise themselves: a ceiling for comparison, not a method."""
    kw = dict(fs=FS, nperseg=nperseg, noverlap=nperseg * 3 // 4)
    _, _, s = scipy.signal.stft(clean, **kw)
    _, _, n = scipy.signal.stft(noise, **kw)
    mask = np.abs(s) ** 2 / (np.abs(s) ** 2 + np.abs(n) ** 2 + 1e-30)
    _, y = scipy.signal.istft(mask * (s + n), **kw)
    return sdr(clean, y[:len(clean)])


def hum_case(cli, work, clean):
    n = len(clean)
    t = np.arange(n) / FS
    hum = sum(np.sin(2 * np.pi * 50 * m * t + m) / m for m in range(1, 21))
    hum *= np.sqrt(np.sum(clean ** 2) / np.sum(hum ** 2))
    mixture = clean + hum
    shapes = [rect(-1, SECONDS + 1, 49.5, 50.5, harmonics=20)]
    ours, seconds = specedit(cli, work, "hum", mixture, shapes, nperseg=8192)
    profiled = [rect(0, 0.9, 0, FS / 2, noise_profile=True),
                rect(-1, SECONDS + 1, 0, FS / 2, effect="denoise", reduction_db=30)]
    denoised, seconds2 = specedit(cli, work, "hum2", mixture, profiled, nperseg=4096)
    return mixture, ours, seconds, denoised, seconds2, sox_best(work, "hum", mixture, clean)


def click_case(cli, work, clean, rng):
    n = len(clean)
    noise = rng.normal(0, 1, n)
    noise *= np.sqrt(np.sum(clean ** 2) / np.sum(noise ** 2) / 1e3)
    mixture = clean + noise
    peak = np.max(np.abs(clean))
    regions = []
    for t in click_times(clean):
        a = int(t * FS)
        click = 10 * peak * np.exp(-np.arange(16) / 4.0) * rng.choice([-1, 1], 16)
        mixture[a:a + 16] += click
        regions.append(("click", t - 0.02, t + 0.021))
    a, b = int(6.4 * FS), int(6.55 * FS)
    speech_rms = np.sqrt(np.mean(clean[int(FS):] ** 2))
    burst = rng.normal(0, 1, b - a) * np.hanning(b - a) ** 0.5
    burst = np.convolve(burst, np.ones(4) / 4, mode="same")  # a little darker than white
    burst *= speech_rms * 10 ** (12 / 20) / np.sqrt(np.mean(burst ** 2))
    mixture[a:b] += burst
    regions.append(("cough", 6.38, 6.57))
    shapes = [rect(t0, t1, 0, FS / 2, effect="replace") for kind, t0, t1 in regions
              if kind == "click"]
    shapes.append(rect(6.38, 6.57, 0, FS / 2, effect="attenuate"))
    ours, seconds = specedit(cli, work, "clicks", mixture, shapes)
    return mixture, ours, seconds, sox_best(work, "clicks", mixture, clean), regions


def click_times(clean):
    """Five instants inside syllables, where the clean signal is loud just before, at and
    just after the click (a click over silence or at an onset leaves nothing to rebuild the
    clean level from), away from the cough at 6.4 s."""
    times = []
    active = level_db(clean, 1.0, SECONDS)
    for guess in (2.0, 3.6, 5.2, 7.8, 10.1):
        for t in np.arange(guess, guess + 1.0, 0.01):
            if all(level_db(clean, a, b) > active - 6 for a, b in
                   ((t - 0.08, t - 0.036), (t - 0.02, t + 0.021), (t + 0.036, t + 0.08))):
                times.append(round(float(t), 3))
                break
    return times


def level_db(x, t0, t1):
    a, b = int(t0 * FS), int(t1 * FS)
    return 10 * np.log10(np.mean(x[a:b] ** 2) + 1e-20)


def export_speed(cli, work, seconds=60):
    """A 2 MS/s IQ recording (SigMF, ci16) exported with ten gain shapes, then with the same
    ten shapes as five denoise and five replace shapes, then with those and a denoise shape
    over everything: wall times and their ratios."""
    rate = 2e6
    data = os.path.join(work, "long.sigmf-data")
    rng = np.random.default_rng(1)
    with open(data, "wb") as f:
        for _ in range(seconds):
            iq = rng.normal(0, 300, 2 * int(rate)).astype("<i2")
            f.write(iq.tobytes())
    with open(os.path.join(work, "long.sigmf-meta"), "w") as f:
        json.dump({"global": {"core:datatype": "ci16_le", "core:sample_rate": rate,
                              "core:version": "1.0.0"}, "captures": [{"core:sample_start": 0,
                              "core:frequency": 433.92e6}], "annotations": []}, f)
    def shapes(effects):
        out = []
        for i in range(10):
            t = 3 + i * 5.5
            effect = effects and ("denoise" if i % 2 == 0 else "replace")
            length = 1.0 if effect == "denoise" else 0.002
            shape = rect(t, t + length, 433.92e6 - 2e5, 433.92e6 + 2e5)
            if effect:
                shape["effect"] = effect
            out.append(shape)
        return out
    times = {}
    for name, effects in (("gains", False), ("effects", True), ("whole", True)):
        project = os.path.join(work, name + ".specedit.json")
        with open(project, "w") as f:
            json.dump({"version": 1, "source": "long.sigmf-data",
                       "analysis": {"window": "hann", "nperseg": 1024, "noverlap": 768},
                       "shapes": shapes(effects) + ([rect(-1, seconds + 1, 432e6, 436e6,
                                                          effect="denoise")]
                                                    if name == "whole" else [])}, f)
        started = time.perf_counter()
        subprocess.run([cli, "apply", project, "--out", os.path.join(work, name + ".cf32")],
                       check=True, stdout=subprocess.DEVNULL)
        times[name] = time.perf_counter() - started
        written = os.path.getsize(os.path.join(work, name + ".cf32"))
        assert written == seconds * int(rate) * 8, written
        os.remove(os.path.join(work, name + ".cf32"))
    print(f"export of {seconds} s at 2 MS/s (Hann 1024, hop 256): ten gain shapes "
          f"{times['gains']:.1f} s, five denoise + five replace {times['effects']:.1f} s: "
          f"effects at {times['gains'] / times['effects']:.2f} x the speed of gains "
          f"(target at least 0.5); with an eleventh, denoising the whole recording over its "
          f"whole band, {times['whole']:.1f} s ({times['gains'] / times['whole']:.2f} x)")


def main():
    if len(sys.argv) < 2 or not shutil.which("sox"):
        sys.exit(__doc__ + "\nNeeds the CLI's path and Debian's sox.")
    cli = os.path.abspath(sys.argv[1])
    rng = np.random.default_rng(7)
    clean = speech_like(rng)
    print("| mixture | SDR in | SpecEdit (gain) | sox 0.5 (gain) | sox best @ amount | "
          "SpecEdit - sox best | SpecEdit time | sox time |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as work:
        margins, ideals = {}, []
        for snr in (0, 10, 20):
            mixture, ours, s, (sd, best, ss), ideal = noise_case(cli, work, clean, rng, snr)
            margins[snr] = row(f"(a) white noise {snr} dB", clean, mixture, ours, s, sd, best, ss)
            ideals.append(f"{snr} dB: {ideal:.1f}")
        mixture, ours, s, denoised, s2, (sd, best, ss) = hum_case(cli, work, clean)
        row("(b) 50 Hz hum + 19 harmonics: harmonics shape", clean, mixture, ours, s, sd, best,
            ss)
        row("(b) the same: denoise with the profile", clean, mixture, denoised, s2, sd, best, ss)
        mixture, ours, s, (sd, best, ss), regions = click_case(cli, work, clean, rng)
        row("(c) clicks and a cough", clean, mixture, ours, s, sd, best, ss)
    print()
    print("the ideal Wiener mask from the clean signal (a ceiling, not a method) on (a): " +
          ", ".join(ideals))
    print()
    print("| (c) region | clean level | mixture | SpecEdit | SpecEdit - clean |")
    print("|---|---|---|---|---|")
    worst = 0.0
    for kind, t0, t1 in regions:
        c, m, o = level_db(clean, t0, t1), level_db(mixture, t0, t1), level_db(ours, t0, t1)
        worst = max(worst, abs(o - c))
        print(f"| {kind} {t0:.2f}-{t1:.2f} s | {c:6.1f} dB | {m:6.1f} dB | {o:6.1f} dB | "
              f"{o - c:+5.1f} dB |")
    print()
    with tempfile.TemporaryDirectory() as work:
        export_speed(cli, work)
    print()
    print("targets: (a) SpecEdit at least 3 dB above sox's best at every SNR: " +
          ("met" if min(margins.values()) >= 3 else "MISSED") +
          f" (smallest margin {min(margins.values()):+.1f} dB); (c) every repaired region "
          "within 3 dB of the clean level: " + ("met" if worst <= 3 else "MISSED") +
          f" (worst {worst:.1f} dB)")


if __name__ == "__main__":
    main()
