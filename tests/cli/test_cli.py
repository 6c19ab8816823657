"""End-to-end tests of specedit-cli, run by CTest: the built CLI against numpy/scipy.

Usage: python3 test_cli.py PATH/TO/specedit-cli
"""
import csv
import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import warnings

import numpy as np
import scipy.signal
import scipy.io.wavfile

CLI = None
warnings.filterwarnings("ignore", message="Chunk .non-data. not understood")
warnings.filterwarnings("ignore", message="Input data is complex")
SHARED = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data", "real")


def run(*args, check=None):
    proc = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True)
    if check is not None and proc.returncode != check:
        raise AssertionError(f"exit {proc.returncode} (wanted {check}) for {args}\n"
                             f"stdout: {proc.stdout}\nstderr: {proc.stderr}")
    return proc


def catches_sigint(pid):
    """Whether process pid has a SIGINT handler installed (Linux: SigCgt in /proc)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("SigCgt:"):
                    return bool(int(line.split()[1], 16) & (1 << (signal.SIGINT - 1)))
    except OSError:
        pass
    return False


def rel_err(a, b):
    return np.max(np.abs(a - b)) / np.max(np.abs(b))


class CliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="specedit-cli-")
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)


class StftMatchesScipy(CliTest):
    CASES = [
        dict(window="hann", nperseg=256, noverlap=None, nfft=None),
        dict(window="hamming", nperseg=100, noverlap=75, nfft=128),
        dict(window="blackmanharris", nperseg=255, noverlap=200, nfft=None),
        dict(window="kaiser,8.6", nperseg=64, noverlap=48, nfft=64),
        dict(window="flattop", nperseg=512, noverlap=384, nfft=1024),
        dict(window="boxcar", nperseg=128, noverlap=0, nfft=None),
    ]

    def scipy_window(self, name):
        if "," in name:
            kind, arg = name.split(",")
            return (kind, float(arg))
        return name

    def check(self, x, fs):
        np.save(self.path("x.npy"), x)
        for case in self.CASES:
            with self.subTest(**case, dtype=str(x.dtype)):
                args = ["stft", self.path("x.npy"), "--out", self.path("z.npy"), "--fs", fs,
                        "--window", case["window"], "--nperseg", case["nperseg"]]
                if case["noverlap"] is not None:
                    args += ["--noverlap", case["noverlap"]]
                if case["nfft"] is not None:
                    args += ["--nfft", case["nfft"]]
                run(*args, check=0)
                ours = np.load(self.path("z.npy"))
                _, _, ref = scipy.signal.stft(x, fs=fs, window=self.scipy_window(case["window"]),
                                              nperseg=case["nperseg"], noverlap=case["noverlap"],
                                              nfft=case["nfft"])
                self.assertEqual(ours.dtype, np.complex64)
                self.assertEqual(ours.shape, ref.shape)
                self.assertLess(rel_err(ours, ref), 1e-4)

    def test_real_float32(self):
        rng = np.random.default_rng(1)
        self.check(rng.standard_normal(5003).astype(np.float32), 48000)

    def test_complex64_two_sided(self):
        rng = np.random.default_rng(2)
        x = (rng.standard_normal(4001) + 1j * rng.standard_normal(4001)).astype(np.complex64)
        self.check(x, 2e6)

    def test_recording_channel_matches_scipy_on_its_samples(self):
        rng = np.random.default_rng(3)
        data = (rng.standard_normal((9000, 2)) * 3000).astype(np.int16)
        scipy.io.wavfile.write(self.path("st.wav"), 16000, data)
        proc = run("stft", self.path("st.wav"), "--out", self.path("z.npy"))
        self.assertEqual(proc.returncode, 2, "a stereo file needs --channel or --mix")
        self.assertIn("--channel N", proc.stderr)
        run("stft", self.path("st.wav"), "--out", self.path("z.npy"), "--channel", 1,
            "--nperseg", 512, check=0)
        _, _, ref = scipy.signal.stft(data[:, 1] / 32768.0, fs=16000, nperseg=512)
        self.assertLess(rel_err(np.load(self.path("z.npy")), ref), 1e-4)


class IstftMatchesScipy(CliTest):
    def test_one_sided_to_npy(self):
        rng = np.random.default_rng(4)
        x = rng.standard_normal(6000).astype(np.float32)
        _, _, z = scipy.signal.stft(x, nperseg=300, noverlap=225, nfft=512)
        np.save(self.path("z.npy"), z.astype(np.complex64))
        run("istft", self.path("z.npy"), "--out", self.path("y.npy"), "--nperseg", 300,
            "--noverlap", 225, "--nfft", 512, check=0)
        _, ref = scipy.signal.istft(z, nperseg=300, noverlap=225, nfft=512)
        ours = np.load(self.path("y.npy"))
        self.assertEqual(ours.shape, ref.shape)
        self.assertLess(rel_err(ours, ref), 1e-4)
        self.assertLess(rel_err(ours[:6000], x), 1e-4)  # and it is the signal again

    def test_zero_padded_spectrum_with_scipys_default_nfft(self):
        rng = np.random.default_rng(7)
        x = rng.standard_normal(4000)
        _, _, z = scipy.signal.stft(x, nperseg=200, nfft=512)
        np.save(self.path("z.npy"), z.astype(np.complex64))
        run("istft", self.path("z.npy"), "--out", self.path("y.npy"), "--nperseg", 200, check=0)
        _, ref = scipy.signal.istft(z, nperseg=200)
        self.assertLess(rel_err(np.load(self.path("y.npy")), ref), 1e-4)

    def test_inputs_are_never_overwritten(self):
        np.save(self.path("x.npy"), np.zeros(1000, dtype=np.float32))
        before = pathlib.Path(self.path("x.npy")).read_bytes()
        proc = run("stft", self.path("x.npy"), "--out", self.path("x.npy"))
        self.assertEqual(proc.returncode, 1)
        self.assertIn("never modifies its source", proc.stderr)
        proc = run("stft", self.path("x.npy"), "--out", self.path("z.wav"))
        self.assertIn("written as .npy", proc.stderr)
        run("stft", self.path("x.npy"), "--out", self.path("z.npy"), check=0)
        proc = run("istft", self.path("z.npy"), "--out", self.path("z.npy"))
        self.assertEqual(proc.returncode, 1)
        self.assertIn("never modifies its source", proc.stderr)
        self.assertEqual(pathlib.Path(self.path("x.npy")).read_bytes(), before)
        # Outputs get the usual permissions, not mkstemp's 0600.
        self.assertEqual(os.stat(self.path("z.npy")).st_mode & 0o777, 0o666 & ~self.umask())

    @staticmethod
    def umask():
        mask = os.umask(0)
        os.umask(mask)
        return mask

    def test_default_nperseg_is_inferred_from_bins(self):
        rng = np.random.default_rng(5)
        x = rng.standard_normal(3000)
        _, _, z = scipy.signal.stft(x, nperseg=128)
        np.save(self.path("z.npy"), z.astype(np.complex64))
        run("istft", self.path("z.npy"), "--out", self.path("y.npy"), check=0)
        _, ref = scipy.signal.istft(z)
        self.assertLess(rel_err(np.load(self.path("y.npy")), ref), 1e-4)

    def test_two_sided_to_npy_and_to_iq_wav(self):
        rng = np.random.default_rng(6)
        x = (0.3 * (rng.standard_normal(4096) + 1j * rng.standard_normal(4096))).astype(np.complex64)
        _, _, z = scipy.signal.stft(x, fs=2e6, nperseg=256, return_onesided=False)
        np.save(self.path("z.npy"), z.astype(np.complex64))
        run("istft", self.path("z.npy"), "--out", self.path("y.npy"), "--nperseg", 256,
            "--fs", 2e6, check=0)
        _, ref = scipy.signal.istft(z, fs=2e6, nperseg=256, input_onesided=False)
        ours = np.load(self.path("y.npy"))
        self.assertEqual(ours.dtype, np.complex64)
        self.assertLess(rel_err(ours, ref), 1e-4)
        run("istft", self.path("z.npy"), "--out", self.path("y.wav"), "--nperseg", 256,
            "--fs", 2e6, "--center", 100e6, check=0)
        info = json.loads(run("info", self.path("y.wav"), check=0).stdout)
        self.assertEqual(info["kind"], "iq")
        self.assertEqual(info["center_frequency"], 100e6)

    def test_bins_that_fit_no_spectrum_are_explained(self):
        np.save(self.path("z.npy"), np.zeros((100, 5), dtype=np.complex64))
        proc = run("istft", self.path("z.npy"), "--out", self.path("y.npy"), "--nperseg", 256,
                   "--nfft", 256)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("fits neither a one-sided (129) nor a two-sided (256)", proc.stderr)


class DemoAndApply(CliTest):
    def demo(self):
        run("demo", "--out", self.dir, "--iq-seconds", 3, check=0)
        return os.path.join(self.dir, "SDRuno_20261121_120000Z_433920kHz.wav")

    def test_info_reads_the_auxi_chunk(self):
        info = json.loads(run("info", self.demo(), check=0).stdout)
        self.assertEqual(info["kind"], "iq")
        self.assertEqual(info["sample_rate"], 2e6)
        self.assertEqual(info["channels"], 2)
        self.assertEqual(info["samples"], 6_000_000)
        self.assertEqual(info["center_frequency"], 433.92e6)
        self.assertEqual(info["start_time"], "2026-11-21T12:00:00Z")
        self.assertEqual(info["metadata_from"], "auxi")

    def test_demo_apply_removes_the_chirp_and_keeps_the_rest(self):
        src = self.demo()
        proc = run("apply", os.path.join(self.dir, "demo_iq.specedit.json"), "--out",
                   self.path("clean.wav"), check=0)
        self.assertIn("clipped 0 values", proc.stdout)
        fs, a = scipy.io.wavfile.read(src)
        _, b = scipy.io.wavfile.read(self.path("clean.wav"))
        self.assertEqual(b.dtype, np.int16)  # the input's sample type
        xa = (a[:, 0] + 1j * a[:, 1]) / 32768.0
        xb = (b[:, 0] + 1j * b[:, 1]) / 32768.0
        # The chirp sits at -400 kHz at t = 2.0 s: that band loses its energy there...
        def band_power(x, t, f):
            seg = x[int(t * fs):int(t * fs) + 4096] * np.hanning(4096)
            spec = np.fft.fftshift(np.fft.fft(seg))
            freqs = np.fft.fftshift(np.fft.fftfreq(4096, 1 / fs))
            return np.sum(np.abs(spec[np.abs(freqs - f) < 5e3]) ** 2)
        self.assertLess(band_power(xb, 2.0, -400e3), band_power(xa, 2.0, -400e3) * 1e-3)
        # ...while the OOK burst at +300 kHz (t = 0.25 s) is untouched.
        self.assertLess(rel_err(xb[400000:600000], xa[400000:600000]), 1e-3)

    def test_null_project_round_trip_and_output_kinds(self):
        src = self.demo()
        with open(self.path("null.specedit.json"), "w") as f:
            json.dump({"version": 1, "source": os.path.basename(src),
                       "analysis": {"window": "hann", "nperseg": 4096, "noverlap": 3072,
                                    "nfft": 4096}, "shapes": []}, f)
        project = self.path("null.specedit.json")
        run("apply", project, "--out", self.path("n.cf32"), check=0)
        run("apply", project, "--out", self.path("n.sigmf-meta"), "--sample-type", "float32",
            check=0)
        _, a = scipy.io.wavfile.read(src)
        xa = (a[:, 0] + 1j * a[:, 1]).astype(np.complex64) / 32768.0
        self.assertLess(rel_err(np.fromfile(self.path("n.cf32"), dtype=np.complex64), xa), 1e-5)
        with open(self.path("n.sigmf-meta")) as f:
            meta = json.load(f)
        self.assertEqual(meta["global"]["core:datatype"], "cf32_le")
        self.assertEqual(meta["captures"][0]["core:frequency"], 433.92e6)
        info = json.loads(run("info", self.path("n.sigmf-meta"), check=0).stdout)
        self.assertEqual(info["samples"], 6_000_000)

    def test_effects_on_iq_attenuate_a_burst_in_its_band(self):
        """An attenuate shape on a 2 MS/s IQ recording (two-sided, absolute frequencies): a
        burst 30 dB above the noise in +200..+400 kHz sinks to the level around it; the
        rest of the spectrum is untouched. A shape with nothing around it is refused."""
        rng = np.random.default_rng(3)
        fs, n, fc = 2e6, 2_000_000, 433.92e6
        x = (rng.normal(0, 0.01, n) + 1j * rng.normal(0, 0.01, n)).astype(np.complex64)
        t = np.arange(n) / fs
        # Complex noise low-passed to +-90 kHz, moved up to +300 kHz.
        b, a = scipy.signal.butter(8, 90e3, fs=fs)
        burst = scipy.signal.lfilter(b, a, rng.normal(0, 1, n) + 1j * rng.normal(0, 1, n))
        burst *= np.exp(2j * np.pi * 300e3 * t) * 0.01 * 10 ** (30 / 20) / np.std(burst) * \
            np.sqrt(2 * 1e6 / 180e3)
        x[800_000:1_000_000] += burst[800_000:1_000_000].astype(np.complex64)
        x.tofile(self.path("rec.sigmf-data"))
        with open(self.path("rec.sigmf-meta"), "w") as f:
            json.dump({"global": {"core:datatype": "cf32_le", "core:sample_rate": fs,
                                  "core:version": "1.0.0"},
                       "captures": [{"core:sample_start": 0, "core:frequency": fc}],
                       "annotations": []}, f)
        def project(name, t0, t1):
            with open(self.path(name), "w") as f:
                json.dump({"version": 1, "source": "rec.sigmf-data",
                           "analysis": {"window": "hann", "nperseg": 1024, "noverlap": 768},
                           "shapes": [{"type": "rect", "t0": t0, "t1": t1, "f0": fc + 150e3,
                                       "f1": fc + 450e3, "effect": "attenuate"}]}, f)
            return self.path(name)
        run("apply", project("p.specedit.json", 0.39, 0.51), "--out", self.path("o.cf32"),
            check=0)
        y = np.fromfile(self.path("o.cf32"), dtype=np.complex64)
        def band_db(z, t0, t1, f0, f1):
            seg = z[int(t0 * fs):int(t1 * fs)]
            spec = np.abs(np.fft.fft(seg)) ** 2 / len(seg)
            freqs = np.fft.fftfreq(len(seg), 1 / fs)
            return 10 * np.log10(np.mean(spec[(freqs > f0) & (freqs < f1)]))
        around = band_db(x, 0.1, 0.35, 220e3, 380e3)
        self.assertGreater(band_db(x, 0.41, 0.49, 220e3, 380e3) - around, 25)
        self.assertLess(abs(band_db(y, 0.41, 0.49, 220e3, 380e3) - around), 1.0)
        # Below the shape's band the level stays (within 0.2 dB: the gains changing frame by
        # frame spread a little of the burst's band), and before the shape every sample.
        self.assertLess(abs(band_db(y, 0.41, 0.49, -800e3, 100e3) -
                            band_db(x, 0.41, 0.49, -800e3, 100e3)), 0.2)
        self.assertLess(rel_err(y[:600_000], x[:600_000]), 1e-5)
        proc = run("apply", project("q.specedit.json", -1, 2), "--out", self.path("q.cf32"),
                   check=1)
        self.assertIn("shapes[0]", proc.stderr)
        self.assertIn("no recording before or after it", proc.stderr)
        self.assertFalse(os.path.exists(self.path("q.cf32")))

    def test_sigmf_export_never_replaces_a_sigmf_source(self):
        x = (np.arange(2000) % 7 - 3).astype(np.float32).view(np.complex64)
        x.tofile(self.path("rec.sigmf-data"))
        with open(self.path("rec.sigmf-meta"), "w") as f:
            json.dump({"global": {"core:datatype": "cf32_le", "core:sample_rate": 1e6,
                                  "core:version": "1.0.0"},
                       "captures": [{"core:sample_start": 0}], "annotations": []}, f)
        with open(self.path("p.specedit.json"), "w") as f:
            json.dump({"version": 1, "source": "rec.sigmf-meta",
                       "analysis": {"window": "hann", "nperseg": 256, "noverlap": 192}}, f)
        data_before = pathlib.Path(self.path("rec.sigmf-data")).read_bytes()
        for target in ["rec.sigmf-data", "rec.sigmf-meta"]:
            proc = run("apply", self.path("p.specedit.json"), "--out", self.path(target))
            self.assertEqual(proc.returncode, 1, target)
            self.assertIn("is the source recording", proc.stderr)
        self.assertEqual(pathlib.Path(self.path("rec.sigmf-data")).read_bytes(), data_before)

    def test_ctrl_c_cancels_and_leaves_no_partial_file(self):
        run("demo", "--out", self.dir, "--iq-seconds", 30, check=0)
        out = self.path("interrupted.wav")
        proc = subprocess.Popen([CLI, "apply", self.path("demo_iq.specedit.json"), "--out", out,
                                 "--threads", "1"], stderr=subprocess.PIPE, text=True)
        # Ctrl-C once the CLI catches it (a fixed 0.3 s wait killed a slow ASan build
        # before its handler was installed: exit -2), and while it still works.
        deadline = time.monotonic() + 30
        while not catches_sigint(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.1)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        self.assertEqual(proc.returncode, 1, err)
        self.assertIn("cancelled", err)
        self.assertEqual([f for f in os.listdir(self.dir) if "interrupted" in f], [])

    def test_apply_refuses_to_overwrite_the_source(self):
        src = self.demo()
        before = os.path.getsize(src)
        proc = run("apply", os.path.join(self.dir, "demo_iq.specedit.json"), "--out", src)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("is the source recording", proc.stderr)
        self.assertEqual(os.path.getsize(src), before)


class BadInput(CliTest):
    def test_usage_errors_exit_2(self):
        self.assertEqual(run("stft").returncode, 2)
        proc = run("frobnicate", check=2)
        self.assertIn('error: "frobnicate" is not a command (expected one of info, demo, stft',
                      proc.stderr)
        self.assertEqual(run("info", "a.wav", "--bogus").returncode, 2)
        np.save(self.path("x.npy"), np.zeros(100, dtype=np.float32))
        for args, text in [(["--nperseg", 0], "--nperseg"),
                           (["--nperseg", 64, "--noverlap", 64], "--noverlap"),
                           (["--nperseg", 64, "--noverlap", -10], "larger than the window"),
                           (["--nperseg", 64, "--nfft", 32], "smaller than the window"),
                           (["--nperseg", 64, "--noverlap", 0], "NOLA"),
                           (["--window", "hannn"], "unknown window")]:
            proc = run("stft", self.path("x.npy"), "--out", self.path("z.npy"), *args)
            self.assertEqual(proc.returncode, 2, args)
            self.assertIn(text, proc.stderr)

    def test_parameters_that_do_not_fit_the_file_exit_2(self):
        (np.zeros(100, dtype=np.uint8)).tofile(self.path("one.cu8"))
        proc = run("info", self.path("one.cu8"), "--rate", "0M")
        self.assertEqual(proc.returncode, 2)
        self.assertIn('error: --rate: "0M" is not a sample rate (expected a rate above 0 Hz',
                      proc.stderr)
        # A number and its unit typed apart without quotes reach the command as two words:
        # said before anything is read (features had detected at 1 Hz, then missed "MS/s").
        proc = run("features", self.path("one.cu8"), "--rate", "1", "MS/s", "--out",
                   self.path("f.csv"), check=2)
        self.assertIn('specedit-cli: error: --rate: "1 MS/s" reached the command as two words, '
                      '1 and MS/s (expected it in quotes, "1 MS/s", or without the space: 1MS/s)',
                      proc.stderr)
        self.assertFalse(os.path.exists(self.path("f.csv")))
        # A value that is no number names the option and the type wanted, like other errors
        # (CLI11 said "Could not convert: --nperseg = 2.5", without the program's prefix).
        for option, typed, wanted in [("--nperseg", "2.5", "is not a whole number"),
                                      ("--noverlap", "abc", "is not a whole number"),
                                      ("--center", "x", "is not a frequency")]:
            proc = run("stft", self.path("one.cu8"), "--rate", "1M", option, typed, "--out",
                       self.path("z.npy"), check=2)
            self.assertIn(f'specedit-cli: error: {option}: "{typed}" {wanted}', proc.stderr)
        proc = run("detect", self.path("one.cu8"), "--threshold-db", "abc", "--out",
                   self.path("d.csv"), check=2)
        self.assertIn('error: --threshold-db: "abc" is not a number (expected one such as 8',
                      proc.stderr)
        x = (0.1 * np.ones(4000)).astype(np.complex64)
        x.tofile(self.path("iq.cf32"))
        with open(self.path("p.specedit.json"), "w") as f:
            json.dump({"version": 1, "source": "iq.cf32", "source_options": {"rate": 2e6},
                       "analysis": {"window": "hann", "nperseg": 256, "noverlap": 192}}, f)
        proc = run("apply", self.path("p.specedit.json"), "--out", self.path("o.flac"))
        self.assertEqual(proc.returncode, 2)
        self.assertIn("flac stores sample rates up to 655350 Hz", proc.stderr)
        self.assertFalse(os.path.exists(self.path("o.flac")))
        with open(self.path("q.specedit.json"), "w") as f:
            json.dump({"version": 1, "source": "iq.cf32", "source_options": {"rate": 44100.5},
                       "analysis": {"window": "hann", "nperseg": 256, "noverlap": 192}}, f)
        proc = run("apply", self.path("q.specedit.json"), "--out", self.path("o.wav"))
        self.assertEqual(proc.returncode, 2)
        self.assertIn("whole-hertz sample rates; this signal is at 44100.5 Hz", proc.stderr)

    def test_bad_files_exit_1_with_the_file_named(self):
        cases = []
        cases.append((self.path("missing.wav"), [], "does not exist"))
        open(self.path("empty.wav"), "wb").close()
        cases.append((self.path("empty.wav"), [], "empty"))
        with open(self.path("odd.cs16"), "wb") as f:
            f.write(b"\x00" * 4001)
        cases.append((self.path("odd.cs16"), ["--rate", 1e6], "whole number"))
        with open(self.path("junk.wav"), "wb") as f:
            f.write(b"RIFF this is not a wave file at all")
        cases.append((self.path("junk.wav"), [], "junk.wav"))
        for path, extra, text in cases:
            proc = run("info", path, *extra)
            self.assertEqual(proc.returncode, 1, path)
            self.assertIn(os.path.basename(path), proc.stderr)
            self.assertIn(text, proc.stderr)
            self.assertNotIn("terminate", proc.stderr)

    def test_nan_samples_are_reported(self):
        x = np.zeros(10000, dtype=np.complex64)
        x[777] = np.nan
        x.tofile(self.path("nan.cf32"))
        with open(self.path("p.specedit.json"), "w") as f:
            json.dump({"version": 1, "source": "nan.cf32",
                       "source_options": {"rate": 1e6},
                       "analysis": {"window": "hann", "nperseg": 256, "noverlap": 192}}, f)
        proc = run("apply", self.path("p.specedit.json"), "--out", self.path("o.cf32"))
        self.assertEqual(proc.returncode, 1)
        self.assertIn("sample 777", proc.stderr)
        self.assertFalse(os.path.exists(self.path("o.cf32")))
        proc = run("stft", self.path("nan.cf32"), "--rate", 1e6, "--out", self.path("z.npy"))
        self.assertEqual(proc.returncode, 1)
        self.assertIn("sample 777 (channel 0) is NaN", proc.stderr)
        self.assertFalse(os.path.exists(self.path("z.npy")))
        np.save(self.path("inf.npy"), np.array([0, 1, np.inf], dtype=np.float32))
        proc = run("stft", self.path("inf.npy"), "--out", self.path("z.npy"), "--nperseg", 2)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("sample 2 (channel 0) is infinite", proc.stderr)

    def test_help_everywhere(self):
        for sub in ["", "info", "demo", "stft", "istft", "apply", "detect", "labels"]:
            proc = run(*([sub] if sub else []), "--help")
            self.assertEqual(proc.returncode, 0, sub)
            self.assertIn("Usage", proc.stdout)


class Recognition(CliTest):
    """Files open without being told what they are, and info says where each value came from."""

    def info(self, path, *extra):
        proc = run("info", path, *extra)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return json.loads(proc.stdout)

    def test_numpy_arrays_open_as_recordings_and_exports_load_back(self):
        """A capture saved with numpy (complex64, big-endian too) is I/Q at the rate given or
        in its name; without one, info says what the header holds and the error asks only
        --rate. A null project round-trips it into a .npy that numpy loads; two rows of I and
        Q at 2 MS/s are I/Q as a stereo file at that rate would be."""
        fs, n = 2e6, 300_000
        rng = np.random.default_rng(5)
        x = (rng.normal(0, 0.1, n) + 1j * rng.normal(0, 0.1, n)).astype(np.complex64)
        np.save(self.path("cap.npy"), x)
        np.save(self.path("cap_be_2Msps.npy"), x.astype(">c8"))
        held = self.info(self.path("cap.npy"))
        self.assertEqual((held["kind"], held["samples"], held["datatype"], held["sample_rate"]),
                         ("iq", n, "<c8", None))
        proc = run("detect", self.path("cap.npy"), "--out", self.path("d.csv"), check=2)
        self.assertIn("the sample rate is unknown: numpy arrays carry none", proc.stderr)
        self.assertIn("give it with --rate HZ", proc.stderr)
        self.assertNotIn("--format", proc.stderr)
        named = self.info(self.path("cap_be_2Msps.npy"))
        self.assertEqual((named["sample_rate"], named["sample_rate_from"], named["container"]),
                         (fs, "file name", "npy"))
        with open(self.path("p.specedit.json"), "w") as f:
            json.dump({"version": 1, "source": "cap_be_2Msps.npy",
                       "source_options": {"center": 433.92e6},
                       "analysis": {"window": "hann", "nperseg": 1024, "noverlap": 768},
                       "shapes": []}, f)
        run("apply", self.path("p.specedit.json"), "--out", self.path("out.npy"), check=0)
        y = np.load(self.path("out.npy"))
        self.assertEqual((y.dtype, y.shape), (np.complex64, (n,)))
        self.assertLess(rel_err(y, x), 1e-5)
        rows = np.stack([x.real, x.imag]).astype(np.float32)
        np.save(self.path("rows.npy"), rows)
        iq = self.info(self.path("rows.npy"), "--rate", "2M")
        self.assertEqual((iq["kind"], iq["kind_from"], iq["samples"]),
                         ("iq", "rate above 384 kHz", n))
        stereo = self.info(self.path("rows.npy"), "--rate", "48k")
        self.assertEqual((stereo["kind"], stereo["channels"]), ("audio", 2))
        proc = run("info", self.path("rows.npy"), "--rate", "48k", "--center", "1M", check=1)
        self.assertIn("--center given for two channels read as stereo audio at this rate "
                      "(expected I/Q samples: add --iq)", proc.stderr)
        # Without a rate, info says what the header and the options decide (a real array
        # crashed it), and options the values contradict are refused before the rate is asked.
        np.save(self.path("mono.npy"), x.real.astype(np.float64))
        mono = self.info(self.path("mono.npy"))
        self.assertEqual((mono["kind"], mono["sample_type"], mono["sample_rate"]),
                         ("audio", "float64", None))
        self.assertIsNone(self.info(self.path("rows.npy"))["kind"])  # the rate decides
        self.assertEqual(self.info(self.path("rows.npy"), "--iq")["kind"], "iq")
        proc = run("info", self.path("cap.npy"), "--audio", check=1)
        self.assertIn("holds complex (I/Q) samples, asked to be read as audio", proc.stderr)
        # stft takes a rate the file name gives (it took scipy's 1 Hz and then saw 2 channels
        # of audio).
        np.save(self.path("rows_2M.npy"), rows)
        run("stft", self.path("rows_2M.npy"), "--out", self.path("z.npy"), check=0)
        _, _, z = scipy.signal.stft(x, 2e6, nperseg=256, return_onesided=False)
        self.assertLess(rel_err(np.load(self.path("z.npy")), z), 1e-5)

    def test_a_truncated_wav_is_read_as_far_as_it_goes_and_said(self):
        # A recorder that stopped abruptly: the header declares 1 s at 16 kHz, 0.25 s is there.
        rate = 16000
        t = np.arange(rate) / rate
        scipy.io.wavfile.write(self.path("cut.wav"), rate,
                               (8000 * np.sin(2 * np.pi * 440 * t)).astype(np.int16))
        os.truncate(self.path("cut.wav"), 44 + 2 * rate // 4)
        proc = run("info", self.path("cut.wav"), check=0)
        message = ("truncated: the file holds 0.250 s of the 1.000 s its header declares "
                   "(8000 of 32000 data bytes), as when a recorder stops abruptly; what is "
                   "there is read")
        self.assertEqual(json.loads(proc.stdout)["damage"], message)
        self.assertEqual(json.loads(proc.stdout)["samples"], rate // 4)
        self.assertIn(f"specedit-cli: warning: {self.path('cut.wav')}: {message}", proc.stderr)
        # Every command reads it so: the STFT has the frames of 0.25 s.
        proc = run("stft", self.path("cut.wav"), "--out", self.path("cut.npy"), check=0)
        self.assertIn("truncated", proc.stderr)
        frames = scipy.signal.stft(np.zeros(rate // 4), nperseg=256)[2].shape[1]
        self.assertEqual(np.load(self.path("cut.npy")).shape[1], frames)
        # A complete file says nothing of the kind.
        scipy.io.wavfile.write(self.path("whole.wav"), rate, np.zeros(100, dtype=np.int16))
        self.assertNotIn("damage", self.info(self.path("whole.wav")))

    def test_rtl_433_names_give_centre_and_rate(self):
        np.full(2 * 5000, 128, dtype=np.uint8).tofile(self.path("g001_433.92M_250k.cu8"))
        j = self.info(self.path("g001_433.92M_250k.cu8"))
        self.assertEqual(j["sample_rate"], 250000)
        self.assertEqual(j["center_frequency"], 433.92e6)
        self.assertEqual(j["sample_rate_from"], "file name")
        self.assertEqual(j["sample_type_from"], "extension")
        np.zeros(2 * 100, dtype=np.float32).tofile(self.path("capture_4MHz_cf32.iq"))
        j = self.info(self.path("capture_4MHz_cf32.iq"))
        self.assertEqual((j["sample_rate"], j["datatype"]), (4e6, "cf32_le"))
        self.assertEqual(j["sample_type_from"], "file name")
        # The user always wins, and says so.
        j = self.info(self.path("capture_4MHz_cf32.iq"), "--rate", "1e6")
        self.assertEqual((j["sample_rate"], j["sample_rate_from"]), (1e6, "user"))

    def test_rates_and_times_take_units(self):
        np.zeros(2 * 100, dtype=np.float32).tofile(self.path("u.cf32"))
        for rate in ["2M", "2 MS/s", "2e6", "2000k", "2Msps"]:
            j = self.info(self.path("u.cf32"), "--rate", rate, "--center", "433.92M")
            self.assertEqual((j["sample_rate"], j["center_frequency"]), (2e6, 433.92e6), rate)
        for option, value in [("--rate", "2x"), ("--rate", "2,4M"), ("--center", "433 MB")]:
            proc = run("info", self.path("u.cf32"), option, value)
            self.assertEqual(proc.returncode, 2, value)
            what = "a sample rate" if option == "--rate" else "a frequency"
            self.assertIn(f'{option}: "{value}" is not {what} (2e6, 2M', proc.stderr)
        detect = ["detect", self.path("u.cf32"), "--rate", "2M", "--out", self.path("d.csv")]
        self.assertEqual(run(*detect, "--merge-gap", "3ms", "--min-duration", "250 us",
                             "--min-bandwidth", "5k", "--start", "0:00.00001").returncode, 0)
        proc = run(*detect, "--merge-gap", "2m")
        self.assertEqual(proc.returncode, 2)
        self.assertIn('--merge-gap: "2m" is not a time', proc.stderr)

    def test_urh_extensions(self):
        np.zeros(2 * 100, dtype=np.float32).tofile(self.path("burst.complex"))
        np.zeros(2 * 100, dtype=np.int16).tofile(self.path("burst.complex32s"))
        self.assertEqual(self.info(self.path("burst.complex"), "--rate", "1e6")["datatype"],
                         "cf32_le")
        self.assertEqual(self.info(self.path("burst.complex32s"), "--rate", "1e6")["datatype"],
                         "ci16_le")

    def test_raw_file_without_rate_reports_what_is_known(self):
        np.zeros(2 * 100, dtype=np.float32).tofile(self.path("norate.cf32"))
        j = self.info(self.path("norate.cf32"))
        self.assertIsNone(j["sample_rate"])
        self.assertEqual(j["samples"], 100)
        self.assertEqual(j["sample_type_from"], "extension")
        proc = run("stft", self.path("norate.cf32"), "--out", self.path("z.npy"))
        self.assertEqual(proc.returncode, 2)
        self.assertIn("sample rate is unknown", proc.stderr)
        self.assertIn("--rate HZ", proc.stderr)

    def test_damaged_files_say_what_they_are(self):
        with open(self.path("text.wav"), "w") as f:
            f.write("hello world, this is not a recording\n")
        with open(self.path("nodata.wav"), "wb") as f:
            f.write(b"RIFF" + (36).to_bytes(4, "little") + b"WAVEfmt " + (16).to_bytes(4, "little")
                    + bytes([1, 0, 2, 0]) + (48000).to_bytes(4, "little")
                    + (192000).to_bytes(4, "little") + bytes([4, 0, 16, 0]))
        open(self.path("empty.cu8"), "wb").close()
        for name, text in [("text.wav", "holds text"), ("nodata.wav", "damaged WAV file"),
                           ("empty.cu8", "empty")]:
            proc = run("info", self.path(name))
            self.assertEqual(proc.returncode, 1, name)
            self.assertIn(text, proc.stderr)
            self.assertNotIn("--format", proc.stderr)
        self.assertIn("data", run("info", self.path("nodata.wav")).stderr)

    def test_stereo_wav_above_384_khz_is_iq(self):
        x = np.zeros((2000, 2), dtype=np.int16)
        scipy.io.wavfile.write(self.path("plain_2M.wav"), 2000000, x)
        j = self.info(self.path("plain_2M.wav"))
        self.assertEqual((j["kind"], j["kind_from"]), ("iq", "rate above 384 kHz"))
        self.assertEqual(self.info(self.path("plain_2M.wav"), "--audio")["kind"], "audio")

    def test_sdrangel_sdriq_header(self):
        header = (2000000).to_bytes(4, "little") + (433920000).to_bytes(8, "little")
        header += (1700000000000).to_bytes(8, "little") + (16).to_bytes(4, "little")
        header += bytes(8)
        with open(self.path("rec.sdriq"), "wb") as f:
            f.write(header + np.zeros(2 * 1000, dtype=np.int16).tobytes())
        j = self.info(self.path("rec.sdriq"))
        self.assertEqual((j["sample_rate"], j["center_frequency"]), (2e6, 433.92e6))
        self.assertEqual((j["samples"], j["start_time"]), (1000, "2023-11-14T22:13:20Z"))
        self.assertEqual(j["sample_rate_from"], "header")


class Labels(CliTest):
    BURSTS = [(0.10, 0.13, 200e3), (0.40, 0.42, -300e3), (0.70, 0.75, 50e3)]

    def recording(self):
        """0.9 s of cu8 at 2 MS/s named as rtl_433 does: noise and three tone bursts."""
        fs = 2e6
        rng = np.random.default_rng(5)
        n = int(0.9 * fs)
        t = np.arange(n) / fs
        z = (rng.normal(0, 4, n) + 1j * rng.normal(0, 4, n))
        for t0, t1, f in self.BURSTS:
            on = (t >= t0) & (t < t1)
            z[on] += 60 * np.exp(2j * np.pi * f * t[on])
        iq = np.empty(2 * n, dtype=np.uint8)
        iq[0::2] = np.clip(np.round(z.real + 127.5), 0, 255)
        iq[1::2] = np.clip(np.round(z.imag + 127.5), 0, 255)
        path = self.path("g001_433.92M_2M.cu8")
        iq.tofile(path)
        return path

    def check_boxes(self, rows):
        self.assertEqual(len(rows), len(self.BURSTS))
        for (t0, t1, f0, f1), (u0, u1, fu) in zip(rows, self.BURSTS):
            self.assertAlmostEqual(t0, u0, delta=3e-4)
            self.assertAlmostEqual(t1, u1, delta=3e-4)
            self.assertLessEqual(f0, 433.92e6 + fu)
            self.assertGreaterEqual(f1, 433.92e6 + fu)

    def test_detect_writes_every_format(self):
        rec = self.recording()
        run("detect", rec, "--out", self.path("b.csv"), check=0)
        with open(self.path("b.csv")) as f:
            rows = list(csv.DictReader(f))
        self.check_boxes([(float(r["t0_s"]), float(r["t1_s"]), float(r["f0_hz"]),
                           float(r["f1_hz"])) for r in rows])
        self.assertTrue(all(r["state"] == "proposed" for r in rows))
        self.assertEqual([r["id"] for r in rows], [str(i + 1) for i in range(len(rows))])
        run("detect", rec, "--out", self.path("b.sigmf-meta"), check=0)
        with open(self.path("b.sigmf-meta")) as f:
            meta = json.load(f)
        self.assertEqual(meta["global"]["core:datatype"], "cu8")
        self.assertEqual(meta["global"]["core:dataset"], "g001_433.92M_2M.cu8")
        self.check_boxes([(a["core:sample_start"] / 2e6,
                           (a["core:sample_start"] + a["core:sample_count"]) / 2e6,
                           a["core:freq_lower_edge"], a["core:freq_upper_edge"])
                          for a in meta["annotations"]])
        info = json.loads(run("info", self.path("b.sigmf-meta"), check=0).stdout)
        self.assertEqual((info["sample_rate"], info["samples"]), (2e6, 1800000))
        self.assertNotIn("note", run("detect", rec, "--out", self.path("b.sigmf-meta")).stderr)
        # Away from the recording, the metadata names a dataset no reader finds: said.
        os.mkdir(self.path("away"))
        proc = run("detect", rec, "--out", self.path("away/b.sigmf-meta"), check=0)
        self.assertIn("note: b.sigmf-meta names its dataset g001_433.92M_2M.cu8, which SigMF "
                      "readers look for beside it in " + os.path.realpath(self.path("away")),
                      proc.stderr)
        # A project gets the bursts as proposed labels.
        proc = run("detect", rec, "--out", self.path("p.specedit.json"), check=0)
        self.assertIn(": 3 bursts -> ", proc.stdout)
        with open(self.path("p.specedit.json")) as f:
            project = json.load(f)
        self.assertEqual([l["state"] for l in project["labels"]], ["proposed"] * 3)
        self.assertEqual(project["source"], "g001_433.92M_2M.cu8")
        # The user confirms the first and classifies it; a second run replaces the two
        # proposals left and does not propose the confirmed burst again: nothing doubles.
        project["classes"] = [{"name": "open", "color": "#ff0000"}]
        project["labels"][0].update({"state": "confirmed", "class": "open"})
        with open(self.path("p.specedit.json"), "w") as f:
            json.dump(project, f)
        proc = run("detect", rec, "--out", self.path("p.specedit.json"), check=0)
        self.assertIn(": 2 bursts, 2 proposed by an earlier run replaced, 1 already labelled "
                      "there -> ", proc.stdout)
        with open(self.path("p.specedit.json")) as f:
            labels = json.load(f)["labels"]
        self.assertEqual([(l["id"], l["state"]) for l in labels],
                         [(1, "confirmed"), (4, "proposed"), (5, "proposed")])
        self.check_boxes(sorted((l["t0"], l["t1"], l["f0"], l["f1"]) for l in labels))
        # Labels written into the project they came from are not added twice.
        proc = run("labels", self.path("p.specedit.json"), "--out", self.path("p.specedit.json"),
                   check=0)
        self.assertIn(": 0 labels, 3 already labelled there -> ", proc.stdout)
        with open(self.path("p.specedit.json")) as f:
            self.assertEqual(len(json.load(f)["labels"]), 3)

    def test_labels_convert_between_formats(self):
        rec = self.recording()
        run("detect", rec, "--out", self.path("p.specedit.json"), check=0)
        run("labels", self.path("p.specedit.json"), "--out", self.path("a.txt"), check=0)
        with open(self.path("a.txt")) as f:
            lines = f.read().splitlines()
        self.assertEqual(len(lines), 6)  # a label line and a frequency line each
        self.assertTrue(lines[1].startswith("\\\t"))
        run("labels", self.path("a.txt"), "--recording", rec, "--out", self.path("r.selections.txt"),
            check=0)
        run("labels", self.path("r.selections.txt"), "--recording", rec, "--out",
            self.path("c.csv"), check=0)
        with open(self.path("c.csv")) as f:
            rows = list(csv.DictReader(f))
        self.check_boxes([(float(r["t0_s"]), float(r["t1_s"]), float(r["f0_hz"]),
                           float(r["f1_hz"])) for r in rows])

    def test_bad_label_requests_are_explained(self):
        rec = self.recording()
        proc = run("detect", rec, "--out", self.path("b.xlsx"), check=2)
        self.assertIn("--out: " + self.path("b.xlsx") + " is not a file SpecEdit writes labels "
                      "to (expected .csv, .txt (Audacity), .selections.txt (Raven), .sigmf-meta "
                      "or .specedit.json", proc.stderr)
        missing = self.path("no/such/folder/b.csv")
        proc = run("detect", rec, "--out", missing, check=1)
        self.assertIn(missing + ": its folder " + os.path.dirname(missing) + " does not exist",
                      proc.stderr)
        proc = run("detect", rec, rec, "--out", self.path("dir"), "--out-format", "xls", check=2)
        self.assertIn('--out-format: "xls" is not a label format (expected csv, txt', proc.stderr)
        # A project moved without its recording says where the recording was looked for.
        os.makedirs(self.path("moved"))
        run("detect", rec, "--out", self.path("p.specedit.json"), check=0)
        shutil.move(self.path("p.specedit.json"), self.path("moved/p.specedit.json"))
        # Its labels still convert to a label file, which needs no recording.
        run("labels", self.path("moved/p.specedit.json"), "--out", self.path("moved.csv"),
            check=0)
        proc = run("detect", self.path("moved/p.specedit.json"), "--out", self.path("c.csv"),
                   check=1)
        self.assertIn('moved/p.specedit.json: its recording ("source": "g001_433.92M_2M.cu8") '
                      "is not at " + self.path("moved/g001_433.92M_2M.cu8"), proc.stderr)
        proc = run("detect", rec, rec, "--out", self.path("dir"), check=2)
        self.assertIn("--out-format", proc.stderr)
        proc = run("detect", rec, "--threshold-db", "-1", "--out", self.path("b.csv"), check=2)
        self.assertIn("--threshold-db: threshold -1 dB (expected more than 0", proc.stderr)
        # A range outside the recording finds nothing: said, not "0 bursts".
        proc = run("detect", rec, "--start", "2", "--out", self.path("b.csv"), check=2)
        self.assertIn("--start: start 2 s: the recording is 0.9 s long", proc.stderr)
        proc = run("detect", rec, "--end", "-1", "--out", self.path("b.csv"), check=2)
        self.assertIn("--end: end -1 s (expected a time after 0 s)", proc.stderr)
        self.assertFalse(os.path.exists(self.path("b.csv")))
        proc = run("labels", self.path("none.csv"), "--out", self.path("x.csv"), check=1)
        self.assertIn(self.path("none.csv") + ": file does not exist", proc.stderr)
        with open(self.path("l.csv"), "w") as f:
            f.write("id,class,t0_s,t1_s,f0_hz,f1_hz\n1,,0.1,0.13,433.9e6,433.95e6\n")
        proc = run("labels", self.path("l.csv"), "--out", self.path("x.sigmf-meta"), check=2)
        self.assertIn("--recording: the labels' recording is not known", proc.stderr)
        # Label file to label file needs no recording: the times are in the file.
        run("labels", self.path("l.csv"), "--out", self.path("x.txt"), check=0)
        with open(self.path("x.txt")) as f:
            self.assertEqual(f.readline(), "0.1\t0.13\t\n")
        # A shortest burst longer than the recording finds nothing, and says why.
        proc = run("detect", rec, "--min-duration", "10", "--out", self.path("b.csv"), check=0)
        self.assertIn("--min-duration 10 s is longer than the 0.9 s looked at", proc.stderr)

    def test_several_recordings_into_one_folder(self):
        rec = self.recording()
        other = self.path("copy_433.92M_2M.cu8")
        shutil.copy(rec, other)
        run("detect", rec, other, "--out", self.path("out"), "--out-format", "csv", check=0)
        self.assertEqual(sorted(os.listdir(self.path("out"))),
                         ["copy_433.92M_2M.csv", "g001_433.92M_2M.csv"])


class Features(CliTest):
    BURSTS = Labels.BURSTS
    recording = Labels.recording

    def projects(self):
        rec = self.recording()
        other = self.path("copy_433.92M_2M.cu8")
        shutil.copy(rec, other)
        for name, r in (("a", rec), ("b", other)):
            run("detect", r, "--out", self.path(name + ".specedit.json"), check=0)
        return [self.path("a.specedit.json"), self.path("b.specedit.json")]

    def test_the_recording_column_is_read_from_the_csvs_folder(self):
        # The path as typed was relative to the folder the command ran in, which a reader of
        # the CSV does not know: in the CSV's folder or below, the path from there; else
        # absolute. Typed relative to another working folder here.
        rec = self.recording()
        os.makedirs(self.path("sub"))
        cwd = os.getcwd()
        os.chdir(self.path("sub"))
        try:
            for out, wanted in [(os.path.join("..", "d.csv"), "g001_433.92M_2M.cu8"),
                                ("d.csv", os.path.abspath(rec))]:
                run("features", os.path.join("..", "g001_433.92M_2M.cu8"), "--out", out,
                    check=0)
                with open(out) as f:
                    rows = list(csv.DictReader(f))
                self.assertEqual({r["recording"] for r in rows}, {wanted}, out)
        finally:
            os.chdir(cwd)
        self.assertTrue(os.path.exists(rec))

    def test_many_projects_become_one_dataset(self):
        a, b = self.projects()
        proc = run("features", a, b, "--out", self.path("d.csv"), "--patches",
                   self.path("p.npy"), check=0)
        self.assertIn("6 labels from 2 recording(s)", proc.stdout)
        with open(self.path("d.csv")) as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(len(rows), 6)
        self.assertEqual({os.path.basename(r["recording"]) for r in rows},
                         {"g001_433.92M_2M.cu8", "copy_433.92M_2M.cu8"})
        for r, (t0, t1, fu) in zip(rows, self.BURSTS * 2):
            # The detector's box, so its duration is the burst's within a few windows.
            self.assertAlmostEqual(float(r["duration_s"]), t1 - t0, delta=6e-4)
            self.assertAlmostEqual(float(r["peak_hz"]), 433.92e6 + fu, delta=2e3)
            self.assertAlmostEqual(float(r["if_mean_hz"]), 433.92e6 + fu, delta=100)
            self.assertGreater(float(r["on_snr_db"]), 15)
            self.assertEqual(r["modulation"], "other")
            self.assertEqual(r["state"], "proposed")
        patches = np.load(self.path("p.npy"))
        self.assertEqual(patches.shape, (6, 64, 64))
        with open(self.path("p.json")) as f:
            index = json.load(f)
        self.assertEqual(index["shape"], [6, 64, 64])
        self.assertEqual([row["id"] for row in index["rows"]], [int(r["id"]) for r in rows])
        # A tone at the box's centre: the middle rows are the brightest.
        self.assertIn(int(np.argmax(patches[0].mean(axis=1))), range(24, 40))

    def test_a_recording_with_a_label_file(self):
        rec = self.recording()
        with open(self.path("l.csv"), "w") as f:
            f.write("id,class,t0_s,t1_s,f0_hz,f1_hz\n")
            f.write(f"7,remote,0.1,0.13,{433.92e6 + 190e3},{433.92e6 + 210e3}\n")
        run("features", rec, "--labels", self.path("l.csv"), "--out", self.path("d.csv"), check=0)
        with open(self.path("d.csv")) as f:
            rows = list(csv.DictReader(f))
        self.assertEqual([(r["id"], r["class"], r["state"]) for r in rows],
                         [("7", "remote", "confirmed")])
        self.assertAlmostEqual(float(rows[0]["duration_s"]), 0.03, places=9)

    def test_bad_feature_requests_are_explained(self):
        a, b = self.projects()
        proc = run("features", a, b, "--labels", self.path("x.csv"), "--out", self.path("d.csv"),
                   check=2)
        self.assertIn("--labels", proc.stderr)
        proc = run("features", a, "--patches", self.path("p.npy"), "--patch-size", 4, "--out",
                   self.path("d.csv"), check=2)
        self.assertIn("--patch-size", proc.stderr)
        # Refused before any recording is read: a margin of no noise (-1 was the default's
        # sentinel, taken silently), patches without .npy, a dataset that is no CSV.
        for args, text in [(["--margin", "-1"], "--margin: -1 s is no noise context"),
                           (["--margin", "0"], "--margin: 0 s is no noise context"),
                           (["--patches", self.path("pd")],
                            "--patches: " + self.path("pd") + " is not a .npy path")]:
            proc = run("features", a, *args, "--out", self.path("d.csv"), check=2)
            self.assertIn(text, proc.stderr)
        # A project without labels gives no rows, and says so.
        with open(self.path("none.specedit.json"), "w") as f:
            json.dump({"version": 1, "source": "g001_433.92M_2M.cu8",
                       "analysis": {"window": "hann", "nperseg": 256, "noverlap": 192}}, f)
        proc = run("features", self.path("none.specedit.json"), "--out", self.path("n.csv"),
                   check=0)
        self.assertIn("none.specedit.json: no labels, so no rows", proc.stderr)
        proc = run("features", a, "--out", self.path("d.xlsx"), check=2)
        self.assertIn("--out: " + self.path("d.xlsx") + " is not a .csv path", proc.stderr)
        self.assertFalse(os.path.exists(self.path("d.csv")))
        rec = self.recording()
        with open(self.path("l.csv"), "w") as f:
            f.write("id,class,t0_s,t1_s,f0_hz,f1_hz\n1,,0.1,0.13,433.9e6,433.95e6\n")
            f.write("2,,5.0,6.0,433.9e6,433.95e6\n")
        proc = run("features", rec, "--labels", self.path("l.csv"), "--out", self.path("d.csv"),
                   check=1)
        self.assertIn("label 2 left out", proc.stderr)
        self.assertIn("outside the recording", proc.stderr)
        self.assertIn("1 of 2 labels were left out", proc.stderr)
        # export-bursts leaves out the same label, says why and fails; it wrote zeros before.
        proc = run("export-bursts", rec, "--labels", self.path("l.csv"), "--out",
                   self.path("bad"), check=1)
        self.assertIn(": label 2: the box 5 s to 6 s lies outside", proc.stderr)
        self.assertIn("; left out", proc.stderr)
        self.assertEqual(sorted(os.listdir(self.path("bad"))),
                         ["unlabeled_0001.sigmf-data", "unlabeled_0001.sigmf-meta"])
        # A label reaching past the end (0.9 s) is cut to it, and said: its duration is the
        # 0.05 s the recording holds, not 0.35 s.
        with open(self.path("l2.csv"), "w") as f:
            f.write("id,class,t0_s,t1_s,f0_hz,f1_hz\n1,,0.85,1.2,433.9e6,433.95e6\n")
        proc = run("features", rec, "--labels", self.path("l2.csv"), "--out",
                   self.path("d2.csv"), check=0)
        self.assertIn("label 1: 0.85 s to 1.2 s reaches past the recording's span (0 s to 0.9 s)"
                      ": cut to 0.85 s to 0.9 s", proc.stderr)
        with open(self.path("d2.csv")) as f:
            (row,) = list(csv.DictReader(f))
        self.assertAlmostEqual(float(row["duration_s"]), 0.05, places=9)
        # Radio frequencies for a capture named without its centre: one error that says
        # --center (18 identical warnings and an empty dataset before).
        bare = self.path("bare.cu8")
        shutil.copy(rec, bare)
        proc = run("features", bare, "--rate", "2M", "--labels", self.path("l.csv"), "--out",
                   self.path("d3.csv"), check=1)
        self.assertIn("none of the 2 labels (433.9 MHz to 433.95 MHz) lies in the recording's "
                      "band (-1 MHz to 1 MHz): they read as radio frequencies", proc.stderr)
        self.assertIn("--center HZ", proc.stderr)
        self.assertEqual(proc.stderr.count("error"), 1)
        self.assertNotIn("left out", proc.stderr)
        proc = run("export-bursts", a, "--out", self.path("c"), "--clip-format", "xyz", check=2)
        self.assertIn("--clip-format", proc.stderr)
        proc = run("export-bursts", a, "--out", self.path("c"), "--margin", -1, check=2)
        self.assertIn("--margin", proc.stderr)

    def test_a_template_project_opens_bare_captures(self):
        rec = self.recording()
        bare = self.path("capture.cu8")  # a name that says nothing about rate or centre
        shutil.copy(rec, bare)
        proc = run("features", bare, "--out", self.path("d.csv"), check=2)
        self.assertIn("--rate", proc.stderr)
        with open(self.path("t.specedit.json"), "w") as f:
            json.dump({"version": 1, "source": "any.cu8", "source_options":
                       {"rate": 2e6, "format": "cu8", "center": 433.92e6}}, f)
        run("features", bare, "--template", self.path("t.specedit.json"), "--out",
            self.path("d.csv"), check=0)
        with open(self.path("d.csv")) as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(len(rows), 3)
        self.assertAlmostEqual(float(rows[0]["if_mean_hz"]), 433.92e6 + 200e3, delta=100)
        run("detect", bare, "--template", self.path("t.specedit.json"), "--out",
            self.path("b.csv"), check=0)
        with open(self.path("b.csv")) as f:
            self.assertEqual(len(list(csv.DictReader(f))), 3)

    def test_export_bursts_as_isolated_sigmf_clips(self):
        a, _ = self.projects()
        run("export-bursts", a, "--out", self.path("clips"), "--margin", 0.01, check=0)
        names = sorted(os.listdir(self.path("clips")))
        self.assertEqual(names, [f"unlabeled_{i:04d}.sigmf-{k}" for i in (1, 2, 3)
                                 for k in ("data", "meta")])
        with open(a) as f:
            labels = json.load(f)["labels"]
        for i, (t0, t1, fu) in enumerate(self.BURSTS, start=1):
            with open(self.path(f"clips/unlabeled_{i:04d}.sigmf-meta")) as f:
                meta = json.load(f)
            (ann,) = meta["annotations"]
            self.assertAlmostEqual(ann["core:sample_start"] / 2e6, 0.01, delta=6e-4)
            # Whole samples: the clip starts 20000 samples (the margin) before the label's
            # first, says where in the recording, and annotates the label's samples exactly.
            label = labels[i - 1]
            s0, s1 = round(label["t0"] * 2e6), round(label["t1"] * 2e6)
            first = meta["global"]["specedit:source_sample_start"]
            self.assertEqual(first, s0 - 20000)
            self.assertEqual(ann["core:sample_start"], 20000)
            self.assertEqual(ann["core:sample_count"], s1 - s0)
            # In 32-bit floats, though the recording is cu8: an isolated burst written back in
            # 8 bits was half exact zeros, its noise floor gone.
            self.assertEqual(meta["global"]["core:datatype"], "cf32_le")
            self.assertEqual(os.path.getsize(self.path(f"clips/unlabeled_{i:04d}.sigmf-data")),
                             8 * (s1 + 20000 - first))
            self.assertIn(f"from its sample {first} (", meta["global"]["core:description"])
            # A clip's annotation reads back as a label without naming the recording: the
            # .sigmf-meta describes it. Same id, 0.01 s (the margin) into the clip.
            run("labels", self.path(f"clips/unlabeled_{i:04d}.sigmf-meta"), "--out",
                self.path("back.csv"), check=0)
            with open(self.path("back.csv")) as f:
                (back,) = list(csv.DictReader(f))
            self.assertEqual(int(back["id"]), label["id"])
            self.assertAlmostEqual(float(back["t0_s"]), 0.01, places=6)
            self.assertEqual(meta["captures"][0]["core:frequency"], 433.92e6)
            z = np.fromfile(self.path(f"clips/unlabeled_{i:04d}.sigmf-data"), dtype=np.complex64)
            self.assertGreater(np.count_nonzero(z[:19000]) / 19000, 0.99)  # the margin's noise
            self.assertAlmostEqual(len(z) / 2e6, t1 - t0 + 0.02, delta=1e-3)
            spec = np.abs(np.fft.fft(z)) ** 2
            f = np.fft.fftfreq(len(z), 1 / 2e6)
            near = np.abs(f - fu) < 20e3
            # The isolate mask keeps the burst's box: the wideband noise is gone.
            self.assertGreater(spec[near].sum() / spec.sum(), 0.95)
            # The recording as seen from the clip's folder (it was the path as typed).
            self.assertEqual(meta["global"]["specedit:source"],
                             os.path.relpath(self.path("g001_433.92M_2M.cu8"),
                                             self.path("clips")))
            self.assertIn("burst %d of g001_433.92M_2M.cu8, from" % i,
                          meta["global"]["core:description"])
        # The margins hold the band's noise around the burst (they were exact zeros), far
        # below the burst; the clip's own annotation is what features and a second export use.
        run("export-bursts", a, "--out", self.path("raw"), "--margin", 0.01, "--clip-format",
            "cf32", check=0)
        z = np.fromfile(self.path("raw/unlabeled_0001.cf32"), dtype=np.complex64)
        margin, burst = z[:19000], z[20000 + 1000:20000 + 50000]
        self.assertGreater(np.count_nonzero(margin) / len(margin), 0.99)
        self.assertLess(np.mean(np.abs(margin) ** 2), 1e-3 * np.mean(np.abs(burst) ** 2))
        # A class of any script names its clips ("Tür auf" was "T__r_auf"); a '/' cannot.
        with open(a) as f:
            project = json.load(f)
        project["classes"] = [{"name": "Tür auf/zu", "color": "#ff0000"}]
        project["labels"][0]["class"] = "Tür auf/zu"
        with open(self.path("c.specedit.json"), "w", encoding="utf-8") as f:
            json.dump(project, f, ensure_ascii=False)
        run("export-bursts", self.path("c.specedit.json"), "--out", self.path("named"), check=0)
        self.assertIn("Tür_auf_zu_0001.sigmf-meta", os.listdir(self.path("named")))
        # The label's class changes: the earlier clip is said, and removed only with --replace,
        # so that each label has one clip.
        project["labels"][0]["class"] = ""
        with open(self.path("c.specedit.json"), "w", encoding="utf-8") as f:
            json.dump(project, f, ensure_ascii=False)
        proc = run("export-bursts", self.path("c.specedit.json"), "--out", self.path("named"),
                   check=0)
        self.assertIn(self.path("named") + " keeps 1 earlier clip (Tür_auf_zu_0001) of these labels "
                      "under another class; --replace removes them", proc.stderr)
        self.assertIn("Tür_auf_zu_0001.sigmf-data", os.listdir(self.path("named")))
        proc = run("export-bursts", self.path("c.specedit.json"), "--out", self.path("named"),
                   "--replace", check=0)
        self.assertIn("removed 1 earlier clip (Tür_auf_zu_0001)", proc.stdout)
        self.assertEqual(sorted(os.listdir(self.path("named"))),
                         [f"unlabeled_{i:04d}.sigmf-{k}"
                          for i in (1, 2, 3) for k in ("data", "meta")])
        proc = run("features", self.path("clips/unlabeled_0002.sigmf-meta"), "--out",
                   self.path("clip.csv"), check=0)
        self.assertIn(": 1 label from its SigMF annotations", proc.stdout)
        with open(self.path("clip.csv")) as f:
            (row,) = list(csv.DictReader(f))
        self.assertEqual(int(row["id"]), labels[1]["id"])
        self.assertAlmostEqual(float(row["t0_s"]), 0.01, places=6)


@unittest.skipUnless(os.path.isdir(SHARED), "shared real captures not present")
class RealCaptures(CliTest):
    def test_info_and_stft_of_real_captures(self):
        for name, samples in [("urh_elektromaten.cs8", 1236159), ("urh_homematic.cs16", 117396),
                              ("urh_two_participants.cs8", 1096900)]:
            path = os.path.join(SHARED, name)
            info = json.loads(run("info", path, "--rate", 1e6, check=0).stdout)
            self.assertEqual(info["samples"], samples)
            self.assertEqual(info["kind"], "iq")
            run("stft", path, "--rate", 1e6, "--nperseg", 1024, "--out", self.path("z.npy"), check=0)
            z = np.load(self.path("z.npy"))
            self.assertEqual(z.shape[0], 1024)
            self.assertTrue(np.all(np.isfinite(z)))


if __name__ == "__main__":
    CLI = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
