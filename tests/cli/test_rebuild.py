"""End-to-end tests of `specedit-cli rebuild` and `guess`: STFT data written by numpy/scipy in
many layouts, units, orders, scalings and file formats, read back into the signal they came
from; the guesser ranks the parameters that made them first; bad input gets a clear error.

Usage: python3 test_rebuild.py PATH/TO/specedit-cli [TestClass]
"""
import json
import os
import sys
import unittest

import numpy as np
import scipy.io.wavfile
import scipy.signal

import test_cli
from test_cli import CliTest, run


def signal(n=6000, seed=3, complex_=False):
    """Two glides and a burst of noise: every bin and frame carries energy."""
    rng = np.random.default_rng(seed)
    t = np.arange(n) / n
    x = np.cos(2 * np.pi * (200 * t + 900 * t * t)) + 0.5 * np.cos(2 * np.pi * 1400 * t)
    x += 0.2 * rng.standard_normal(n)
    if complex_:
        x = x + 1j * (np.sin(2 * np.pi * (200 * t + 900 * t * t)) + 0.2 * rng.standard_normal(n))
    return x


def read_wav(path):
    """A float WAV's samples as float64."""
    return scipy.io.wavfile.read(path)[1].astype(float)


def voiced_glide(fs, seed):
    """2.5 s of 25 harmonics of a pitch gliding between 120 and 220 Hz, its level rising and
    falling three times a second, under a little noise."""
    t = np.arange(int(2.5 * fs)) / fs
    phase = 2 * np.pi * np.cumsum(120 + 100 * np.sin(2 * np.pi * 0.7 * t) ** 2) / fs
    x = sum(np.cos(k * phase) / k for k in range(1, 26))
    x = x * (0.5 + 0.5 * np.sin(2 * np.pi * 3 * t) ** 2)
    return x + 0.01 * np.random.default_rng(seed).standard_normal(t.size)


def syllables(fs, seconds, seed):
    """Voiced syllables of 120-250 ms (a pitch that moves, harmonics under a formant-like
    peak, a rise-and-fall envelope), noise bursts and short pauses between them."""
    rng = np.random.default_rng(seed)
    out = []
    while sum(len(o) for o in out) < seconds * fs:
        n = int(fs * rng.uniform(0.12, 0.25))
        t = np.arange(n) / fs
        f0 = rng.uniform(100, 220) * (1 + 0.3 * rng.uniform(-1, 1) * t / t[-1])
        ph = 2 * np.pi * np.cumsum(f0) / fs
        formant = rng.uniform(400, 1200)
        v = sum(np.cos(k * ph + rng.uniform(0, 2 * np.pi)) / (1 + ((k * f0 - formant) / 300) ** 2)
                for k in range(1, 21) if k * f0.max() < 0.45 * fs)
        out.append(v * np.sin(np.pi * t / t[-1]) ** 2)
        if rng.random() < 0.4:
            m = int(fs * rng.uniform(0.04, 0.1))
            out.append(0.3 * rng.standard_normal(m) * np.hanning(m))
        out.append(np.zeros(int(fs * rng.uniform(0.02, 0.15))))
    x = np.concatenate(out)[: seconds * fs]
    return x + 1e-3 * rng.standard_normal(x.size)


def window_array(name, n):
    if name == "sqrthann":
        return np.sqrt(scipy.signal.get_window("hann", n))
    return scipy.signal.get_window(name, n)


def torch_stft(x, window, n_fft, win, hop, center=True, pad_mode="constant"):
    """torch.stft and librosa.stft: the window centred in n_fft (zeros on both sides), frames
    centred on j * hop (the ends padded) or from the first sample, the FFT unscaled."""
    w = np.zeros(n_fft)
    d = (n_fft - win) // 2
    w[d:d + win] = scipy.signal.get_window(window, win)
    xp = np.pad(x, n_fft // 2, mode=pad_mode) if center else x
    frames = 1 + (len(xp) - n_fft) // hop
    idx = np.arange(n_fft)[None, :] + hop * np.arange(frames)[:, None]
    return np.fft.rfft(xp[idx] * w, axis=1).T


def make_stft(x, case, fs=8000.0):
    n, hop = case["nperseg"], case["hop"]
    w = window_array(case["window"], n)
    scaling = {"none": "spectrum", "spectrum": "spectrum", "psd": "psd"}[case["scaling"]]
    _, _, z = scipy.signal.stft(x, fs=fs, window=w, nperseg=n, noverlap=n - hop,
                                return_onesided=not np.iscomplexobj(x) and
                                case["sides"] == "onesided", scaling=scaling)
    if case["scaling"] == "none":
        z = z * w.sum()
    if case["sides"] == "shifted":
        z = np.fft.fftshift(z, axes=0)
    mag = np.abs(z)
    mag = {"linear": mag, "power": mag ** 2, "db": 20 * np.log10(mag + 1e-300),
           "db10": 10 * np.log10(mag + 1e-300)}[case["mag_unit"]]
    phase = np.angle(z)
    if case.get("unwrap"):
        phase = np.unwrap(phase, axis=1)
    phase = {"radians": phase, "degrees": np.degrees(phase),
             "cycles": phase / (2 * np.pi)}[case["phase_unit"]]
    if case["layout"] == "frames-bins":
        mag, phase = mag.T, phase.T
    return mag, phase


def save(path, m, fmt):
    if fmt == "npy":
        np.save(path + ".npy", m)
        return path + ".npy", []
    if fmt == "f32":
        m.astype("<f4").tofile(path + ".f32")
        return path + ".f32", ["--rows", m.shape[0]]
    if fmt == "f64be":
        m.astype(">f8").tofile(path + ".bin")
        return path + ".bin", ["--dtype", "float64", "--big-endian", "--cols", m.shape[1]]
    if fmt == "csv":
        np.savetxt(path + ".csv", m, delimiter=",", fmt="%.17g")
        return path + ".csv", []
    if fmt == "txt":
        np.savetxt(path + ".txt", m, fmt="%.17g", header="exported by a test")
        return path + ".txt", []
    with open(path + ".m.txt", "w") as f:  # MATLAB-style
        rows = ["  ".join("%.17g" % v for v in row) for row in m]
        f.write("S = [" + ";\n".join(rows) + "];\n")
    return path + ".m.txt", []


CASES = [
    dict(window="hann", nperseg=128, hop=32, layout="bins-frames", mag_unit="linear",
         phase_unit="radians", sides="onesided", scaling="spectrum", fmt="npy"),
    dict(window="hamming", nperseg=128, hop=64, layout="frames-bins", mag_unit="power",
         phase_unit="degrees", sides="onesided", scaling="none", fmt="csv"),
    dict(window="blackman", nperseg=64, hop=16, layout="bins-frames", mag_unit="db",
         phase_unit="cycles", sides="twosided", scaling="psd", fmt="f32", unwrap=True),
    dict(window="boxcar", nperseg=64, hop=48, layout="frames-bins", mag_unit="db10",
         phase_unit="radians", sides="shifted", scaling="spectrum", fmt="txt"),
    dict(window="sqrthann", nperseg=128, hop=64, layout="bins-frames", mag_unit="linear",
         phase_unit="degrees", sides="onesided", scaling="spectrum", fmt="f64be", unwrap=True),
    dict(window="hann", nperseg=64, hop=8, layout="bins-frames", mag_unit="power",
         phase_unit="radians", sides="twosided", scaling="none", fmt="matlab", complex=True),
]


def case_args(case, fs=8000.0):
    return ["--layout", case["layout"], "--mag-unit", case["mag_unit"], "--phase-unit",
            case["phase_unit"], "--sides", case["sides"], "--scaling", case["scaling"],
            "--fs", fs]


def write_case(test, i, case):
    """The signal of a case and its magnitude and phase files (paths and raw-format options)."""
    x = signal(complex_=case.get("complex", False))
    mag, phase = make_stft(x, case)
    mp, extra = save(test.path(f"mag{i}"), mag, case["fmt"])
    pp, _ = save(test.path(f"phase{i}"), phase, case["fmt"])
    return x, mp, pp, extra


class RebuildFromMagnitudeAndPhase(CliTest):
    def test_every_layout_unit_order_scaling_and_format_gives_the_signal_back(self):
        for i, case in enumerate(CASES):
            with self.subTest(**case):
                x, mp, pp, extra = write_case(self, i, case)
                out = self.path(f"out{i}.npy")
                run("rebuild", mp, "--phase", pp, *extra, *case_args(case), "--window",
                    case["window"], "--nperseg", case["nperseg"], "--noverlap",
                    case["nperseg"] - case["hop"], "--length", len(x), "--out", out, check=0)
                y = np.load(out)
                self.assertEqual(len(y), len(x))
                self.assertEqual(np.iscomplexobj(y), np.iscomplexobj(x))
                err = np.max(np.abs(y - x)) / np.max(np.abs(x))
                self.assertLess(err, 1e-4)

    def test_a_spreadsheets_semicolon_csv_with_decimal_commas(self):
        # Excel in most of Europe writes "0,5;1,25": ';' between columns, ',' as the decimal
        # point. Read as MATLAB text, each ';' ended a row and the file became one column.
        x = signal(4000)
        _, _, z = scipy.signal.stft(x, nperseg=128, noverlap=96)
        for name, m in (("m", np.abs(z)), ("p", np.angle(z))):
            with open(self.path(name + ".csv"), "w") as f:
                for row in m:
                    f.write(";".join(("%.12f" % v).replace(".", ",") for v in row) + "\n")
        run("rebuild", self.path("m.csv"), "--phase", self.path("p.csv"), "--nperseg", 128,
            "--noverlap", 96, "--length", len(x), "--out", self.path("y.npy"), check=0)
        self.assertLess(test_cli.rel_err(np.load(self.path("y.npy")), x), 1e-6)

    def test_a_sample_where_every_window_is_zero_is_said_to_be_zero(self):
        # Frames from the first sample under a periodic Hann: sample 0 is weighed by 0 in the
        # only frame holding it, so the exact inverse gives 0 there; it was not said.
        x = signal(4000)
        _, _, z = scipy.signal.stft(x, nperseg=128, noverlap=96, boundary=None, padded=False)
        np.save(self.path("m.npy"), np.abs(z))
        np.save(self.path("p.npy"), np.angle(z))
        proc = run("rebuild", self.path("m.npy"), "--phase", self.path("p.npy"), "--nperseg",
                   128, "--noverlap", 96, "--uncentred", "--out", self.path("y.npy"), check=0)
        y = np.load(self.path("y.npy"))
        self.assertEqual(y[0], 0)
        self.assertLess(np.max(np.abs(y[1:] - x[1:len(y)])), 1e-9)
        self.assertIn("the first sample lies under no frame's window (or where it is zero), so "
                      "no frame says what it was: it is zero", proc.stdout)
        # A window that is nowhere zero at its ends (Hamming) leaves nothing to say.
        _, _, z = scipy.signal.stft(x, window="hamming", nperseg=128, noverlap=96,
                                    boundary=None, padded=False)
        np.save(self.path("m.npy"), np.abs(z))
        np.save(self.path("p.npy"), np.angle(z))
        proc = run("rebuild", self.path("m.npy"), "--phase", self.path("p.npy"), "--window",
                   "hamming", "--nperseg", 128, "--noverlap", 96, "--uncentred", "--out",
                   self.path("y.npy"), check=0)
        self.assertNotIn("under no frame's window", proc.stdout)
        self.assertLess(np.max(np.abs(np.load(self.path("y.npy")) - x[:len(y)])), 1e-9)

    def test_a_npy_result_keeps_double_precision_unless_asked(self):
        # numpy users compare against their float64 signal: a float32 file stopped at 1e-7.
        x = signal(4000)
        _, _, z = scipy.signal.stft(x, nperseg=128, noverlap=96)
        np.save(self.path("m.npy"), np.abs(z))
        np.save(self.path("p.npy"), np.angle(z))
        common = ["--nperseg", 128, "--noverlap", 96, "--length", len(x)]
        run("rebuild", self.path("m.npy"), "--phase", self.path("p.npy"), *common, "--out",
            self.path("y.npy"), check=0)
        y = np.load(self.path("y.npy"))
        self.assertEqual(y.dtype, np.float64)
        self.assertLess(test_cli.rel_err(y, x), 1e-12)
        run("rebuild", self.path("m.npy"), "--phase", self.path("p.npy"), *common,
            "--sample-type", "float32", "--out", self.path("f.npy"), check=0)
        f = np.load(self.path("f.npy"))
        self.assertEqual(f.dtype, np.float32)
        self.assertLess(test_cli.rel_err(f, x), 1e-6)
        proc = run("rebuild", self.path("m.npy"), "--phase", self.path("p.npy"), *common,
                   "--sample-type", "int16", "--out", self.path("i.npy"))
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("--sample-type: a .npy output of int16 samples (expected float32 or "
                      "float64 for a .npy output", proc.stderr)
        self.assertFalse(os.path.exists(self.path("i.npy")))

    def test_iq_near_full_scale_in_i_and_q_is_not_said_to_clip(self):
        # |z| reaches 1.39 while I and Q each stay within 0.99: nothing clips in a cs16 file.
        t = np.arange(8000)
        z = 0.99 * (np.sign(np.cos(0.01 * t)) + 1j * np.sign(np.sin(0.013 * t)))
        _, _, s = scipy.signal.stft(z, nperseg=128, noverlap=96, return_onesided=False)
        np.save(self.path("m.npy"), np.abs(s))
        np.save(self.path("p.npy"), np.angle(s))
        proc = run("rebuild", self.path("m.npy"), "--phase", self.path("p.npy"), "--nperseg", 128,
                   "--noverlap", 96, "--fs", 1e6, "--length", len(z), "--out",
                   self.path("y.cs16"), check=0)
        self.assertNotIn("clip", proc.stderr)
        y = np.fromfile(self.path("y.cs16"), dtype="<i2").astype(float) / 32768
        self.assertLess(np.max(np.abs(y[0::2] + 1j * y[1::2] - z)), 1e-4)
        np.save(self.path("m2.npy"), 2 * np.abs(s))  # twice as loud: I and Q reach 1.98
        proc = run("rebuild", self.path("m2.npy"), "--phase", self.path("p.npy"), "--nperseg",
                   128, "--noverlap", 96, "--fs", 1e6, "--length", len(z), "--out",
                   self.path("y2.cs16"), check=0)
        self.assertIn("the result peaks at 1.98 (+5.9 dB above full scale)", proc.stderr)
        # A small overshoot is no plain FFT read with scipy's scaling (64 times too loud here):
        # the advice to take scaling none made a scipy file 42 dB too quiet.
        self.assertNotIn("scaling none", proc.stderr)
        self.assertIn("write a .npy file to keep every value", proc.stderr)

    def test_an_fftshifted_iq_spectrum_is_read_so_by_where_its_energy_lies(self):
        # As an SDR records: a DC line and a burst near the centre, the band edges rolled off.
        rng = np.random.default_rng(5)
        n = 20000
        noise = rng.normal(size=n) + 1j * rng.normal(size=n)
        z = 0.3 * scipy.signal.lfilter(*scipy.signal.butter(6, 0.06), noise) + 0.05
        z *= 0.5 * (1 + np.exp(2j * np.pi * 0.01 * np.arange(n)))
        _, _, s = scipy.signal.stft(z, nperseg=256, return_onesided=False)
        for name, spec in (("plain", s), ("shifted", np.fft.fftshift(s, axes=0))):
            np.save(self.path(name + "_m.npy"), np.abs(spec))
            np.save(self.path(name + "_p.npy"), np.angle(spec))
            proc = run("rebuild", self.path(name + "_m.npy"), "--phase", self.path(name + "_p.npy"),
                       "--nperseg", 256, "--length", n, "--out", self.path(name + ".npy"),
                       check=0)
            # Read in FFT order, the shifted file came back as z (-1)^n, consistent as well.
            y = np.load(self.path(name + ".npy"))
            self.assertLess(np.max(np.abs(y - z)) / np.max(np.abs(z)), 1e-9, name)
            self.assertEqual("as an fftshifted spectrum's (row 0 at -fs/2) does: read so" in
                             proc.stdout, name == "shifted", proc.stdout)
        # A signal tuned off centre (0.38 fs) in FFT order is not flipped, and the doubt is said.
        w = np.exp(2j * np.pi * 0.38 * np.arange(n)) * (1 + 0.1 * noise.real)
        _, _, s = scipy.signal.stft(w, nperseg=256, return_onesided=False)
        np.save(self.path("edge_m.npy"), np.abs(s))
        np.save(self.path("edge_p.npy"), np.angle(s))
        proc = run("rebuild", self.path("edge_m.npy"), "--phase", self.path("edge_p.npy"),
                   "--nperseg", 256, "--length", n, "--out", self.path("edge.npy"), check=0)
        self.assertNotIn("as an fftshifted spectrum's (row 0 at -fs/2) does: read so", proc.stdout)
        self.assertIn("mean |frequency| 0.38 of the rate): kept so; if it is fftshifted",
                      proc.stdout)
        self.assertLess(np.max(np.abs(np.load(self.path("edge.npy")) - w)), 1e-9)
        proc = run("guess", self.path("shifted_m.npy"), "--phase", self.path("shifted_p.npy"),
                   "--length", n, check=0)
        found = json.loads(proc.stdout)
        self.assertEqual(found["candidates"][0]["sides"], "shifted")
        self.assertEqual(found["candidates"][1]["sides"], "twosided")  # the tie, said:
        self.assertIn("fftshifted and FFT order fit the frames equally well", found["sides_note"])

    def test_frames_from_the_first_sample_with_uncentred(self):
        # MATLAB's spectrogram and librosa/torch with center=False: frame j is
        # x[j hop : j hop + n], not centred on j hop. Read as scipy's frames, the result
        # came out half a window early and without its first half window (a tester's file).
        x = signal(5000)
        n, hop = 256, 64
        w = scipy.signal.get_window("hamming", n)
        frames = (len(x) - n) // hop + 1
        z = np.array([np.fft.rfft(w * x[j * hop:j * hop + n]) / w.sum()
                      for j in range(frames)]).T
        np.save(self.path("m.npy"), np.abs(z))
        np.save(self.path("p.npy"), np.angle(z))
        common = ["--window", "hamming", "--nperseg", n, "--noverlap", n - hop]
        run("rebuild", self.path("m.npy"), "--phase", self.path("p.npy"), *common,
            "--uncentred", "--out", self.path("y.npy"), check=0)
        y = np.load(self.path("y.npy"))
        covered = (frames - 1) * hop + n
        self.assertEqual(len(y), covered)
        self.assertLess(test_cli.rel_err(y, x[:covered]), 1e-6)  # from the first sample on
        run("rebuild", self.path("m.npy"), "--phase", self.path("p.npy"), *common, "--out",
            self.path("c.npy"), check=0)  # read as centred: early by half a window
        c = np.load(self.path("c.npy"))
        self.assertLess(test_cli.rel_err(c[:1000], x[n // 2:n // 2 + 1000]), 1e-6)
        proc = run("rebuild", self.path("m.npy"), *common, "--uncentred", "--iterations", 30,
                   "--out", self.path("r.npy"), check=0)
        self.assertEqual(len(np.load(self.path("r.npy"))), covered)
        sc = float(proc.stdout.split("spectral convergence ")[1].split(" dB")[0])
        self.assertLess(sc, -15)
        # The guess cannot see where frames start, and says so.
        out = json.loads(run("guess", self.path("m.npy"), "--phase", self.path("p.npy"),
                             "--top", 1, check=0).stdout)
        self.assertIn("take rebuild --uncentred", out["frames_note"])
        # A length that only the other framing fits says so (it named only the frame counts).
        err = run("rebuild", self.path("m.npy"), "--phase", self.path("p.npy"), *common,
                  "--length", covered, "--out", self.path("l.npy"), check=2).stderr
        self.assertIn("frames that start at the first sample (MATLAB's spectrogram, "
                      "center=False) fit it: add --uncentred", err)

    def test_matlabs_spectrogram_is_named_by_its_symmetric_hamming(self):
        # MATLAB's spectrogram: a symmetric Hamming, frames from the first sample, the FFT
        # not scaled. Rebuilt with no reading given, it came out 48 dB too loud and shifted by
        # half a window without a word; the guessed reading now brings scaling none, and a
        # note names --uncentred.
        x = signal(6000)
        n, hop = 256, 128
        w = np.hamming(n)  # symmetric, as MATLAB's hamming(256)
        frames = (len(x) - n) // hop + 1
        z = np.array([np.fft.rfft(w * x[j * hop:j * hop + n]) for j in range(frames)]).T
        np.save(self.path("m.npy"), np.abs(z))
        np.save(self.path("p.npy"), np.angle(z))
        proc = run("rebuild", self.path("m.npy"), "--phase", self.path("p.npy"), "--out",
                   self.path("y.npy"))
        self.assertIn("scaling none: a symmetric Hamming window is MATLAB's", proc.stdout)
        # Its frames start at the first sample, as MATLAB's do: read so (they were read
        # centred, and the result came back half a window late).
        self.assertIn("note: frames read from the first sample, as MATLAB's spectrogram's (its "
                      "symmetric Hamming window) start: the data cannot tell where frames start, "
                      "a --length can", proc.stdout)
        covered = (frames - 1) * hop + n
        y = np.load(self.path("y.npy"))
        self.assertEqual(len(y), covered)
        self.assertLess(test_cli.rel_err(y, x[:covered]), 1e-6)
        proc = run("rebuild", self.path("m.npy"), "--phase", self.path("p.npy"), "--window",
                   "hamming,sym", "--nperseg", n, "--noverlap", n - hop, "--scaling", "none",
                   "--uncentred", "--out", self.path("u.npy"))
        self.assertLess(test_cli.rel_err(np.load(self.path("u.npy")), x[:covered]), 1e-6)

    def test_numpy_npz_archives_are_read_by_their_arrays_names(self):
        # np.savez writes a zip of .npy files: it was read as text ("line 2: '...' is not a
        # number"). Two arrays named as magnitudes and phases are both read; one array alone,
        # or one named after the file (s.npz:NAME), as any .npy; several, unnamed, are listed.
        x = signal(6000)
        _, _, z = scipy.signal.stft(x, nperseg=256)
        np.savez(self.path("s.npz"), mag=np.abs(z), phase=np.angle(z))
        np.savez_compressed(self.path("c.npz"), z)
        np.savez(self.path("three.npz"), a=np.abs(z), b=np.angle(z), c=np.zeros(3))
        proc = run("rebuild", self.path("s.npz"), "--out", self.path("y.npy"))
        self.assertIn("read %s:mag as the magnitudes and %s:phase as the phases"
                      % (self.path("s.npz"), self.path("s.npz")), proc.stdout)
        self.assertLess(test_cli.rel_err(np.load(self.path("y.npy"))[:len(x)], x), 1e-9)
        run("rebuild", self.path("c.npz"), "--out", self.path("y.npy"))  # arr_0, complex
        self.assertLess(test_cli.rel_err(np.load(self.path("y.npy"))[:len(x)], x), 1e-9)
        run("rebuild", self.path("three.npz") + ":a", "--phase", self.path("three.npz") + ":b",
            "--out", self.path("y.npy"))
        self.assertLess(test_cli.rel_err(np.load(self.path("y.npy"))[:len(x)], x), 1e-9)
        three = self.path("three.npz")
        for given, message in [
                (three, three + ": holds 3 arrays (a, b, c) (expected one of them named as "
                 "FILE.npz:NAME, e.g. " + three + ":a)"),
                (three + ":zz", three + ":zz: names no array in " + three + " (expected one of "
                 "its arrays: a, b, c)"),
                (three + ":c", three + ":c: holds a 1-D array (expected a 2-D array")]:
            with self.subTest(given):
                self.assertIn("error: " + message,
                              run("rebuild", given, "--out", self.path("y.npy"), check=1).stderr)
        top = json.loads(run("guess", self.path("s.npz"), check=0).stdout)["candidates"][0]
        self.assertLess(top["inconsistency"], 1e-10)  # with its phase
        # scipy.signal.stft's three results saved together, and positional arrays: the axes
        # beside the data are no data (both were refused as several arrays).
        f, t, _ = scipy.signal.stft(x, nperseg=256)
        np.savez(self.path("ftz.npz"), f=f, t=t, Zxx=z)
        np.savez(self.path("pos.npz"), np.abs(z), np.angle(z))
        for name in ("ftz.npz", "pos.npz"):
            with self.subTest(name):
                run("rebuild", self.path(name), "--out", self.path("y.npy"))
                self.assertLess(test_cli.rel_err(np.load(self.path("y.npy"))[:len(x)], x), 1e-9)

    def test_the_projects_own_stft_round_trips(self):
        x = signal(8000)
        np.save(self.path("x.npy"), x)
        run("stft", self.path("x.npy"), "--out", self.path("z.npy"), "--nperseg", 200,
            "--noverlap", 150, "--window", "hamming", check=0)
        z = np.load(self.path("z.npy"))
        np.save(self.path("m.npy"), np.abs(z))
        np.save(self.path("p.npy"), np.angle(z))
        run("rebuild", self.path("m.npy"), "--phase", self.path("p.npy"), "--window", "hamming",
            "--nperseg", 200, "--noverlap", 150, "--length", len(x), "--out", self.path("y.npy"),
            check=0)
        self.assertLess(test_cli.rel_err(np.load(self.path("y.npy")), x), 1e-4)
        guess = json.loads(run("guess", self.path("m.npy"), "--phase", self.path("p.npy"),
                               "--length", len(x), check=0).stdout)
        top = guess["candidates"][0]
        self.assertEqual((top["window"], top["nperseg"], top["hop"]), ("hamming", 200, 50))


    def test_without_the_stft_a_reading_that_misses_is_replaced_by_the_guessed_one(self):
        # scipy's defaults (half overlap) did not make these files: read so, the result was
        # -10 dB from its input and twice too long. With no window, length or overlap given,
        # the reading is guessed and used, and said to be; given ones are kept.
        x = signal(6000)
        _, _, z = scipy.signal.stft(x, window="blackman", nperseg=200, noverlap=150)
        np.save(self.path("m.npy"), 20 * np.log10(np.abs(z) + 1e-12))
        np.save(self.path("p.npy"), np.angle(z))
        proc = run("rebuild", self.path("m.npy"), "--phase", self.path("p.npy"), "--mag-unit",
                   "db", "--out", self.path("y.npy"), check=0)
        self.assertIn("the default reading (window 200, overlap 100) misses the input by ",
                      proc.stdout)
        self.assertIn("read as guessed, blackman, window 200, hop 50, onesided bins-frames db",
                      proc.stdout)
        self.assertNotIn("warning", proc.stderr)
        self.assertLess(test_cli.rel_err(np.load(self.path("y.npy")), x), 1e-4)
        proc = run("rebuild", self.path("m.npy"), "--phase", self.path("p.npy"), "--mag-unit",
                   "db", "--nperseg", 200, "--out", self.path("d.npy"), check=0)
        self.assertNotIn("guessed", proc.stdout)
        self.assertIn("do not fit this reading", proc.stderr)
        # A phase unit or bin order given is kept by the guess, as a layout is (they turned the
        # guess off: twice too long, 1.3 of the signal away).
        for more in (["--phase-unit", "radians"], ["--sides", "onesided"]):
            with self.subTest(more=more):
                proc = run("rebuild", self.path("m.npy"), "--phase", self.path("p.npy"),
                           "--mag-unit", "db", *more, "--out", self.path("y.npy"), check=0)
                self.assertIn("read as guessed, blackman, window 200, hop 50", proc.stdout)
                self.assertLess(test_cli.rel_err(np.load(self.path("y.npy")), x), 1e-4)


class Guess(CliTest):
    def test_the_true_parameters_come_first_by_orders_of_magnitude(self):
        for i, case in enumerate(CASES):
            with self.subTest(**case):
                x, mp, pp, extra = write_case(self, i, case)
                proc = run("guess", mp, "--phase", pp, *extra, "--scaling", case["scaling"],
                           "--fs", 8000, "--length", len(x), "--top", 3, check=0)
                c = json.loads(proc.stdout)["candidates"]
                top = c[0]
                sides = "onesided" if case["sides"] == "onesided" or not case.get("complex") \
                    and case["sides"] == "twosided" else case["sides"]
                want = (case["window"], case["nperseg"], case["hop"], case["layout"],
                        case["mag_unit"], case["phase_unit"])
                got = (top["window"], top["nperseg"], top["hop"], top["layout"],
                       top["mag_unit"], top["phase_unit"])
                self.assertEqual(got, want)
                self.assertIn(top["sides"], {sides, case["sides"]})
                self.assertLess(top["inconsistency"], 1e-5)  # float32 files: ~4e-6
                # The runner-up is orders of magnitude worse, unless it is the same reading
                # of a real signal's two-sided spectrum with the halves swapped (a tie).
                second = c[1]
                if second["inconsistency"] <= 1.01 * top["inconsistency"]:
                    self.assertEqual({top["sides"], second["sides"]}, {"twosided", "shifted"})
                    self.assertEqual(top["sides"], case["sides"])
                    second = c[2]
                self.assertGreater(second["inconsistency"], 1000 * top["inconsistency"])

    def test_the_frames_show_a_window_shorter_than_the_fft_and_any_hop(self):
        # A tester's speech set-up: Hamming 400 in a 512 FFT, hop 160 (60 % overlap), stored
        # frames x bins as power and degrees. None of the enumerated readings; the frames'
        # inverse FFTs show the length and the hop (core/phase/FrameInspection.h).
        x = signal(9000)
        _, _, z = scipy.signal.stft(x, window="hamming", nperseg=400, noverlap=240, nfft=512)
        np.savetxt(self.path("pow.csv"), (np.abs(z) ** 2).T, delimiter=",", fmt="%.17g")
        np.savetxt(self.path("deg.csv"), np.degrees(np.angle(z)).T, delimiter=",", fmt="%.17g")
        out = json.loads(run("guess", self.path("pow.csv"), "--phase", self.path("deg.csv"),
                             "--top", 2, check=0).stdout)
        top = out["candidates"][0]
        self.assertEqual((top["window"], top["nperseg"], top["hop"], top["nfft"], top["layout"],
                          top["mag_unit"], top["phase_unit"]),
                         ("hamming", 400, 160, 512, "frames-bins", "power", "degrees"))
        self.assertLess(top["inconsistency"], 1e-9)
        self.assertGreater(out["candidates"][1]["inconsistency"], 1e-4)
        self.assertNotIn("warning", out)
        # MATLAB's hamming(N) is symmetric: told from scipy's periodic one.
        _, _, z = scipy.signal.stft(x, window=scipy.signal.get_window("hamming", 256, False),
                                    nperseg=256, noverlap=192)
        np.save(self.path("m.npy"), np.abs(z))
        np.save(self.path("p.npy"), np.angle(z))
        top = json.loads(run("guess", self.path("m.npy"), "--phase", self.path("p.npy"),
                             check=0).stdout)["candidates"][0]
        self.assertEqual((top["window"], top["nperseg"], top["hop"]), ("hamming,sym", 256, 64))
        self.assertLess(top["inconsistency"], 1e-9)

    def test_readings_whose_frames_show_no_hop_are_dropped_when_one_shows_it(self):
        # With a phase, the frames of the true reading show their hop (FrameInspection.h): the
        # matrix read transposed or in other units is not scored at all. A 2-minute recording's
        # transposed reading (41345 bins) took 4 minutes to score.
        x = signal(6000)
        mag, phase = make_stft(x, CASES[1])  # frames x bins, power, degrees
        for fmt in ("%.17g", "%.2g"):
            np.savetxt(self.path("m.csv"), mag, delimiter=",", fmt=fmt)
            np.savetxt(self.path("p.csv"), phase, delimiter=",", fmt=fmt)
            out = json.loads(run("guess", self.path("m.csv"), "--phase", self.path("p.csv"),
                                 check=0).stdout)
            top = out["candidates"][0]
            self.assertEqual((top["window"], top["nperseg"], top["hop"], top["layout"],
                              top["mag_unit"], top["phase_unit"]),
                             ("hamming", 128, 64, "frames-bins", "power", "degrees"))
            # Every candidate ranked is counted, the few printed among them.
            self.assertGreaterEqual(out["readings_ranked"], len(out["candidates"]))
            if fmt == "%.17g":
                self.assertEqual(out["readings_scored"], 1)
                # The other layout, units, orders and FFT sizes whose edge bins are real (a
                # one-sided reading's DC must be) or that are two-sided.
                self.assertGreater(out["readings_without_a_hop"], 20)
            else:  # too coarse for any frames to show a hop exactly: every reading scored
                self.assertEqual(out["readings_without_a_hop"], 0)
                self.assertGreater(out["readings_scored"], 20)

    def test_kaiser_and_gaussian_windows_are_fitted_to_the_frames(self):
        # Their parameter is no list's: the frames show g(n) / g(n + hop) and the fitted
        # window is scored like any other (core/phase/WindowFit.h).
        x = signal(8000)
        for window, spec, hop, want in [(("kaiser", 14.0), True, 64, "kaiser,14"),
                                        (("kaiser", 5.3), False, 64, "kaiser,5.3,sym"),
                                        (("gaussian", 40.0), True, 32, "gaussian,40")]:
            with self.subTest(window=window, periodic=spec):
                w = scipy.signal.get_window(window, 256, fftbins=spec)
                _, _, z = scipy.signal.stft(x, window=w, nperseg=256, noverlap=256 - hop)
                np.save(self.path("m.npy"), np.abs(z))
                np.save(self.path("p.npy"), np.angle(z))
                top = json.loads(run("guess", self.path("m.npy"), "--phase", self.path("p.npy"),
                                     check=0).stdout)["candidates"][0]
                self.assertEqual((top["window"], top["nperseg"], top["hop"]), (want, 256, hop))
                self.assertLess(top["inconsistency"], 1e-8)
                y = self.path("y.npy")
                run("rebuild", self.path("m.npy"), "--phase", self.path("p.npy"), "--window",
                    top["window"], "--nperseg", 256, "--noverlap", 256 - hop, "--out", y)
                self.assertLess(np.max(np.abs(np.load(y)[:len(x)] - x)), 1e-6)

    def test_files_rounded_to_four_digits_or_floored_in_db_are_read_as_made(self):
        # Text written with four significant digits (np.savetxt fmt="%.4g") leaves noise, -73 dB,
        # where the window is zero: the frames still show the window and the hop above it
        # (FrameInspection.h), and readings whose frames barely overlap, consistent with any
        # data to about that noise (a boxcar 1024 at hop 896: -80.8 dB), do not outrank the
        # true one. They did: torch's Hann 800 in 1024 at hop 200 was guessed a 1024 at hop 896
        # and rebuilt to 71680 samples of nothing.
        # And torch's 400 in 512 at hop 160, whose only other lag under the screen's bar was
        # none: its misfit (1.2e-4) is set against the other lags' own (it was against the bar).
        x = signal(16000)
        for nfft, win, hop in [(1024, 800, 200), (512, 400, 160)]:
            z = torch_stft(x, "hann", nfft, win, hop, pad_mode="reflect")
            np.savetxt(self.path("m.csv"), np.abs(z), delimiter=",", fmt="%.4g")
            np.savetxt(self.path("p.csv"), np.angle(z), delimiter=",", fmt="%.4g")
            files = [self.path("m.csv"), "--phase", self.path("p.csv")]
            top = json.loads(run("guess", *files, check=0).stdout)["candidates"][0]
            offset = (nfft - win) // 2
            self.assertEqual((top["window"], top["nperseg"], top["hop"], top["window_offset"]),
                             ("hann", win, hop, offset))
            self.assertLess(top["inconsistency"], 1e-3)
            proc = run("rebuild", *files, "--out", self.path("y.npy"))
            self.assertIn("read as guessed, hann, window %d at sample %d of %d, hop %d"
                          % (win, offset, nfft, hop), proc.stdout)
            y = np.load(self.path("y.npy"))
            self.assertEqual(len(y), len(x))
            self.assertLess(np.linalg.norm(y - x) / np.linalg.norm(x), 1e-3)  # measured 9e-5
        # Whisper's framing, torch's Hann 400 in a 400 FFT at hop 160: no zeros where a noise
        # floor shows, and noise near the window's ends, where it is small, weighed as much as
        # the signal elsewhere: no hop was found (the misfit is now the energy a rank-one fit
        # leaves, FrameInspection.h). Four digits, float16 and big-endian float64 (numpy.save
        # keeps the dtype; float16 was refused). Nothing betrays the unscaled FFT but the level:
        # read as scipy's, 200 times full scale.
        z = torch_stft(x, "hann", 400, 400, 160, pad_mode="reflect")
        np.savetxt(self.path("m.csv"), np.abs(z), delimiter=",", fmt="%.4g")
        np.savetxt(self.path("p.csv"), np.angle(z), delimiter=",", fmt="%.4g")
        np.save(self.path("m16.npy"), np.abs(z).astype(np.float16))
        np.save(self.path("p16.npy"), np.angle(z).astype(np.float16))
        np.save(self.path("mbe.npy"), np.abs(z).astype(">f8"))
        np.save(self.path("pbe.npy"), np.angle(z).astype(">f8"))
        for mag, phase, bound in [("m.csv", "p.csv", 1e-3), ("m16.npy", "p16.npy", 3e-3),
                                  ("mbe.npy", "pbe.npy", 1e-6)]:
            with self.subTest(mag):
                files = [self.path(mag), "--phase", self.path(phase)]
                top = json.loads(run("guess", *files, check=0).stdout)["candidates"][0]
                self.assertEqual((top["window"], top["nperseg"], top["nfft"], top["hop"]),
                                 ("hann", 400, 400, 160))
                proc = run("rebuild", *files, "--length", len(x), "--fs", 16000,
                           "--sample-type", "float32", "--out", self.path("y.wav"))
                self.assertIn("read as a plain, unscaled FFT (scaling none", proc.stdout)
                y = read_wav(self.path("y.wav"))
                self.assertEqual(len(y), len(x))
                self.assertLess(np.linalg.norm(y - x) / np.linalg.norm(x), bound)
        # Three digits (-51 dB at best): short of consistent, but 40 dB better than scipy's
        # defaults read it (-9 dB), which were kept and gave 32000 samples of nothing.
        _, _, z = scipy.signal.stft(x, window="hamming", nperseg=400, noverlap=300)
        np.savetxt(self.path("m.csv"), np.abs(z), delimiter=",", fmt="%.3g")
        np.savetxt(self.path("p.csv"), np.angle(z), delimiter=",", fmt="%.3g")
        proc = run("rebuild", self.path("m.csv"), "--phase", self.path("p.csv"), "--out",
                   self.path("y.npy"), check=0)
        self.assertIn("read as guessed, hamming, window 400, hop 100", proc.stdout)
        y = np.load(self.path("y.npy"))[:len(x)]
        self.assertLess(np.linalg.norm(y - x) / np.linalg.norm(x), 3e-3)
        # Three decimals ("%.3f": most magnitudes read 0): the true reading scores -37 dB, what
        # the rounding leaves; it ranked 24th among readings whose frames barely overlap, the
        # default reading was kept (96000 samples), and with the true options given the result
        # was called "not the signal". Now consistent to the rounding, and said so.
        _, _, z = scipy.signal.stft(x * 0.3, nperseg=512, noverlap=384)
        np.savetxt(self.path("m.csv"), np.abs(z), fmt="%.3f")
        np.savetxt(self.path("p.csv"), np.angle(z), fmt="%.3f")
        proc = run("rebuild", self.path("m.csv"), "--phase", self.path("p.csv"), "--out",
                   self.path("y.npy"))
        self.assertIn("read as guessed, hann, window 512, hop 128", proc.stdout)
        self.assertIn("warning: the files' values are rounded (the magnitudes to 0.001; ",
                      proc.stderr)
        self.assertNotIn("not the signal", proc.stderr)
        y = np.load(self.path("y.npy"))
        self.assertEqual(len(y), len(x))
        self.assertLess(np.linalg.norm(y - 0.3 * x) / np.linalg.norm(0.3 * x), 0.05)
        # Frames by bins by hand (numpy, a symmetric Hamming 400 in a 512 FFT every 160
        # samples), as four-digit text, and as dB floored 80 dB below the loudest (librosa's
        # amplitude_to_db, top_db=80).
        w = np.zeros(512)
        w[:400] = np.hamming(400)
        frames = (len(x) - 512) // 160 + 1
        z = np.array([np.fft.rfft(w * x[j * 160:j * 160 + 512]) for j in range(frames)])
        db = 20 * np.log10(np.abs(z) / np.abs(z).max())
        np.savetxt(self.path("m.csv"), np.abs(z), delimiter=",", fmt="%.4g")
        np.savetxt(self.path("p.csv"), np.angle(z), delimiter=",", fmt="%.4g")
        np.save(self.path("db.npy"), np.maximum(db, -80))
        np.save(self.path("p.npy"), np.angle(z))
        for files in [[self.path("m.csv"), "--phase", self.path("p.csv")],
                      [self.path("db.npy"), "--phase", self.path("p.npy"), "--mag-unit", "db"]]:
            with self.subTest(files[0]):
                top = json.loads(run("guess", *files, check=0).stdout)["candidates"][0]
                self.assertEqual((top["window"], top["nperseg"], top["nfft"], top["hop"],
                                  top["layout"]), ("hamming,sym", 400, 512, 160, "frames-bins"))

    def test_scipy_spectrogram_defaults_tukey_window_and_frames_from_the_first_sample(self):
        # scipy.signal.spectrogram: ('tukey', 0.25), nperseg 256, noverlap 256 // 8, no
        # padding (frames from sample 0), psd scaling. The given length's frame count tells
        # where the frames start.
        x = signal(16000)
        _, _, c = scipy.signal.spectrogram(x, 8000.0, mode="complex", detrend=False)
        np.save(self.path("m.npy"), np.abs(c))
        np.save(self.path("p.npy"), np.angle(c))
        out = json.loads(run("guess", self.path("m.npy"), "--phase", self.path("p.npy"),
                             "--length", len(x), check=0).stdout)
        top = out["candidates"][0]
        self.assertEqual((top["window"], top["nperseg"], top["hop"], top["centred"]),
                         ("tukey,0.25", 256, 224, False))
        self.assertLess(top["inconsistency"], 1e-10)
        self.assertIn("frames from the first sample", top["summary"])
        self.assertIn("the given length's frame count tells", out["frames_note"])
        covered = (c.shape[1] - 1) * 224 + 256
        files = [self.path("m.npy"), "--phase", self.path("p.npy"), "--fs", 8000]
        # Given in full; guessed, with --uncentred, with a length (the default reading's frame
        # count does not fit it: it failed, "16000 samples give 126 frames (expected 71"), and
        # with neither (the tool's frames start at the first sample).
        for more in [["--window", "tukey,0.25", "--nperseg", 256, "--noverlap", 32,
                      "--uncentred", "--scaling", "psd"],
                     ["--uncentred"], ["--length", len(x)], []]:
            with self.subTest(more=more):
                proc = run("rebuild", *files, *more, "--out", self.path("y.npy"), check=0)
                y = np.load(self.path("y.npy"))
                self.assertEqual(len(y), len(x) if more == ["--length", len(x)] else covered)
                # sample 0 has weight 0 in the only frame holding it (the Tukey window starts
                # at 0)
                self.assertLess(np.max(np.abs(y[1:covered] - x[1:covered])), 1e-9)
                if len(more) < 3:
                    self.assertIn("read as guessed, tukey,0.25, window 256, hop 224", proc.stdout)
        self.assertIn("the default reading does not fit the files (--length: 16000 samples give "
                      "126 frames (expected 71 frames", run("rebuild", *files, "--length", len(x),
                                                            "--out", self.path("y.npy")).stdout)
        # the default psd of power magnitudes: phase retrieval at 12.5 % overlap is warned of
        # (nearly any phase is consistent there, so magnitudes alone barely tell the hop)
        _, _, sxx = scipy.signal.spectrogram(x, 8000.0, detrend=False)
        np.save(self.path("s.npy"), sxx)
        proc = run("rebuild", self.path("s.npy"), "--mag-unit", "power", "--scaling", "psd",
                   "--window", "tukey,0.25", "--nperseg", 256, "--noverlap", 32, "--uncentred",
                   "--iterations", 20, "--out", self.path("r.npy"), check=0)
        self.assertIn("the frames overlap by 12.5 % (hop 224 of a 256-sample window): with less "
                      "than 50 % overlap nearly any phase is consistent", proc.stderr)

    def test_frames_detrended_before_the_window_are_found_and_inverted(self):
        # scipy's detrend takes each segment's mean ('constant': scipy.signal.spectrogram's
        # default) or line away before the window; no plain reading is consistent then.
        x = signal(16000) + 0.3 + np.linspace(0, 0.5, 16000)
        for kind, made in [
                ("constant", lambda: scipy.signal.spectrogram(x, 8000.0, mode="complex")[2]),
                ("linear", lambda: scipy.signal.stft(x, 8000.0, "hamming", 256, 192,
                                                     detrend="linear")[2])]:
            with self.subTest(detrend=kind):
                z = made()
                np.save(self.path("m.npy"), np.abs(z))
                np.save(self.path("p.npy"), np.angle(z))
                out = json.loads(run("guess", self.path("m.npy"), "--phase", self.path("p.npy"),
                                     "--length", len(x), check=0).stdout)
                top = out["candidates"][0]
                self.assertEqual(top["detrend"], kind)
                self.assertLess(top["inconsistency"], 1e-4)
                self.assertIn("detrended (%s)" % kind, top["summary"])
                if kind == "constant":  # scipy.signal.spectrogram's window: its scaling is psd
                    self.assertIn("scipy.signal.spectrogram's, whose scaling is psd",
                                  out["scaling_hint"])
                args = ["--window", top["window"], "--nperseg", 256, "--noverlap",
                        top["noverlap"], "--detrend", kind, "--fs", 8000, "--length", len(x)]
                if not top["centred"]:
                    args += ["--uncentred", "--scaling", "psd"]
                proc = run("rebuild", self.path("m.npy"), "--phase", self.path("p.npy"), *args,
                           "--out", self.path("y.npy"), check=0)
                y = np.load(self.path("y.npy"))
                if kind == "constant":  # no padding: the mean is in no frame, and said
                    self.assertIn("the signal's own mean is in no frame", proc.stdout)
                    covered = (z.shape[1] - 1) * 224 + 256  # scipy drops the rest
                    want = x[:covered] - x[:covered].mean()
                    # no padding: the ridge (Detrend.cpp) moves the signal's line by 2e-7
                    self.assertLess(np.max(np.abs(y[:covered] - want)), 1e-6)
                    self.assertFalse(np.any(y[covered:]))
                else:  # padded frames keep the line, and pin slow drifts
                    self.assertLess(np.max(np.abs(y - x)), 1e-6)
                    self.assertNotIn("drifts slow against a frame", proc.stdout)
        proc = run("rebuild", self.path("m.npy"), "--detrend", "linear", "--nperseg", 256,
                   "--out", self.path("r.npy"))
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("--detrend: linear with phase retrieval (expected a phase file", proc.stderr)

    def test_a_window_centred_in_a_longer_fft_as_librosa_and_torch_make_it(self):
        # librosa.stft(n_fft=512, win_length=400, hop_length=160) and torch.stft pad the
        # window to n_fft on both sides: 56 zeros, then 400 samples of Hann. Their frames are
        # centred on j * hop like scipy's; the FFT is not scaled.
        x = signal(8000)
        z = torch_stft(x, "hann", 512, 400, 160)
        np.save(self.path("m.npy"), np.abs(z))
        np.save(self.path("p.npy"), np.angle(z))
        out = json.loads(run("guess", self.path("m.npy"), "--phase", self.path("p.npy"),
                             check=0).stdout)
        self.assertIn("librosa's or torch's, which do not scale the FFT: scaling none",
                      out["scaling_hint"])
        out = json.loads(run("guess", self.path("m.npy"), "--phase", self.path("p.npy"),
                             "--scaling", "none", check=0).stdout)
        self.assertNotIn("scaling_hint", out)  # given: nothing to say
        top = out["candidates"][0]
        self.assertEqual((top["window"], top["nperseg"], top["nfft"], top["hop"],
                          top["window_offset"]), ("hann", 400, 512, 160, 56))
        self.assertIn("window 400 at sample 56 of 512", top["summary"])
        self.assertLess(top["inconsistency"], 1e-9)
        self.assertNotIn("warning", out)
        base = ["rebuild", self.path("m.npy"), "--phase", self.path("p.npy"), "--scaling", "none",
                "--nperseg", 400, "--noverlap", 240, "--nfft", 512, "--out", self.path("y.npy")]
        run(*base, "--window-offset", 56)
        self.assertLess(np.max(np.abs(np.load(self.path("y.npy"))[:len(x)] - x)), 1e-6)
        # Read with scipy's scaling, the plain FFT comes out sum(w) = 200 times too loud: with
        # no --scaling a recording's level says so and the files are read as a plain FFT's; with
        # scipy's given, the result is as loud as it reads, and the warning names the scaling.
        reading = [self.path("m.npy"), "--phase", self.path("p.npy"), "--nperseg", 400,
                   "--noverlap", 240, "--nfft", 512, "--window-offset", 56, "--fs", 8000]
        proc = run("rebuild", *reading, "--sample-type", "float32", "--out", self.path("y.wav"))
        peak = np.max(np.abs(x))
        self.assertIn("read with scipy's scaling, the result peaked at %.3g (%+.1f dB of full "
                      "scale): read as a plain, unscaled FFT (scaling none: torch, librosa, "
                      "MATLAB's stft, numpy's fft), it peaks at %.3g; --scaling spectrum keeps "
                      "scipy's" % (200 * peak, 20 * np.log10(200 * peak), peak), proc.stdout)
        self.assertLess(np.max(np.abs(read_wav(self.path("y.wav"))[:len(x)] - x)), 1e-6)
        # Into a .npy the values stay as the scaling reads them (unnormalised data are no plain
        # FFT), and the warning names the scaling.
        proc = run("rebuild", *reading, "--out", self.path("y.npy"))
        self.assertLess(np.max(np.abs(np.load(self.path("y.npy"))[:len(x)] - 200 * x)), 1e-4)
        self.assertIn("take scaling none (--scaling none)", proc.stderr)
        proc = run("rebuild", *reading, "--scaling", "spectrum", "--out", self.path("y.wav"))
        self.assertIn("dB above full scale), where integer samples clip", proc.stderr)
        self.assertIn("unscaled FFT (librosa, torch, MATLAB's stft) take scaling none", proc.stderr)
        # Rebuilt with no reading given, the guessed reading brings its tool's scaling: the
        # signal at its own level (it kept scipy's and came out 45 dB too loud).
        proc = run("rebuild", self.path("m.npy"), "--phase", self.path("p.npy"), "--fs", 8000,
                   "--out", self.path("g.npy"))
        self.assertIn("scaling none: a window centred in a longer FFT is librosa's", proc.stdout)
        self.assertLess(np.max(np.abs(np.load(self.path("g.npy"))[:len(x)] - x)), 1e-6)
        err = run(*base, "--window-offset", 200, check=2).stderr  # a bad option value
        self.assertIn("--window-offset: 200 with a window of 400 in a 512-point FFT (expected 0 "
                      "to 112; librosa and torch centre the window at 56)", err)

    def test_torch_and_librosa_frames_rebuild_whole_without_a_false_alarm(self):
        # torch.stft's default pads the ends by reflection, and 1 + N // hop frames cover N
        # samples (scipy would make one more): the inverse is exact inside, its edge frames
        # differ, and the true length is taken. A 1024 window in a 2048 FFT is consistent as a
        # boxcar 2048 at hop 1536 too (the frames overlap only where the window is zero): the
        # more redundant true reading ranks first.
        x = signal(12000)
        z = torch_stft(x, "hann", 2048, 1024, 256, pad_mode="reflect")
        self.assertEqual(z.shape[1], 1 + len(x) // 256)
        np.save(self.path("m.npy"), np.abs(z))
        np.save(self.path("p.npy"), np.angle(z))
        top = json.loads(run("guess", self.path("m.npy"), "--phase", self.path("p.npy"),
                             "--length", len(x), check=0).stdout)["candidates"][0]
        self.assertEqual((top["window"], top["nperseg"], top["hop"], top["window_offset"]),
                         ("hann", 1024, 256, 512))
        proc = run("rebuild", self.path("m.npy"), "--phase", self.path("p.npy"), "--scaling",
                   "none", "--nperseg", 1024, "--noverlap", 768, "--nfft", 2048,
                   "--window-offset", 512, "--length", len(x), "--out", self.path("y.npy"))
        self.assertNotIn("warning", proc.stderr)
        y = np.load(self.path("y.npy"))
        self.assertEqual(len(y), len(x))
        self.assertLess(np.max(np.abs(y - x)), 1e-5)

    def test_torch_normalized_frames_take_scaling_ortho(self):
        # torch.stft(normalized=True) and numpy's norm="ortho" divide the plain FFT by
        # sqrt(n_fft): read as scipy's, the result came out 11 times too loud, and nothing named
        # the scaling that reads it.
        x = signal(8000)
        z = torch_stft(x, "hann", 512, 512, 128) / np.sqrt(512)
        np.save(self.path("m.npy"), np.abs(z))
        np.save(self.path("p.npy"), np.angle(z))
        files = [self.path("m.npy"), "--phase", self.path("p.npy"), "--fs", 8000]
        proc = run("rebuild", *files, "--scaling", "spectrum", "--out", self.path("y.wav"),
                   check=0)
        self.assertIn("Files of an FFT divided by the square root of its size (torch.stft's "
                      "normalized=True, numpy's norm=\"ortho\"; torchaudio's "
                      "Spectrogram(normalized=True) divides by the window's norm: scaling window) "
                      "take scaling ortho (--scaling ortho)", proc.stderr)
        for scaling in (["--scaling", "ortho"], []):  # no --scaling: a recording's level tells
            proc = run("rebuild", *files, *scaling, "--sample-type", "float32", "--out",
                       self.path("y.wav"))
            y = read_wav(self.path("y.wav"))  # scipy's length for its 63 frames: 7936
            self.assertLess(test_cli.rel_err(y, x[:len(y)]), 1e-6)
            self.assertEqual("read as an FFT divided by the square root of its size (scaling "
                             "ortho" in proc.stdout, not scaling)
        # torchaudio's Spectrogram(normalized=True) divides by the window's norm, sqrt(sum w^2)
        # (13.9 for Hann 512, not sqrt(512) = 22.6): --scaling window. ortho read it 1.63 times
        # too loud.
        w = scipy.signal.get_window("hann", 512)
        z = torch_stft(x, "hann", 512, 512, 128) / np.sqrt(np.sum(w ** 2))
        np.save(self.path("m.npy"), np.abs(z))
        np.save(self.path("p.npy"), np.angle(z))
        run("rebuild", *files, "--scaling", "window", "--out", self.path("y.npy"))
        y = np.load(self.path("y.npy"))
        self.assertLess(test_cli.rel_err(y, x[:len(y)]), 1e-9)
        # A quiet signal's plain FFT (peak 0.02) read with scipy's scaling peaks at 5: too
        # quiet to tell by the level, said as a cause among others, even into a .npy (nothing
        # was said).
        z = torch_stft(x * 0.01, "hann", 512, 512, 128)
        np.save(self.path("m.npy"), np.abs(z))
        np.save(self.path("p.npy"), np.angle(z))
        proc = run("rebuild", *files, "--out", self.path("y.npy"))
        self.assertIn("or the files are of a quiet signal's plain, unscaled FFT (torch, librosa, "
                      "numpy's fft: 256 times quieter so), which take scaling none (--scaling "
                      "none)", proc.stderr)

    def test_torch_frames_without_centring_are_found_and_rebuilt_in_place(self):
        # torch.stft(center=False) with a 400 window in a 512 FFT: frames of 512 samples from
        # the first, 1 + (N - 512) // 160 of them, the window 56 samples into each. The length
        # was refused (frames counted by the window) and the result came out 56 samples early.
        x = signal(12000)
        n_fft, win, hop = 512, 400, 160
        z = torch_stft(x, "hamming", n_fft, win, hop, center=False)
        frames = z.shape[1]
        np.save(self.path("m.npy"), np.abs(z))
        np.save(self.path("p.npy"), np.angle(z))
        out = json.loads(run("guess", self.path("m.npy"), "--phase", self.path("p.npy"),
                             "--length", len(x), "--scaling", "none", check=0).stdout)
        top = out["candidates"][0]
        self.assertEqual((top["window"], top["nperseg"], top["hop"], top["window_offset"],
                          top["centred"]), ("hamming", 400, 160, 56, False))
        self.assertLess(top["inconsistency"], 1e-9)
        proc = run("rebuild", self.path("m.npy"), "--phase", self.path("p.npy"), "--scaling",
                   "none", "--window", "hamming", "--nperseg", win, "--noverlap", win - hop,
                   "--nfft", n_fft, "--window-offset", 56, "--uncentred", "--length", len(x),
                   "--out", self.path("y.npy"))
        y = np.load(self.path("y.npy"))
        self.assertEqual(len(y), len(x))
        end = 56 + (frames - 1) * hop + win
        self.assertLess(np.max(np.abs(y[56:end] - x[56:end])), 1e-9)
        self.assertIn(f"the first 56 samples and the last {len(x) - end} samples lie under no "
                      "frame's "
                      "window", proc.stdout)
        self.assertNotIn("spectral convergence", proc.stdout)  # a direct inverse iterates not
        # From the magnitudes alone the length's frame count places the window likewise.
        top = json.loads(run("guess", self.path("m.npy"), "--fs", 16000, "--length", len(x),
                             "--scaling", "none", "--top", 40, check=0).stdout)["candidates"]
        ours = [c for c in top if (c["nperseg"], c["hop"]) == (400, 160)]
        self.assertTrue(ours)
        self.assertEqual((ours[0]["window_offset"], ours[0]["centred"]), (56, False))

    def test_a_one_sided_power_spectral_density_is_read_at_its_level(self):
        # scipy.signal.spectrogram's default mode is a one-sided PSD: every bin but DC and
        # Nyquist doubled. Read as power with scaling psd, the rebuild was sqrt 2 too loud.
        x = signal(8000)
        kw = dict(fs=8000, window=("tukey", 0.25), nperseg=256, noverlap=224, detrend=False)
        _, _, sxx = scipy.signal.spectrogram(x, **kw)
        _, _, zc = scipy.signal.spectrogram(x, mode="complex", **kw)
        self.assertTrue(np.allclose(sxx[1:-1], 2 * np.abs(zc[1:-1]) ** 2))
        np.save(self.path("m.npy"), sxx)
        np.save(self.path("db.npy"), 10 * np.log10(sxx))  # as plotted
        np.save(self.path("p.npy"), np.angle(zc))
        for name, unit in [("m.npy", "power"), ("db.npy", "db")]:
            run("rebuild", self.path(name), "--phase", self.path("p.npy"), "--fs", 8000,
                "--mag-unit", unit, "--scaling", "psd", "--window", "tukey,0.25", "--nperseg",
                256, "--noverlap", 224, "--uncentred", "--length", len(x), "--out",
                self.path("y.npy"))
            y = np.load(self.path("y.npy"))
            self.assertLess(np.max(np.abs(y[300:-300] - x[300:-300])), 1e-9, unit)
        # With the phase, only the doubled bins make the frames consistent: the guess reads
        # power as a one-sided PSD too, and says so when the scaling given is another.
        out = json.loads(run("guess", self.path("m.npy"), "--phase", self.path("p.npy"),
                             "--fs", 8000, "--length", len(x), check=0).stdout)
        top = out["candidates"][0]
        self.assertEqual((top["window"], top["hop"], top["scaling"], top["centred"]),
                         ("tukey,0.25", 32, "psd", False))
        self.assertLess(top["inconsistency"], 1e-10)
        self.assertIn("power (one-sided psd)", top["summary"])
        self.assertIn("as in a one-sided power spectral density", out["scaling_hint"])
        # The guess keeps to the unit it is given.
        out = json.loads(run("guess", self.path("m.npy"), "--mag-unit", "power", "--fs", 8000,
                             "--top", 20, check=0).stdout)
        self.assertEqual({c["mag_unit"] for c in out["candidates"]}, {"power"})
        # A Tukey 0.25 best says whose frames those are.
        self.assertIn("scipy.signal.spectrogram's, whose frames start at the first sample",
                      out["frames_note"])

    def test_detrended_iq_frames_are_found_behind_readings_of_little_overlap(self):
        # Complex samples through scipy.signal.stft(detrend='constant'): read as they stand,
        # every window at 12.5 % overlap scored better (-38.8 dB) than the true 50 % (-31.6),
        # and only the eight best were tried detrended. Now the best of each hop are too.
        rng = np.random.default_rng(4)
        x = (rng.standard_normal(40000) + 1j * rng.standard_normal(40000)) * 0.1
        x = scipy.signal.lfilter(*scipy.signal.butter(4, 0.3), x) + 0.02 * (1 + 1j)
        _, _, z = scipy.signal.stft(x, 2e6, nperseg=256, return_onesided=False,
                                    detrend="constant")
        np.save(self.path("m.npy"), np.abs(z))
        np.save(self.path("p.npy"), np.angle(z))
        out = json.loads(run("guess", self.path("m.npy"), "--phase", self.path("p.npy"), "--fs",
                             2e6, check=0).stdout)
        top = out["candidates"][0]
        self.assertEqual((top["window"], top["nperseg"], top["hop"], top["detrend"],
                          top["signal"]), ("hann", 256, 128, "constant", "complex"))
        self.assertLess(top["inconsistency"], 1e-6)  # the unpadded frames' ridge: 1.4e-8
        self.assertNotIn("warning", out)

    def test_a_complex_npy_is_read_with_its_own_phase(self):
        x = signal(6000)
        _, _, z = scipy.signal.stft(x, window="hann", nperseg=256, noverlap=192)
        np.save(self.path("z.npy"), z)
        out = json.loads(run("guess", self.path("z.npy"), "--top", 2, check=0).stdout)
        top = out["candidates"][0]
        self.assertEqual((top["window"], top["nperseg"], top["hop"]), ("hann", 256, 64))
        self.assertLess(top["inconsistency"], 1e-9)  # scored as with a phase file
        self.assertNotIn("consistency_gain_db", top)
        self.assertIn("inconsistency", out["measure"])
        self.assertNotIn("time_variation", out)
        np.save(self.path("p.npy"), np.angle(z))
        err = run("rebuild", self.path("z.npy"), "--phase", self.path("p.npy"), "--nperseg", 256,
                  "--noverlap", 192, "--out", self.path("y.npy"), check=2).stderr  # a usage error
        self.assertIn("p.npy: given with a magnitude file of complex numbers", err)

    def test_magnitudes_and_phases_that_no_reading_makes_consistent_are_said_to_be(self):
        x = signal(6000)
        _, _, z = scipy.signal.stft(x, window="hann", nperseg=256, noverlap=192)
        np.save(self.path("m.npy"), np.abs(z))
        np.save(self.path("p.npy"), np.random.default_rng(1).uniform(-np.pi, np.pi, z.shape))
        proc = run("guess", self.path("m.npy"), "--phase", self.path("p.npy"), check=0)
        out = json.loads(proc.stdout)
        self.assertIn("no reading tried makes the magnitudes and phases consistent",
                      out["warning"])
        self.assertEqual(out["readings_without_a_hop"], 0)  # no frames show one: all scored
        self.assertGreater(out["readings_scored"], 20)
        self.assertIn("guess: warning: no reading tried", proc.stderr)


class GuessFromMagnitudes(CliTest):
    """The guess from magnitudes alone: the window, units and layout (a class of its own, as
    each of its phase retrievals takes seconds: the classes run side by side)."""

    def test_magnitudes_alone_point_to_the_true_reading(self):
        # No phase: ranked by the consistency gain over shuffled frames (ParameterGuess.h).
        x = signal(8000)
        mag, _ = make_stft(x, dict(CASES[0], window="blackman"))
        np.save(self.path("m.npy"), mag)
        c = json.loads(run("guess", self.path("m.npy"), "--length", len(x), check=0).stdout)
        top = c["candidates"][0]
        self.assertEqual((top["window"], top["nperseg"], top["hop"], top["layout"],
                          top["mag_unit"]), ("blackman", 128, 32, "bins-frames", "linear"))
        self.assertLess(top["consistency_gain_db"], -10)
        self.assertGreater(c["time_variation"], 0.05)
        self.assertNotIn("warning", c)

    def test_magnitudes_alone_transposed_are_read_as_frames_by_bins_and_said_to_be(self):
        # 65 columns fit a 128-point FFT, 2501 rows none: before, read as 2501 bins (nfft
        # 5000), the guess tried every window of that FFT for minutes and proposed one of them.
        x = signal(80000)
        mag, _ = make_stft(x, dict(CASES[0], window="blackman"))
        np.save(self.path("m.npy"), mag.T)
        self.assertEqual(mag.T.shape, (2501, 65))
        c = json.loads(run("guess", self.path("m.npy"), "--length", len(x), check=0).stdout)
        top = c["candidates"][0]
        self.assertEqual((top["nperseg"], top["hop"], top["layout"]), (128, 32, "frames-bins"))
        self.assertEqual(c["layout_note"], "read as frames x bins: its 65 columns fit a common "
                         "FFT size, its 2501 rows none (layout bins-frames reads the rows as bins)")
        # scipy's Hann 256 (129 bins) over 626 frames, transposed: 626 rows, more than four
        # times the 129 columns, were read as 626 bins (nfft 1250) before.
        z = scipy.signal.stft(signal(40000), nperseg=256, noverlap=192)[2]
        np.save(self.path("s.npy"), np.abs(z).T)
        proc = run("guess", self.path("s.npy"), "--length", 40000, check=0)
        top = json.loads(proc.stdout)["candidates"][0]
        self.assertEqual((top["nperseg"], top["hop"], top["layout"]), (256, 64, "frames-bins"))
        self.assertIn("guess: note: read as frames x bins: its 129 columns", proc.stderr)
        # torch's n_fft 400 (201 bins) over 129 frames stays bins x frames.
        np.save(self.path("t.npy"), np.abs(torch_stft(signal(20480), "hann", 400, 400, 160)))
        c = json.loads(run("guess", self.path("t.npy"), check=0).stdout)
        self.assertNotIn("layout_note", c)
        self.assertEqual(c["candidates"][0]["layout"], "bins-frames")

    def test_magnitudes_alone_of_scipys_defaults_are_not_read_as_an_odd_fft(self):
        # A voiced glide through scipy.signal.stft (Hann 256, 75 %), no length given. Its
        # odd neighbour, Hann 257 / hop 65, scores 0.37 dB better and was ranked first (as in
        # a tester's espeak file); an odd FFT must now win by kOddFftPriorDb (2 dB).
        fs = 16000
        x = voiced_glide(fs, seed=5)
        _, _, z = scipy.signal.stft(x, fs=fs, nperseg=256, noverlap=192)
        np.save(self.path("m.npy"), np.abs(z))
        c = json.loads(run("guess", self.path("m.npy"), "--fs", fs).stdout)["candidates"]
        self.assertEqual((c[0]["window"], c[0]["nperseg"], c[0]["hop"]), ("hann", 256, 64))
        odd = [r for r in c if r["nperseg"] == 257 and r["window"] == "hann"]
        self.assertTrue(odd)
        self.assertLess(odd[0]["consistency_gain_db"], c[0]["consistency_gain_db"])


class GuessTheWindow(CliTest):
    """The guess from magnitudes alone at half overlap: the window the peaks show (four
    retrievals of seconds each; 467 s of GuessFromMagnitudes' 600 s limit under ASan before)."""

    def test_magnitudes_alone_at_half_overlap_take_the_window_the_peaks_show(self):
        # scipy.signal.stft's defaults (50 % overlap) of a voiced glide in dB, no length. At
        # redundancy 2 the consistency gain alone ranked other windows first (sqrt-Hann read
        # as db10 for Hann, boxcar for Blackman; on recorded speech the true reading came
        # 18th). The peaks' shape (phase/PeakShape.h) now ranks the windows whose main lobe
        # fits them first, and db10 counts 3 dB worse: every window is told from the others.
        # The hop of so smooth a glide stays a weak hint (more overlap scores better).
        fs = 16000
        x = voiced_glide(fs, seed=7)
        for window in ("hann", "hamming", "blackman", "boxcar"):
            with self.subTest(window=window):
                z = scipy.signal.stft(x, fs=fs, window=window, nperseg=256)[2]
                np.save(self.path("m.npy"), 20 * np.log10(np.abs(z) + 1e-9))
                c = json.loads(run("guess", self.path("m.npy"), "--fs", fs, "--top", 30,
                                   check=0).stdout)
                ranked = c["candidates"]
                true = [i for i, r in enumerate(ranked)
                        if (r["window"], r["nperseg"], r["hop"], r["mag_unit"], r["sides"]) ==
                        (window, 256, 128, "db", "onesided")]
                self.assertTrue(true)
                self.assertEqual({r["window"] for r in ranked[:true[0] + 1]}, {window})
                self.assertEqual({r["mag_unit"] for r in ranked[:true[0] + 1]}, {"db"})
                self.assertGreater(ranked[0]["peak_fit"], 0.3)
                self.assertRegex(c["peak_note"], r"^\d+ readings rank after the rest: .* at "
                                 r"window 256, db: %s %d %%, " % (window, round(
                                     100 * ranked[0]["peak_fit"])))


class GuessTheHop(CliTest):
    """The guess from magnitudes alone: the hop, and when it cannot be told."""

    def test_magnitudes_alone_of_syllables_at_half_overlap_take_the_true_hop(self):
        # 10 s of syllables at 8 kHz through scipy.signal.stft's defaults (50 %), no length:
        # 626 frames, scored on the first 256. Centred on a signal cut after the 256th frame,
        # the last frame's far half had nothing to match, which cost the true hop more than a
        # shorter one: Blackman ranked 7th behind hop 64, Hann 2nd. Scored on the frames whole,
        # with readings whose hop brings more unknowns than a frame has magnitudes ranked after
        # (any magnitudes are consistent there: boxcar hop 192 came first), each is first.
        fs = 8000
        x = syllables(fs, 10, seed=3)
        for window in ("blackman", "hann", "boxcar"):
            with self.subTest(window=window):
                z = scipy.signal.stft(x, fs=fs, window=window, nperseg=256)[2]
                np.save(self.path("m.npy"), np.abs(z))
                c = json.loads(run("guess", self.path("m.npy"), "--fs", fs, "--top", 30,
                                   check=0).stdout)
                ranked = c["candidates"]
                self.assertRegex(c["hop_note"], r"^\d+ readings rank after the rest: a hop of "
                                 r"129 samples or more \(at FFT size 256\) brings as many "
                                 r"unknowns as a frame has magnitudes \(129\), so any "
                                 r"magnitudes fit it and its score cannot tell$")
                self.assertEqual((ranked[0]["window"], ranked[0]["nperseg"], ranked[0]["hop"],
                                  ranked[0]["mag_unit"], ranked[0]["sides"]),
                                 (window, 256, 128, "linear", "onesided"))
                hops = [r["hop"] for r in ranked if r["window"] == window and
                        r["nperseg"] == 256 and r["sides"] == "onesided"]
                self.assertNotIn(192, hops[:hops.index(128)])
                # 129 magnitudes a frame: hop 128 constrains them, 129 and more do not.
                for r in ranked:
                    bins = r["nfft"] if r["signal"] == "complex" else r["nfft"] // 2 + 1
                    unknowns = r["hop"] * (2 if r["signal"] == "complex" else 1)
                    self.assertEqual(r["hop_constrained"], bins > unknowns, r["summary"])

    def test_magnitudes_alone_of_a_speech_front_end_25_ms_every_10_ms(self):
        # torchaudio and Kaldi frame speech 25 ms every 10 ms in the next power-of-two FFT
        # (Hann 400 in 512, hop 160 at 16 kHz): no window shorter than the FFT was tried from
        # magnitudes, and a tester's file came out as Blackman 512. With the rate, it is.
        fs = 16000
        x = voiced_glide(fs, seed=5)
        _, _, z = scipy.signal.stft(x, fs=fs, nperseg=400, noverlap=240, nfft=512)
        np.save(self.path("m.npy"), np.abs(z))
        top = json.loads(run("guess", self.path("m.npy"), "--fs", fs, "--length", len(x),
                             check=0).stdout)["candidates"][0]
        self.assertEqual((top["window"], top["nperseg"], top["hop"], top["nfft"]),
                         ("hann", 400, 160, 512))
        self.assertIn("window 400 in 512", top["summary"])

    def test_a_steady_tone_cannot_tell_the_hop_and_says_so(self):
        # Every frame of a steady tone is alike: each hop is consistent, and the score alone
        # favoured the least overlap (hop 192 for the true 64). Ranked by how common the overlap
        # is instead, with a warning; the length settles it.
        fs = 8000
        x = np.sin(2 * np.pi * 440 * np.arange(16000) / fs)
        _, _, z = scipy.signal.stft(x, fs=fs, nperseg=256, noverlap=192)
        np.save(self.path("tone.npy"), np.abs(z))
        proc = run("guess", self.path("tone.npy"), "--fs", fs, check=0)
        c = json.loads(proc.stdout)
        self.assertLess(c["time_variation"], 0.01)
        self.assertIn("cannot tell the hop", c["warning"])
        self.assertIn("Give the signal's length", proc.stderr)
        self.assertEqual(c["candidates"][0]["hop"], 128)  # 50 %: the most common overlap
        c = json.loads(run("guess", self.path("tone.npy"), "--fs", fs, "--length", len(x),
                           check=0).stdout)
        self.assertNotIn("warning", c)
        self.assertEqual((c["candidates"][0]["nperseg"], c["candidates"][0]["hop"]), (256, 64))


class PhaseRetrievalCli(CliTest):
    def test_torch_centred_frames_of_a_known_length_are_retrieved_to_that_length(self):
        # torch's centred frames: 1 + N // hop of them (scipy's count for N would be one
        # more). Before, --length N was refused without a phase, and without it the result
        # stopped at (frames - 1) * hop, 64 samples short.
        x = signal(24000)
        z = torch_stft(x, "hann", 512, 400, 128)
        self.assertEqual(z.shape[1], 1 + len(x) // 128)
        np.save(self.path("m.npy"), np.abs(z))
        proc = run("rebuild", self.path("m.npy"), "--scaling", "none", "--fs", 8000,
                   "--nperseg", 400, "--noverlap", 272, "--nfft", 512, "--window-offset", 56,
                   "--length", len(x), "--out", self.path("y.npy"), check=0)
        y = np.load(self.path("y.npy"))
        self.assertEqual(len(y), len(x))
        sc = 20 * np.log10(np.linalg.norm(np.abs(torch_stft(y, "hann", 512, 400, 128)) - np.abs(z))
                           / np.linalg.norm(np.abs(z)))
        self.assertLess(sc, -20)  # measured the way torch frames it, over every frame
        tail = slice(len(x) - 64, None)  # the samples that were lost
        self.assertGreater(np.std(y[tail]), 0.3 * np.std(x[tail]))

    def test_magnitudes_only_rebuild_and_report(self):
        x = signal(16000)
        _, _, z = scipy.signal.stft(x, fs=8000, nperseg=256, noverlap=192)
        np.save(self.path("m.npy"), np.abs(z))
        proc = run("rebuild", self.path("m.npy"), "--fs", 8000, "--nperseg", 256, "--noverlap",
                   192, "--length", len(x), "--iterations", 60, "--report",
                   self.path("r.json"), "--out", self.path("y.wav"), check=0)
        self.assertIn("spectral convergence", proc.stdout)
        report = json.load(open(self.path("r.json")))
        self.assertEqual(len(report["convergence_db"]), 60)
        self.assertLess(report["final_convergence_db"], -25)
        # The figure is right: measure it here on what was written.
        fs, y = scipy.io.wavfile.read(self.path("y.wav"))
        self.assertEqual(fs, 8000)
        _, _, zy = scipy.signal.stft(y.astype(float), fs=8000, nperseg=256, noverlap=192)
        sc = 20 * np.log10(np.linalg.norm(np.abs(zy) - np.abs(z)) / np.linalg.norm(np.abs(z)))
        self.assertLess(abs(sc - report["final_convergence_db"]), 0.5)

    def test_magnitudes_alone_say_the_reading_assumed_and_2_to_the_k_rows_are_iq(self):
        # With no phase and no STFT given, nothing confirms scipy's defaults: said, with the
        # reading taken (a Hamming 512 at hop 128 came back as noise twice as long, silently).
        x = signal(8000)
        _, _, z = scipy.signal.stft(x, fs=8000, window="hamming", nperseg=512, noverlap=384)
        np.save(self.path("m.npy"), np.abs(z))
        proc = run("rebuild", self.path("m.npy"), "--iterations", 5, "--out", self.path("y.npy"))
        self.assertIn("note: no phase and no STFT given: read as scipy's defaults for 257 bins "
                      "(hann, window 512, hop 256); magnitudes alone do not confirm a reading",
                      proc.stdout)
        # Saved frames x bins, the shape tells as the guess reads it: 2001 rows fit no FFT,
        # 129 columns one (they were read as 2001 bins, an FFT of 4000); a shape in doubt is
        # said with the option that reads it the other way.
        _, _, z = scipy.signal.stft(signal(256000), fs=8000, nperseg=256, noverlap=128)
        np.save(self.path("t.npy"), np.abs(z).T)
        proc = run("rebuild", self.path("t.npy"), "--iterations", 5, "--out", self.path("y.npy"))
        self.assertIn("note: read as frames x bins: its 129 columns fit a common FFT size, its "
                      "%d rows none" % z.shape[1], proc.stdout)
        self.assertIn("read as scipy's defaults for 129 bins (hann, window 256, hop 128)",
                      proc.stdout)
        self.assertEqual(len(np.load(self.path("y.npy"))), 256000)
        # A short clip's 201 bins (nperseg 400) over 33 frames stay bins x frames: 33 columns
        # would be an FFT of 64 (they were read so).
        _, _, s = scipy.signal.stft(signal(6400), fs=16000, nperseg=400)
        self.assertEqual(s.shape, (201, 33))
        np.save(self.path("s.npy"), np.abs(s))
        proc = run("rebuild", self.path("s.npy"), "--iterations", 5, "--out", self.path("y.npy"))
        self.assertNotIn("read as frames x bins", proc.stdout)
        self.assertEqual(len(np.load(self.path("y.npy"))), 6400)
        np.save(self.path("t.npy"), np.abs(z[:, :300]).T)  # 300 frames: either way fits
        proc = run("rebuild", self.path("t.npy"), "--iterations", 5, "--out", self.path("y.npy"))
        self.assertIn("note: read as bins x frames, but only its 129 columns fit a common FFT "
                      "size (its 300 rows none): if each row is a frame, choose layout "
                      "frames-bins", proc.stdout)
        run("rebuild", self.path("t.npy"), "--iterations", 5, "--layout", "frames-bins",
            "--out", self.path("y.npy"))
        self.assertEqual(len(np.load(self.path("y.npy"))), 299 * 128)
        proc = run("rebuild", self.path("m.npy"), "--nperseg", 512, "--iterations", 5, "--out",
                   self.path("y.npy"))
        self.assertNotIn("scipy's defaults", proc.stdout)
        # An IQ spectrogram's 256 rows, fftshifted as most tools show it: scipy's rule read them
        # as a real signal's one-sided FFT of 510 (621180 samples of a 311736-sample capture).
        fs = 1e6
        n = np.arange(60000)
        iq = np.exp(2j * np.pi * 0.02 * n) * (n % 20000 < 8000) + 0.5 * np.exp(-2j * np.pi * 0.03 * n)
        _, _, z = scipy.signal.stft(iq, fs=fs, nperseg=256, return_onesided=False)
        np.save(self.path("iq.npy"), np.abs(np.fft.fftshift(z, axes=0)))
        proc = run("rebuild", self.path("iq.npy"), "--fs", fs, "--iterations", 30, "--out",
                   self.path("iq_out.npy"))
        self.assertIn("256 rows, a power of two, are read as a two-sided spectrum of nfft "
                      "256 (one-sided, they would be an FFT of 510; --sides onesided reads them "
                      "so); the spectrum's energy lies around its middle rows", proc.stdout)
        y = np.load(self.path("iq_out.npy"))
        self.assertTrue(np.iscomplexobj(y))
        self.assertLess(abs(len(y) - len(iq)), 256)
        # Both tones where they were, +0.02 and -0.03 of the rate (near the centre, as a capture's signals lie), not mirrored nor shifted.
        spectrum = np.abs(np.fft.fft(y)) ** 2
        f = np.fft.fftfreq(len(y))

        def near(at):
            return spectrum[np.abs(f - at) < 0.003].sum()

        self.assertGreater(near(0.02), 100 * near(-0.02))
        self.assertGreater(near(-0.03), 100 * near(0.03))
        self.assertGreater(near(0.02) + near(-0.03), 0.9 * spectrum.sum())
        # Tones far from the centre (+0.1 and -0.19 of the rate), fftshifted: their energy read
        # in FFT order lies nearer +-fs/2 (0.38), read shifted nearer 0 Hz (0.12);
        # which one cannot be told, so FFT order is kept and said (it was kept silently).
        iq = 0.2 * np.exp(2j * np.pi * 0.1 * n) + 0.1 * np.exp(-2j * np.pi * 0.19 * n)
        _, _, z = scipy.signal.stft(iq, fs=fs, nperseg=256, return_onesided=False)
        np.save(self.path("iq.npy"), np.abs(np.fft.fftshift(z, axes=0)))
        proc = run("rebuild", self.path("iq.npy"), "--fs", fs, "--iterations", 5, "--out",
                   self.path("iq_out.npy"))
        self.assertIn("read in FFT order (row 0 at 0 Hz), the spectrum's energy lies nearer its "
                      "middle rows (+-fs/2) than its edge rows (0 Hz; mean |frequency| 0.3",
                      proc.stdout)
        self.assertIn("--sides shifted reads it so", proc.stdout)
        np.save(self.path("iq.npy"), np.abs(z))  # in FFT order: nothing in doubt
        proc = run("rebuild", self.path("iq.npy"), "--fs", fs, "--iterations", 5, "--out",
                   self.path("iq_out.npy"))
        self.assertNotIn("middle rows", proc.stdout)

    def test_frames_from_the_first_sample_do_not_blow_up_the_ends(self):
        # numpy frames of a periodic Hann from the first sample: the first and last samples lie
        # under a window's near-zero end only, and the retrieval's inverse divided their
        # content by w^2 ~ 1e-8 (54 times the signal's peak; the level reading then took the
        # spike for a plain FFT's level and made the file 42 dB quiet).
        x = voiced_glide(16000, 4)[:48000] * 0.3
        w = np.hanning(513)[:-1]
        frames = np.array([np.fft.rfft(w * x[i:i + 512]) for i in range(0, len(x) - 511, 128)])
        np.save(self.path("m.npy"), np.abs(frames).T)
        for scaling in (["--scaling", "none"], []):  # none: a recording's level tells
            run("rebuild", self.path("m.npy"), "--nperseg", 512, "--noverlap", 384,
                "--uncentred", *scaling, "--length", len(x), "--fs", 16000, "--sample-type",
                "float32", "--out", self.path("y.wav"))
            y = read_wav(self.path("y.wav"))
            self.assertLess(np.max(np.abs(y)), 1.5 * np.max(np.abs(x)))
            head = slice(0, 4800)  # the first 0.3 s at the signal's level
            self.assertLess(abs(np.std(y[head]) / np.std(x[head]) - 1), 0.2)

    def test_magnitudes_alone_are_read_as_power_or_db_as_their_values_show(self):
        # torchaudio's Spectrogram writes power (|X|^2) by default: read as magnitudes, the
        # result was noise-like (-13 dB against -30) without a word. The spectral peaks show the
        # window squared; values below zero are levels in dB (the rebuild refused them); dB
        # whose loudest cell is exactly 0 carry no level, and that is said.
        x = voiced_glide(8000, 5)
        _, _, z = scipy.signal.stft(x, fs=8000, nperseg=256)
        rms = np.sqrt(np.mean(x ** 2))
        power = "the spectral peaks fit the hann window's squared"
        db = "values are below zero: read as levels in dB"
        relative = ("the levels in dB peak at exactly 0 dB: relative to the loudest cell "
                    "(librosa's ref=np.max), they carry no level")
        cases = [("linear", np.abs(z), []), ("power", np.abs(z) ** 2, [power]),
                 ("db", 20 * np.log10(np.abs(z) + 1e-12), [db]),
                 ("db relative", np.maximum(20 * np.log10(np.abs(z) / np.abs(z).max()), -80),
                  [db, relative])]
        for name, values, notes in cases:
            with self.subTest(name):
                np.save(self.path("m.npy"), values)
                proc = run("rebuild", self.path("m.npy"), "--fs", 8000, "--out",
                           self.path("y.npy"))
                for note in (power, db, relative):
                    self.assertEqual(note in proc.stdout, note in notes, proc.stdout)
                # Relative levels say nothing of the scaling: not read from the level (they
                # were read as ortho, 8 times quieter).
                self.assertNotIn("read with scipy's scaling", proc.stdout)
                y = np.load(self.path("y.npy"))
                _, _, zy = scipy.signal.stft(y, fs=8000, nperseg=256)
                n = min(zy.shape[1], z.shape[1])
                m = np.abs(z[:, :n]) / (1 if name != "db relative" else np.abs(z).max())
                sc = np.linalg.norm(np.abs(zy[:, :n]) - m) / np.linalg.norm(m)
                self.assertLess(20 * np.log10(sc), -20)  # read as linear, power gave -8 dB
                if name != "db relative":
                    self.assertLess(abs(np.sqrt(np.mean(y ** 2)) / rms - 1), 0.05)
        # A unit given that the peaks doubt is warned of: 10 log10 of power given as db10 (it
        # is db) came out 6.7 times too loud at -12 dB without a word.
        np.save(self.path("m.npy"), 10 * np.log10(np.abs(z) ** 2 + 1e-20))
        proc = run("rebuild", self.path("m.npy"), "--fs", 8000, "--mag-unit", "db10",
                   "--iterations", 5, "--out", self.path("y.npy"))
        self.assertIn("warning: the spectral peaks fit the hann window as --mag-unit db reads "
                      "them", proc.stderr)
        self.assertIn("the values look like 20 log10 |X| (or 10 log10 of power)", proc.stderr)
        proc = run("rebuild", self.path("m.npy"), "--fs", 8000, "--mag-unit", "db",
                   "--iterations", 5, "--out", self.path("y.npy"))
        self.assertNotIn("spectral peaks", proc.stderr)
        # White noise shows no peaks the window shapes: its magnitudes stay linear.
        _, _, z = scipy.signal.stft(np.random.default_rng(2).standard_normal(16000) * 0.1,
                                    fs=8000, nperseg=256)
        np.save(self.path("m.npy"), np.abs(z))
        proc = run("rebuild", self.path("m.npy"), "--fs", 8000, "--iterations", 5, "--out",
                   self.path("y.npy"))
        self.assertNotIn("read as power", proc.stdout)
        # Given, the unit holds.
        np.save(self.path("m.npy"), np.abs(z) ** 2)
        proc = run("rebuild", self.path("m.npy"), "--fs", 8000, "--iterations", 5,
                   "--mag-unit", "linear", "--out", self.path("y.npy"))
        self.assertNotIn("read as power", proc.stdout)

def write_png(path, gray, bits=16, text=None):
    """A grayscale PNG (values 0..1, row 0 at the top; rows x columns x 3 for colour), written
    with zlib: no imaging library needed in the tests. text: (keyword, text) for a tEXt chunk."""
    import struct
    import zlib
    full = (1 << bits) - 1
    pixels = np.clip(np.round(gray * full), 0, full).astype(">u2" if bits == 16 else "u1")
    raw = b"".join(b"\x00" + row.tobytes() for row in pixels)
    colour_type = 2 if gray.ndim == 3 else 0

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", gray.shape[1], gray.shape[0], bits, colour_type, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) +
                (chunk(b"tEXt", text[0].encode() + b"\x00" + text[1].encode()) if text else b"") +
                chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def described_picture(path, **changes):
    """A picture as the editor exports one (File > Export spectrogram image): an IQ recording's
    spectrogram (fs 1 MHz, Hann 256, hop 64; +100 kHz at 0.5 from 5 to 12 ms, -250 kHz at 0.1
    all along) in gray, a pixel per bin and frame, in white margins with the axis' black line
    over its first column, and its description in a text chunk. Returns the signal."""
    fs, n = 1_000_000, 19200
    t = np.arange(n) / fs
    x = (0.5 * ((t >= 0.005) & (t < 0.012)) * np.exp(2j * np.pi * 100e3 * t) +
         0.1 * np.exp(-2j * np.pi * 250e3 * t))
    x = x + 1e-4 * (np.random.default_rng(5).standard_normal(n) +
                    1j * np.random.default_rng(6).standard_normal(n))
    _, _, z = scipy.signal.stft(x, fs=fs, nperseg=256, noverlap=192, return_onesided=False)
    z = np.fft.fftshift(z[:, :300], axes=0)[::-1]  # the highest frequency at the top
    levels = np.clip((20 * np.log10(np.abs(z) + 1e-300) + 110) / 110, 0, 1)
    canvas = np.ones((300, 400))
    canvas[20:276, 50:350] = levels
    canvas[20:276, 50] = 0
    d = {"format": "specedit-spectrogram", "version": 1,
         "plot": {"left": 50, "top": 20, "width": 300, "height": 256},
         "time_s": [-32e-6, 299.5 * 64e-6], "frequency_hz": [-500e3 - 1953.125, 500e3 - 1953.125],
         "frequency_scale": "linear", "levels_db": [-110, 0], "colormap": "gray",
         "sample_rate_hz": fs, "center_frequency_hz": 433.92e6, "complex": True,
         "stft": {"window": "hann", "nperseg": 256, "noverlap": 192, "nfft": 256},
         "source": "burst.wav", "shows": "original", "panes": 1}
    d.update(changes)
    write_png(path, canvas, bits=8, text=("SpecEdit spectrogram", json.dumps(d)))
    return x


class DescribedPicture(CliTest):
    def test_a_picture_the_editor_exported_is_rebuilt_with_no_option(self):
        x = described_picture(self.path("burst.png"))
        proc = run("rebuild", self.path("burst.png"), "--out", self.path("y.wav"), check=0)
        self.assertIn("read from the picture's SpecEdit description (exported by SpecEdit from "
                      "burst.wav (original)): time -0.00003 to 0.01917 s; frequency -501953 to "
                      "498047 Hz; levels -110.0 to 0.0 dB; sample rate 1000000 Hz; centre "
                      "frequency 433920000 Hz\n", proc.stdout)
        self.assertIn("read as gray (as its SpecEdit description says", proc.stdout)
        self.assertIn("rebuilt on the STFT it was drawn from (hann, nperseg 256, hop 64)",
                      proc.stdout)
        self.assertNotIn("sample rate 1000000 Hz from", proc.stdout)  # the labels' wording
        info = json.loads(run("info", self.path("y.wav"), check=0).stdout)
        self.assertEqual((info["kind"], info["sample_rate"], info["center_frequency"]),
                         ("iq", 1e6, 433.92e6))
        fs, y = scipy.io.wavfile.read(self.path("y.wav"))
        y = y[:, 0].astype(float) + 1j * y[:, 1]
        _, _, zy = scipy.signal.stft(y, fs=fs, nperseg=256, noverlap=192, return_onesided=False)

        def level(hz, seconds):
            return 20 * np.log10(abs(zy[int(round(hz / fs * 256)) % 256, round(seconds * fs / 64)]))
        self.assertAlmostEqual(level(100e3, 0.008), 20 * np.log10(0.5), delta=1)
        self.assertAlmostEqual(level(-250e3, 0.017), 20 * np.log10(0.1), delta=1)
        self.assertLess(level(100e3, 0.0125), 20 * np.log10(0.5) - 40)
        self.assertLess(abs(len(y) - len(x)), 64)

    def test_options_given_win_over_the_description(self):
        described_picture(self.path("burst.png"))
        proc = run("rebuild", self.path("burst.png"), "--window", "hamming", "--center", "868M",
                   "--out", self.path("y.wav"), check=0)
        self.assertIn("rebuilt on the STFT it was drawn from (hamming, nperseg 256, hop 64)",
                      proc.stdout)
        self.assertIn("; sample rate 1000000 Hz\n", proc.stdout)  # no centre from it: given
        info = json.loads(run("info", self.path("y.wav"), check=0).stdout)
        self.assertEqual(info["center_frequency"], 868e6)
        proc = run("rebuild", self.path("burst.png"), "--nperseg", 128, "--image-db", "-100,0",
                   "--out", self.path("z.wav"), check=0)
        self.assertIn("--image-db -100,0 is not what the picture's SpecEdit description says "
                      "(levels -110.0 to 0.0 dB): the range given is used", proc.stderr)
        self.assertNotIn("the STFT it was drawn from", proc.stdout)
        self.assertNotIn("levels", proc.stdout.splitlines()[0])  # given: not from it

    def test_a_zoomed_out_picture_says_its_noise_comes_back_louder(self):
        # Described as twice as long: each column the loudest of two frames, as a zoomed-out view
        # draws it; the expected loudest of two cells of noise power is 1.5 times their mean.
        described_picture(self.path("wide.png"), time_s=[-64e-6, 299.5 * 128e-6])
        proc = run("rebuild", self.path("wide.png"), "--out", self.path("y.wav"), check=0)
        self.assertIn("rebuild: warning: " + self.path("wide.png") + ": each of its columns "
                      "shows the loudest of 2.0 frames (the view was zoomed out): noise comes back "
                      "about 2 dB louder than it was", proc.stderr)
        proc = run("rebuild", self.path("wide.png"), "--nperseg", 256, "--out",
                   self.path("z.wav"), check=0)
        self.assertNotIn("loudest", proc.stderr)  # not the STFT drawn: nothing to say

    def test_a_wrong_description_is_named(self):
        described_picture(self.path("cut.png"), plot={"left": 200, "top": 20, "width": 300,
                                                      "height": 256})
        proc = run("rebuild", self.path("cut.png"), "--out", self.path("y.wav"))
        self.assertEqual(proc.returncode, 1)
        self.assertIn("cut.png: its SpecEdit description puts the plot at columns 201 to 500 and "
                      "rows 21 to 276, beyond the 400 x 300 picture (expected the picture as "
                      "SpecEdit exported it (not cropped or scaled))", proc.stderr)
        described_picture(self.path("bad.png"), stft={"window": "hann", "nperseg": 256})
        proc = run("rebuild", self.path("bad.png"), "--out", self.path("y.wav"))
        self.assertIn("bad.png: its SpecEdit description (PNG text \"SpecEdit spectrogram\") has "
                      "no valid \"noverlap\" (expected a whole number from 0", proc.stderr)
        described_picture(self.path("log.png"), frequency_scale="log")
        proc = run("rebuild", self.path("log.png"), "--out", self.path("y.wav"))
        self.assertIn("log.png: shows a log frequency axis (expected a picture with a linear "
                      "frequency axis (View > Frequency scale > Linear before exporting it)",
                      proc.stderr)


class ImageInput(CliTest):
    def test_a_grayscale_picture_with_its_axes_becomes_the_signal_it_shows(self):
        fs, n = 8000, 16000
        t = np.arange(n) / fs
        x = np.cos(2 * np.pi * (500 * t + 400 * t * t)) + 0.5 * np.cos(2 * np.pi * 3000 * t)
        _, _, z = scipy.signal.stft(x, fs=fs, nperseg=256, noverlap=192)
        db = 20 * np.log10(np.abs(z) + 1e-12)
        gray = np.clip((db + 100) / 100, 0, 1)[::-1]  # -100..0 dB, high frequencies on top
        write_png(self.path("spec.png"), gray)
        # Pixel edges: columns centred on frames (j hop / fs), rows on bins (k fs / 256).
        frames, half_bin = z.shape[1], fs / 512
        proc = run("rebuild", self.path("spec.png"), "--fs", fs, "--nperseg", 256,
                   "--noverlap", 192, "--image-db", "-100,0", "--image-time",
                   f"{-32 / fs},{(frames - 0.5) * 64 / fs}", "--image-freq",
                   f"{-half_bin},{fs / 2 + half_bin}",
                   "--report", self.path("r.json"), "--out", self.path("y.npy"), check=0)
        self.assertIn("spectral convergence", proc.stdout)
        y = np.load(self.path("y.npy"))
        self.assertLess(abs(len(y) - n), 2 * 64 + 2)
        # The rebuilt signal's own spectrogram shows the same picture: the chirp where it was.
        _, _, zy = scipy.signal.stft(y, fs=fs, nperseg=256, noverlap=192)
        m = min(zy.shape[1], z.shape[1])
        a, b = np.abs(z[:, :m]), np.abs(zy[:, :m])
        sc = 20 * np.log10(np.linalg.norm(b - a) / np.linalg.norm(a))
        self.assertLess(sc, -15)
        peaks_true = np.argmax(a[:, 20:-20], axis=0)
        peaks_got = np.argmax(b[:, 20:-20], axis=0)
        self.assertGreater(np.mean(np.abs(peaks_true - peaks_got) <= 1), 0.95)

    def test_without_nperseg_a_picture_is_rebuilt_on_the_stft_its_cells_show(self):
        fs, n = 8000, 16000
        t = np.arange(n) / fs
        x = 0.5 * np.cos(2 * np.pi * (500 * t + 400 * t * t))
        _, _, z = scipy.signal.stft(x, fs=fs, nperseg=256, noverlap=192)
        gray = np.clip((20 * np.log10(np.abs(z) + 1e-12) + 100) / 100, 0, 1)[::-1]
        # Each bin three rows, each frame two columns: as pcolormesh draws a small STFT.
        write_png(self.path("spec.png"), np.repeat(np.repeat(gray, 3, axis=0), 2, axis=1))
        frames, half_bin = z.shape[1], fs / 512
        proc = run("rebuild", self.path("spec.png"), "--fs", fs, "--image-db", "-100,0",
                   "--image-time", f"{-32 / fs},{(frames - 0.5) * 64 / fs}", "--image-freq",
                   f"{-half_bin},{fs / 2 + half_bin}", "--out", self.path("y.npy"), check=0)
        self.assertIn(f"rebuilt on nperseg 256 from its 129 bands of rows (bins), hop 64 from "
                      f"its {frames} bands of columns (frames)", proc.stdout)
        y = np.load(self.path("y.npy"))
        _, _, zy = scipy.signal.stft(y, fs=fs, nperseg=256, noverlap=192)
        m = min(zy.shape[1], z.shape[1])
        a, b = np.abs(z[:, :m]), np.abs(zy[:, :m])
        self.assertLess(20 * np.log10(np.linalg.norm(b - a) / np.linalg.norm(a)), -15)

    def test_a_radio_frequency_axis_is_read_as_offsets_from_the_centre_given(self):
        x = signal(4096, complex_=True)
        _, _, z = scipy.signal.stft(x, fs=1e6, nperseg=256, return_onesided=False)
        gray = np.clip((20 * np.log10(np.abs(np.fft.fftshift(z, axes=0)) + 1e-12) + 100) / 100,
                       0, 1)[::-1]
        write_png(self.path("rf.png"), gray)
        axes = ["--image-db", "-100,0", "--image-time", "0,0.004096", "--image-freq",
                "433.42e6,434.42e6"]
        proc = run("rebuild", self.path("rf.png"), *axes, "--out", self.path("y.wav"))
        self.assertEqual(proc.returncode, 2)
        self.assertIn("--image-freq: 433.42 MHz to 434.42 MHz is a band far from 0 Hz, as a "
                      "radio recording's axis shows it (expected --center with the recording's "
                      "centre frequency", proc.stderr)
        proc = run("rebuild", self.path("rf.png"), *axes, "--center", "433.92M", "--out",
                   self.path("y.wav"), check=0)
        self.assertIn("frequency axis read as offsets from --center 433920000 Hz: -500000 to "
                      "500000 Hz\nsample rate 1000000 Hz from --image-freq (an IQ picture spans "
                      "it", proc.stdout)
        info = json.loads(run("info", self.path("y.wav"), check=0).stdout)
        self.assertEqual((info["kind"], info["sample_rate"], info["center_frequency"]),
                         ("iq", 1e6, 433.92e6))

    def test_a_picture_whose_loud_parts_were_cut_at_its_top_level_says_so(self):
        fs, n = 8000, 16000
        _, _, z = scipy.signal.stft(0.5 * np.cos(2 * np.pi * 1000 * np.arange(n) / fs), fs=fs,
                                    nperseg=256)
        # Drawn from -100 to -20 dB: the tone's bin (-6 dB) and its Hann neighbours (-12 dB)
        # drawn at -20: 3 rows of 129, 2.3 % of the plot.
        gray = np.clip((20 * np.log10(np.abs(z) + 1e-12) + 100) / 80, 0, 1)[::-1]
        write_png(self.path("cut.png"), gray, bits=8)
        proc = run("rebuild", self.path("cut.png"), "--image-db", "-100,-20", "--image-time",
                   f"0,{n / fs}", "--image-freq", "0,4000", "--out", self.path("y.npy"), check=0)
        self.assertRegex(proc.stderr, r"rebuild: warning: .*cut\.png: 2\.3 % of its plot is "
                         r"at the map's loudest colour \(-20 dB\): what was louder was drawn at it "
                         r"and comes back at it")
        gray = np.clip((20 * np.log10(np.abs(z) + 1e-12) + 100) / 100, 0, 1)[::-1]
        write_png(self.path("whole.png"), gray, bits=8)  # up to 0 dB: nothing cut
        proc = run("rebuild", self.path("whole.png"), "--image-db", "-100,0", "--image-time",
                   f"0,{n / fs}", "--image-freq", "0,4000", "--out", self.path("y.npy"), check=0)
        self.assertNotIn("loudest colour", proc.stderr)

    def test_a_picture_louder_than_full_scale_says_what_may_be_wrong(self):
        fs, n = 8000, 16000
        _, _, z = scipy.signal.stft(0.9 * np.cos(2 * np.pi * 1000 * np.arange(n) / fs), fs=fs,
                                    nperseg=256)
        gray = np.clip((20 * np.log10(np.abs(z) + 1e-12) + 100) / 100, 0, 1)[::-1]
        write_png(self.path("spec.png"), gray)
        # Its levels given 20 dB too high: ten times full scale.
        proc = run("rebuild", self.path("spec.png"), "--image-db", "-80,20", "--image-time",
                   f"0,{n / fs}", "--image-freq", "0,4000", "--out", self.path("y.wav"), check=0)
        self.assertIn("rebuild: warning: the result peaks at", proc.stderr)
        self.assertIn("Either the picture's levels are not dB of full scale (scipy's \"spectrum\" "
                      "scaling: lower --image-db by the difference) or the rebuilt phase added up "
                      "higher than the original's; write a float WAV or a .npy file to keep every "
                      "value\n", proc.stderr)

    def test_without_a_rate_the_pictures_frequency_axis_gives_it_and_contradictions_fail(self):
        fs, n = 8000, 16000
        t = np.arange(n) / fs
        _, _, z = scipy.signal.stft(np.cos(2 * np.pi * 1000 * t), fs=fs, nperseg=256)
        gray = np.clip((20 * np.log10(np.abs(z) + 1e-12) + 100) / 100, 0, 1)[::-1]
        write_png(self.path("spec.png"), gray)
        axes = ("--image-db", "-100,0", "--image-time", f"0,{n / fs}")
        # Before, fs fell to scipy's default 1 Hz: 2 samples for a 2 s picture.
        proc = run("rebuild", self.path("spec.png"), *axes, "--image-freq", "0,4000",
                   "--out", self.path("y.npy"), check=0)
        self.assertIn("sample rate 8000 Hz from --image-freq", proc.stdout)
        self.assertEqual(len(np.load(self.path("y.npy"))), n)
        proc = run("rebuild", self.path("spec.png"), *axes, "--image-freq", "-4000,4000",
                   "--out", self.path("iq.npy"), check=0)
        self.assertIn("sample rate 8000 Hz from --image-freq (an IQ picture spans it", proc.stdout)
        # A band beyond half the rate given is refused, naming both.
        proc = run("rebuild", self.path("spec.png"), *axes, "--image-freq", "0,11025",
                   "--fs", fs, "--out", self.path("y.npy"), check=2)
        self.assertIn("--image-freq: 0 Hz to 11025 Hz reaches beyond 4000 Hz, half the sample "
                      "rate 8000 Hz", proc.stderr)
        # An RF axis shows a band, not a rate (it made 866 MHz and ran out of memory).
        proc = run("rebuild", self.path("spec.png"), *axes, "--image-freq", "432.9e6,433e6",
                   "--out", self.path("y.npy"), check=2)
        self.assertIn("is a band far from 0 Hz, as a radio recording's axis shows it (expected "
                      "--center", proc.stderr)
        # A band near 0 Hz that is not the whole of one shows no rate either.
        proc = run("rebuild", self.path("spec.png"), *axes, "--image-freq", "1000,3000",
                   "--out", self.path("y.npy"), check=2)
        self.assertIn("so it shows no sample rate (expected --fs", proc.stderr)

    def test_a_colour_picture_and_missing_axes_are_refused(self):
        rgb = self.path("colour.png")
        gray = np.linspace(0, 1, 64 * 32).reshape(32, 64)
        write_png(self.path("gray.png"), gray, bits=8)
        # No axes given and none printed on it: the first missing is asked for, saying why.
        proc = run("rebuild", self.path("gray.png"), "--fs", 8000, "--out", self.path("y.npy"))
        self.assertEqual(proc.returncode, 2)
        self.assertIn("--image-db: not given, and the picture's colour bar could not be read "
                      "from its tick labels: no colour bar found (expected --image-db MIN,MAX",
                      proc.stderr)
        proc = run("rebuild", self.path("gray.png"), "--fs", 8000, "--image-db", "-100,0",
                   "--out", self.path("y.npy"))
        self.assertIn("--image-time: not given, and the picture's time axis could not be read "
                      "from its tick labels: fewer than two tick labels found", proc.stderr)
        proc = run("rebuild", self.path("gray.png"), "--fs", 8000, "--image-db", "0,-100",
                   "--image-time", "0,1", "--image-freq", "0,4000", "--out", self.path("y.npy"))
        self.assertEqual(proc.returncode, 2)
        self.assertIn("--image-db", proc.stderr)
        self.assertIn("MIN < MAX", proc.stderr)
        with open(rgb, "wb") as f:  # a P6 PPM of random colours, as a photograph's
            f.write(b"P6 64 64 255\n" + np.random.default_rng(1).bytes(64 * 64 * 3))
        proc = run("rebuild", rgb, "--fs", 8000, "--image-db", "-100,0", "--image-time", "0,1",
                   "--image-freq", "0,4000", "--out", self.path("y.npy"))
        self.assertEqual(proc.returncode, 1)
        self.assertIn("its colours are not those of any colour map known", proc.stderr)
        proc = run("rebuild", rgb, "--fs", 8000, "--image-db", "-100,0", "--image-time", "0,1",
                   "--image-freq", "0,4000", "--image-colormap", "hot", "--out", self.path("y.npy"))
        self.assertEqual(proc.returncode, 2)
        self.assertIn("--image-colormap: 'hot' is no colour map known", proc.stderr)

    def test_a_pictures_reading_is_its_axes_and_its_rate_is_whole(self):
        gray = np.linspace(0, 1, 64 * 32).reshape(32, 64)
        write_png(self.path("gray.png"), gray, bits=8)
        axes = ("--image-db", "-100,0", "--image-time", "0,1")
        # Frames of a picture lie where its time axis puts them (it failed deep inside).
        proc = run("rebuild", self.path("gray.png"), *axes, "--image-freq", "0,4000",
                   "--uncentred", "--out", self.path("y.npy"))
        self.assertEqual(proc.returncode, 2)
        self.assertIn("--uncentred: given with a picture", proc.stderr)
        # Matrix options do nothing to a picture, and say so (they were silently ignored).
        proc = run("rebuild", self.path("gray.png"), *axes, "--image-freq", "0,4000",
                   "--layout", "frames-bins", "--mag-unit", "power", "--out",
                   self.path("y.npy"))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("--layout, --mag-unit do not apply to a picture", proc.stderr)
        # An axis read to 6 digits shows 15999.99 Hz: 16000. A rate that is not whole is asked
        # for before the rebuild, not after it.
        proc = run("rebuild", self.path("gray.png"), *axes, "--image-freq", "-15.625,8015.62",
                   "--out", self.path("y.wav"))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(scipy.io.wavfile.read(self.path("y.wav"))[0], 16000)
        proc = run("rebuild", self.path("gray.png"), *axes, "--image-freq", "0,8015.6",
                   "--out", self.path("z.wav"))
        self.assertEqual(proc.returncode, 2)
        self.assertIn("--image-freq: shows a sample rate of 16031.2 Hz, and sound files store "
                      "whole hertz (expected --fs with the rate the picture was made at (e.g. "
                      "--fs 16031))", proc.stderr)
        self.assertNotIn("spectral convergence", proc.stdout)

    def test_a_colour_figure_is_read_through_its_colour_map_and_cropped_to_its_plot(self):
        fs, n = 8000, 16000
        t = np.arange(n) / fs
        x = np.cos(2 * np.pi * (500 * t + 400 * t * t)) + 0.5 * np.cos(2 * np.pi * 3000 * t)
        _, _, z = scipy.signal.stft(x, fs=fs, nperseg=256, noverlap=192)
        level = np.clip((20 * np.log10(np.abs(z) + 1e-12) + 100) / 100, 0, 1)[::-1]
        table = np.loadtxt(os.path.join(os.path.dirname(__file__), "..", "..", "resources",
                                        "colormaps", "viridis.csv"))
        plot = table[np.round(level * 255).astype(int)]  # as matplotlib's imshow draws it
        # A figure: white margins, black specks for tick labels, a colour bar to the right.
        h, w = plot.shape[:2]
        fig = np.ones((h + 90, w + 160, 3))
        fig[40:40 + h, 70:70 + w] = plot
        fig[40:40 + h, w + 110:w + 125] = table[np.linspace(255, 0, h).astype(int)][:, None]
        specks = np.random.default_rng(2).random(fig.shape[:2]) < 0.02
        specks[38:42 + h, 68:72 + w] = False
        fig[specks] = 0
        # Spines as matplotlib snaps them: on the plot's first column and row, past its last.
        fig[40:41 + h, [70, 70 + w]] = 0
        fig[[40, 40 + h], 70:71 + w] = 0
        write_png(self.path("figure.png"), fig, bits=8)
        frames, half_bin = z.shape[1], fs / 512
        proc = run("rebuild", self.path("figure.png"), "--fs", fs, "--nperseg", 256,
                   "--noverlap", 192, "--image-db", "-100,0", "--image-time",
                   f"{-32 / fs},{(frames - 0.5) * 64 / fs}", "--image-freq",
                   f"{-half_bin},{fs / 2 + half_bin}", "--out", self.path("y.npy"), check=0)
        self.assertIn("picture read as viridis (chosen from its colours; 98.8 % of the plot's "
                      f"pixels are its colours); the plot is columns 71 to {70 + w} and rows 41 "
                      f"to {40 + h} of the {w + 160} x {h + 90} picture", proc.stdout)
        y = np.load(self.path("y.npy"))
        _, _, zy = scipy.signal.stft(y, fs=fs, nperseg=256, noverlap=192)
        m = min(zy.shape[1], z.shape[1])
        a, b = np.abs(z[:, :m]), np.abs(zy[:, :m])
        self.assertLess(20 * np.log10(np.linalg.norm(b - a) / np.linalg.norm(a)), -15)


    def test_matplotlibs_specgram_is_read_from_0_hz_and_its_psd_levels_with_scaling_psd(self):
        # ax.specgram (tests/data/figures/make_figures.py: a chirp of amplitude 1 and a tone of
        # 0.3, rms 0.738, at 8 kHz): its image spans 0 to 4000 Hz, read 2.9 to 4002.9 Hz and
        # refused as "a band" that shows no rate; its levels are 10 log10 of a one-sided PSD,
        # which scipy's "spectrum" reading brought back 12 dB too quiet without a word.
        figure = os.path.join(os.path.dirname(__file__), "..", "data", "figures", "specgram.png")
        proc = run("rebuild", figure, "--out", self.path("y.npy"))
        self.assertIn("frequency 0 to 4000 Hz", proc.stdout)
        self.assertIn("sample rate 8000 Hz from the frequency axis' labels", proc.stdout)
        self.assertIn("a picture of a power spectral density (matplotlib's specgram, "
                      "scipy.signal.spectrogram's default) takes --scaling psd, and comes back "
                      "10.7 dB louder so", proc.stdout)
        proc = run("rebuild", figure, "--scaling", "psd", "--out", self.path("p.npy"))
        self.assertNotIn("takes --scaling psd", proc.stdout)

        def rms_db(name):
            return 10 * np.log10(np.mean(np.load(self.path(name)) ** 2) / 0.738 ** 2)

        self.assertLess(rms_db("y.npy"), -9)  # measured -12.1
        self.assertLess(abs(rms_db("p.npy")), 2.5)  # measured -1.4

    def test_a_figure_s_axes_are_read_from_its_tick_labels(self):
        # tests/data/figures/make_figures.py: 0 .. 4.6 s, 0 .. 11025 Hz (22050 Hz, 512-point
        # FFT), -100 .. -20 dB, printed on its axes and its colour bar.
        figure = os.path.join(os.path.dirname(__file__), "..", "data", "figures",
                              "chirp_viridis.png")
        proc = run("rebuild", figure, "--nperseg", 512, "--noverlap", 384, "--out",
                   self.path("y.npy"), check=0)
        said = [line for line in proc.stdout.splitlines()
                if line.startswith("read from the picture's tick labels: ")]
        self.assertEqual(len(said), 1, proc.stdout)
        self.assertRegex(said[0], r"time -0\.00\d+ to 4\.(59|60)\d* s \(labels 0, 1, 2, 3, 4 s\)")
        self.assertIn("levels -99.", said[0])
        self.assertIn("sample rate 22050 Hz from the frequency axis' labels", proc.stdout)
        y = np.load(self.path("y.npy"))
        self.assertAlmostEqual(len(y) / 22050, 4.6, delta=0.02)


class BadSpectra(CliTest):
    def error_of(self, *args):
        proc = run(*args)
        self.assertNotEqual(proc.returncode, 0)
        return proc.stderr

    def test_clear_errors(self):
        x = signal(4000)
        _, _, z = scipy.signal.stft(x, nperseg=128, noverlap=96)
        m = np.abs(z)
        np.save(self.path("m.npy"), m)
        np.save(self.path("p_wrong.npy"), np.angle(z)[:, :-1])
        err = self.error_of("rebuild", self.path("m.npy"), "--phase", self.path("p_wrong.npy"),
                            "--nperseg", 128, "--noverlap", 96, "--out", self.path("y.npy"))
        self.assertIn("p_wrong.npy", err)
        self.assertIn(f"{m.shape[0]} x {m.shape[1]}", err)
        np.save(self.path("p_t.npy"), np.angle(z).T)
        err = self.error_of("rebuild", self.path("m.npy"), "--phase", self.path("p_t.npy"),
                            "--nperseg", 128, "--noverlap", 96, "--out", self.path("y.npy"))
        self.assertIn(f"p_t.npy: is {m.shape[1]} x {m.shape[0]} (the magnitudes transposed?)", err)
        proc = run("rebuild", self.path("m.npy"), "--nperseg", 128, "--noverlap", 96, "--out",
                   self.path("y.wav"))
        self.assertEqual(proc.returncode, 2)  # a recording at 1 Hz would play as nothing
        self.assertIn("--fs: not given for the recording", proc.stderr)
        proc = run("rebuild", self.path("m.npy"), "--nperseg", 128, "--noverlap", 96, "--fs",
                   8000, "--out", self.path("y.mp3"))
        self.assertEqual(proc.returncode, 2)  # said before any work
        self.assertIn("--out: unknown output file type for", proc.stderr)
        self.assertNotIn("spectral convergence", proc.stdout)
        proc = run("rebuild", self.path("m.npy"), "--nperseg", 128, "--noverlap", 96, "--fs",
                   8000, "--sample-type", "int12", "--out", self.path("y.wav"))
        self.assertEqual(proc.returncode, 2)  # said before any work, too
        self.assertIn("--sample-type: unknown sample type 'int12' (expected int16,", proc.stderr)
        self.assertNotIn("spectral convergence", proc.stdout)
        # One frame fits no centred STFT (scipy's makes 2 or more): said of the file, not of
        # a --length nobody gave ("--length: 0 samples give 0 frames"), with what reads it.
        np.save(self.path("one.npy"), m[:, :1])
        proc = run("rebuild", self.path("one.npy"), "--fs", 8000, "--out", self.path("y.wav"))
        self.assertIn("one.npy: 1 frame: no signal length gives them with frames centred on "
                      "the samples (scipy's stft makes 2 or more) (expected frames that start "
                      "at the first sample: add --uncentred", proc.stderr)
        self.assertNotIn("--length", proc.stderr)
        # With a phase, too, and no guess first (one frame fits any reading).
        np.save(self.path("one_p.npy"), np.angle(z)[:, :1])
        proc = run("rebuild", self.path("one.npy"), "--phase", self.path("one_p.npy"), "--fs",
                   8000, "--out", self.path("y.wav"))
        self.assertIn("no signal length gives them", proc.stderr)
        self.assertNotIn("read as guessed", proc.stdout)
        run("rebuild", self.path("one.npy"), "--fs", 8000, "--uncentred", "--out",
            self.path("y.wav"), check=0)
        np.save(self.path("zero.npy"), np.zeros_like(m))
        proc = run("rebuild", self.path("zero.npy"), "--nperseg", 128, "--noverlap", 96,
                   "--iterations", 3, "--out", self.path("y.npy"), check=0)
        self.assertIn("every magnitude is zero: the result is silence", proc.stderr)
        bad = m.copy()
        bad[3, 5] = np.nan
        np.savetxt(self.path("nan.csv"), bad, delimiter=",")
        err = self.error_of("rebuild", self.path("nan.csv"), "--nperseg", 128, "--noverlap", 96,
                            "--out", self.path("y.npy"))
        self.assertIn("nan.csv: row 4, column 6 (index [3, 5])", err)
        phase = np.angle(z)
        phase[3, 5] = np.inf
        np.save(self.path("p_inf.npy"), phase)
        err = self.error_of("guess", self.path("m.npy"), "--phase", self.path("p_inf.npy"))
        self.assertIn("p_inf.npy: row 4, column 6 (index [3, 5]): is inf (expected finite "
                      "values)", err)
        neg = m.copy()
        neg[2, 7] = -1
        np.save(self.path("neg.npy"), neg)
        err = self.error_of("rebuild", self.path("neg.npy"), "--nperseg", 128, "--noverlap", 96,
                            "--out", self.path("y.npy"))
        self.assertIn("row 3, column 8 (index [2, 7])", err)
        self.assertIn("--mag-unit db", err)
        neg_phase = np.angle(z)
        np.save(self.path("p.npy"), neg_phase)
        proc = run("guess", self.path("neg.npy"), "--phase", self.path("p.npy"))
        # Said first (it decides every reading), with the count and what to do when the
        # negatives are noise in linear magnitudes.
        self.assertIn("guess: warning: " + self.path("neg.npy") + ": row 3, column 8 (index "
                      "[2, 7]) is -1: below zero, so the magnitudes were read only as levels "
                      "in dB", proc.stderr)
        self.assertIn(f"(1 of {neg.size} values are below zero: if they are linear or power "
                      "magnitudes with noise, clip them at 0 and guess again)", proc.stderr)
        # A file of levels in dB (most values below zero) is read as it should be: a note, not
        # a warning.
        np.save(self.path("db.npy"), 20 * np.log10(m + 1e-6))
        proc = run("guess", self.path("db.npy"), "--phase", self.path("p.npy"))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("guess: note: " + self.path("db.npy") + ": row 1, column 1 (index [0, 0]) "
                      "is ", proc.stderr)
        self.assertNotIn("warning", proc.stderr)
        self.assertIn("read only as levels in dB", json.loads(proc.stdout)["unit_note"])
        # An output folder that does not exist is said before the phase is retrieved, not after.
        proc = run("rebuild", self.path("m.npy"), "--nperseg", 128, "--noverlap", 96, "--out",
                   self.path("no-such-folder/y.npy"))
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("y.npy: its folder " + self.path("no-such-folder") + " does not exist "
                      "(expected a path in an existing folder)", proc.stderr)
        self.assertNotIn("spectral convergence", proc.stdout)
        # Told to read them as linear, the guess names the value as a rebuild does (it said
        # that no parameters fit the matrix's shape).
        err = self.error_of("guess", self.path("neg.npy"), "--mag-unit", "linear")
        self.assertIn(self.path("neg.npy") + ": row 3, column 8 (index [2, 7]): magnitude -1 as "
                      "linear (expected finite values >= 0; for levels in dB choose --mag-unit db)",
                      err)
        self.assertNotIn("no STFT parameters fit", err)
        # the bins show an FFT of 128: a window of 400 does not fit it, and --nperseg is to
        # blame, not an --nfft that was never given
        err = self.error_of("rebuild", self.path("m.npy"), "--nperseg", 400, "--out",
                            self.path("y.npy"))
        self.assertIn(f"m.npy: has {m.shape[0]} bins: an FFT of 128 (one-sided) or "
                      f"{m.shape[0]} (two-sided), shorter than the window of --nperseg 400 "
                      "(expected --nperseg at most 128, or at least 201 bins", err)
        self.assertNotIn("--nfft", err)
        err = self.error_of("rebuild", self.path("m.npy"), "--nperseg", 128, "--noverlap", 96,
                            "--length", 100000, "--out", self.path("y.npy"))
        self.assertIn("--length", err)
        self.assertIn(f"{m.shape[1]} frames", err)
        # An FFT shorter than the window is said as such, not as bins that fit neither.
        err = self.error_of("rebuild", self.path("m.npy"), "--nperseg", 256, "--nfft", 128,
                            "--out", self.path("y.npy"))
        self.assertIn("--nfft: 128 is shorter than the window (256, --nperseg) (expected an FFT "
                      "size of at least the window length)", err)
        err = self.error_of("rebuild", self.path("m.npy"), "--out", self.path("a.npy"), "--out",
                            self.path("b.npy"))
        self.assertIn("--out: given 2 times (expected once: which one was meant?)", err)
        err = self.error_of("guess", self.path("m.npy"), "--top", 0)
        self.assertIn("--top: Value 0 not in range 1 to 100000", err)
        with open(self.path("ragged.csv"), "w") as f:
            f.write("1,2,3\n4,5\n")
        err = self.error_of("guess", self.path("ragged.csv"))
        self.assertIn("line 2 has 2 values, the first row 3", err)
        m.astype("<f4").tofile(self.path("m.raw"))
        proc = run("guess", self.path("m.raw"))
        self.assertEqual(proc.returncode, 2)  # a missing option is a usage error
        self.assertIn("--dtype float32 or float64", proc.stderr)
        m.astype("<f4").tofile(self.path("m.f32"))
        proc = run("guess", self.path("m.f32"))
        self.assertEqual(proc.returncode, 2)
        self.assertIn("m.f32: a raw file has no shape (expected --rows or --cols giving one side "
                      "of the matrix)", proc.stderr)
        (20 * np.log10(m + 1e-9)).astype(">f4").tofile(self.path("m_be.f32"))
        err = self.error_of("guess", self.path("m_be.f32"), "--rows", m.shape[0])
        self.assertIn("m_be.f32: read as float32 little-endian", err)
        self.assertIn("--dtype float32 --big-endian: read as float32 big-endian, its values are "
                      "plausible", err)
        # Digital zeros in dB (-inf) are levels, not a sign of the wrong byte order.
        db = 20 * np.log10(m)
        db[:, :3] = -np.inf
        db.astype(">f4").tofile(self.path("m_be_inf.f32"))
        err = self.error_of("guess", self.path("m_be_inf.f32"), "--rows", m.shape[0])
        self.assertIn("--dtype float32 --big-endian: read as float32 big-endian, its values are "
                      "plausible", err)
        proc = run("guess", self.path("m.f32"), "--rows", m.shape[0], "--cols", m.shape[1] - 1)
        self.assertEqual(proc.returncode, 2)
        self.assertIn(f"m.f32: holds {m.size} values, not --rows {m.shape[0]} x --cols "
                      f"{m.shape[1] - 1}", proc.stderr)
        err = self.error_of("rebuild", self.path("none.png"), "--out", self.path("y.npy"))
        self.assertIn("none.png: does not exist or is not a file", err)
        np.save(self.path("tiny.npy"), np.ones((1, 7)))
        err = self.error_of("guess", self.path("tiny.npy"), "--length", 5)
        self.assertIn("no STFT parameters fit a 1 x 7 matrix", err)
        proc = run("guess", self.path("m.npy"), "--max-frames", 0)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("--max-frames: 0 (expected at least 1 frame)", proc.stderr)
        err = self.error_of("rebuild", self.path("m.npy"), "--method", "adam", "--out",
                            self.path("y.npy"))
        self.assertIn("gla, fgla, lbfgs or raar", err)


if __name__ == "__main__":
    test_cli.CLI = os.path.abspath(sys.argv[1])
    unittest.main(argv=[sys.argv[0]] + sys.argv[2:], verbosity=2)
