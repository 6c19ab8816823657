"""Limits of specedit-cli, each either working or refused with a clear message, never a crash
or a hang: recordings of 0, 1 and 2 samples; window lengths from 1 to 2^21 and a hop of one
sample; an FFT size of 2^22; headers that claim terabytes; a project with 100,000 shapes;
memory that does not grow with the recording's length (bench/long_recording.py runs 10 minutes
at 2 MS/s).

Usage: python3 test_limits.py PATH/TO/specedit-cli [TestClass]
"""
import csv
import json
import os
import struct
import subprocess
import sys
import tempfile
import time
import unittest

import numpy as np
import scipy.io.wavfile

import test_cli
from test_cli import CliTest, run


class TinyRecordings(CliTest):
    def test_zero_one_and_two_samples(self):
        for n in (0, 1, 2):
            scipy.io.wavfile.write(self.path("a.wav"), 8000, np.full(n, 1000, dtype=np.int16))
            np.full(n, 0.5 + 0.25j, dtype=np.complex64).tofile(self.path("i.cf32"))
            for rec in (["a.wav"], ["i.cf32", "--rate", "2e6"]):
                with self.subTest(n=n, recording=rec[0]):
                    args = [self.path(rec[0])] + rec[1:]
                    info = run("info", *args)
                    stft = run("stft", *args, "--out", self.path("z.npy"))
                    detect = run("detect", *args, "--out", self.path("l.csv"))
                    if n == 0:  # refused, naming the file and saying why
                        for proc in (info, stft, detect):
                            self.assertEqual(proc.returncode, 1, proc.stderr)
                            self.assertIn(rec[0], proc.stderr)
                            self.assertTrue("no samples" in proc.stderr or
                                            "is empty" in proc.stderr, proc.stderr)
                        continue
                    for proc in (info, stft, detect):
                        self.assertEqual(proc.returncode, 0, proc.stderr)
                    self.assertEqual(json.loads(info.stdout)["samples"], n)
                    z = np.load(self.path("z.npy"))
                    self.assertGreaterEqual(z.shape[1], 1)
                    self.assertIn("0 bursts", detect.stdout)


class WindowLimits(CliTest):
    def setUp(self):
        super().setUp()
        self.x = np.sin(0.1 * np.arange(20000)).astype(np.float32)
        np.save(self.path("x.npy"), self.x)

    def stft(self, *args):
        return run("stft", self.path("x.npy"), "--out", self.path("z.npy"), *args)

    def test_lengths_from_one_to_two_million_and_a_hop_of_one(self):
        for nperseg, noverlap, bins in [(1, 0, 1), (2, 1, 2), (256, 255, 129),
                                        (1 << 20, None, (1 << 19) + 1),
                                        (1 << 21, None, (1 << 20) + 1)]:
            with self.subTest(nperseg=nperseg, noverlap=noverlap):
                extra = [] if noverlap is None else ["--noverlap", noverlap]
                proc = self.stft("--nperseg", nperseg, *extra)
                self.assertEqual(proc.returncode, 0, proc.stderr)
                self.assertEqual(np.load(self.path("z.npy"), mmap_mode="r").shape[0], bins)

    def test_an_fft_of_four_million_points(self):
        start = time.monotonic()
        proc = self.stft("--nperseg", 4096, "--nfft", 1 << 22)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        z = np.load(self.path("z.npy"), mmap_mode="r")
        self.assertEqual(z.shape[0], (1 << 21) + 1)
        print(f"\n    nfft 2^22: {z.shape[1]} frames in {time.monotonic() - start:.1f} s",
              file=sys.stderr)

    def test_impossible_windows_are_explained(self):
        proc = self.stft("--nperseg", 2, "--noverlap", 0)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("NOLA", proc.stderr)
        proc = self.stft("--nperseg", 0)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("--nperseg", proc.stderr)


class HeadersThatClaimTerabytes(CliTest):
    def fmt(self):
        return b"fmt " + struct.pack("<IHHIIHH", 16, 1, 2, 2000000, 8000000, 4, 16)

    def check_refused(self, name, data, *words):
        with open(self.path(name), "wb") as f:
            f.write(data)
        for command in (["info"], ["stft", "--out", self.path("z.npy")]):
            proc = run(command[0], self.path(name), *command[1:])
            self.assertEqual(proc.returncode, 1, proc.stderr)
            self.assertIn(name, proc.stderr)
            for w in words:
                self.assertIn(w, proc.stderr)

    def test_wav_rf64_and_npy(self):
        self.check_refused("big.wav", b"RIFF" + struct.pack("<I", 0xFFFFFFFF) + b"WAVE" +
                           self.fmt() + b"data" + struct.pack("<I", 0xFFFFFFFF) + bytes(100),
                           "4294967295 bytes", "past the end of the file")
        # An RF64 whose ds64 claims 1 TiB of data in 100 bytes: read as a truncated recording,
        # the 25 samples that are there, and said.
        ds64 = struct.pack("<QQQI", 1 << 40, 1 << 40, 1 << 38, 0)
        with open(self.path("big.rf64"), "wb") as f:
            f.write(b"RF64" + struct.pack("<I", 0xFFFFFFFF) + b"WAVE" + b"ds64" +
                    struct.pack("<I", len(ds64)) + ds64 + self.fmt() + b"data" +
                    struct.pack("<I", 0xFFFFFFFF) + bytes(100))
        proc = run("info", self.path("big.rf64"))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(json.loads(proc.stdout)["samples"], 25)
        self.assertIn("truncated: the file holds 0.013 ms of the 137438.953 s its header "
                      "declares (100 of 1099511627776 data bytes)", proc.stderr)
        header = "{'descr': '<c8', 'fortran_order': False, 'shape': (1099511627776,), }"
        header = header.ljust(117) + "\n"
        with open(self.path("big.npy"), "wb") as f:
            f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() +
                    bytes(64))
        proc = run("stft", self.path("big.npy"), "--out", self.path("z.npy"))
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("its shape needs 8796093022208", proc.stderr)


class ManyShapes(CliTest):
    def test_a_project_of_a_hundred_thousand_shapes_applies(self):
        fs = 8000
        x = (np.random.default_rng(1).standard_normal(fs * 60) * 3000).astype(np.int16)
        scipy.io.wavfile.write(self.path("long.wav"), fs, x)
        shapes = [{"type": "rect", "t0": i * 0.0005, "t1": i * 0.0005 + 0.01, "f0": 100 + i % 3000,
                   "f1": 200 + i % 3000, "gain_db": -6} for i in range(100000)]
        with open(self.path("many.specedit.json"), "w") as f:
            json.dump({"version": 1, "source": "long.wav", "shapes": shapes,
                       "analysis": {"window": "hann", "nperseg": 512, "noverlap": 384}}, f)
        start = time.monotonic()
        proc = run("apply", self.path("many.specedit.json"), "--out", self.path("out.wav"))
        seconds = time.monotonic() - start
        self.assertEqual(proc.returncode, 0, proc.stderr)
        _, y = scipy.io.wavfile.read(self.path("out.wav"))
        self.assertEqual(len(y), len(x))
        print(f"\n    100,000 shapes on 60 s of 8 kHz audio: applied in {seconds:.1f} s",
              file=sys.stderr)


def peak_mb(args):
    """Runs specedit-cli with args; returns (exit code, stderr, peak resident set in MB), the
    peak read from /proc every 10 ms (a child's rusage would count this Python's memory)."""
    # Under AddressSanitizer freed memory waits in a quarantine (256 MB by default) that grows
    # with the number of frees, not with what the program keeps: keep it small here.
    env = dict(os.environ)
    env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":quarantine_size_mb=8"
    with open(os.devnull, "w") as null, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([test_cli.CLI, *map(str, args)], stdout=null, stderr=err,
                                env=env)
        peak = 0.0
        while proc.poll() is None:
            try:
                with open(f"/proc/{proc.pid}/status") as f:
                    for line in f:
                        if line.startswith("VmHWM:"):
                            peak = max(peak, int(line.split()[1]) / 1024.0)
            except OSError:
                pass
            time.sleep(0.01)
        err.seek(0)
        return proc.returncode, err.read(), peak


class FlatMemory(CliTest):
    """Detecting and exporting stream the recording: 2 MS/s IQ of 4 s and of 32 s (8 times
    the samples, 128 MB of cu8, 512 MB as complex floats) need the same memory, within 64 MB
    (allocator noise; under ASan 645 and 697 MB before its quarantine was made small)."""

    def write(self, name, seconds):
        rng = np.random.default_rng(5)
        with open(self.path(name), "wb") as f:
            for k in range(seconds):
                iq = rng.normal(127.5, 8, 4_000_000)
                t = np.arange(2_000_000) / 2e6
                on = (t % 0.5) < 0.02  # a 20 ms burst every 0.5 s at +300 kHz
                iq[0::2] += on * 40 * np.cos(2 * np.pi * 3e5 * t)
                iq[1::2] += on * 40 * np.sin(2 * np.pi * 3e5 * t)
                np.clip(np.round(iq), 0, 255).astype(np.uint8).tofile(f)
        with open(self.path(name + ".specedit.json"), "w") as f:
            json.dump({"version": 1, "source": name,
                       "source_options": {"rate": 2000000, "format": "cu8"},
                       "shapes": [{"type": "rect", "t0": 0.5, "t1": 1.5, "f0": 2e5, "f1": 4e5,
                                   "gain_db": None}],
                       "analysis": {"window": "hann", "nperseg": 4096, "noverlap": 3072}}, f)

    def test_detect_and_apply_need_no_more_memory_for_a_longer_recording(self):
        self.write("short.cu8", 4)
        self.write("long.cu8", 32)
        peaks = {}
        for name in ("short.cu8", "long.cu8"):
            for command in (["detect", self.path(name), "--rate", "2e6", "--format", "cu8",
                             "--out", self.path(name + ".csv")],
                            ["apply", self.path(name + ".specedit.json"),
                             "--out", self.path(name + ".out.cf32")]):
                code, err, peak = peak_mb(command)
                self.assertEqual(code, 0, err)
                peaks[(name, command[0])] = peak
        for command in ("detect", "apply"):
            short, long = peaks[("short.cu8", command)], peaks[("long.cu8", command)]
            print(f"\n    {command}: peak {short:.0f} MB for 4 s, {long:.0f} MB for 32 s",
                  file=sys.stderr)
            # Keeping the recording, even as 8-bit samples, would add 112 MB.
            self.assertLess(long, short + 64, command)
        self.assertEqual(os.path.getsize(self.path("long.cu8.out.cf32")), 32 * 2_000_000 * 8)
        with open(self.path("long.cu8.csv")) as f:
            found = [(float(r["t0_s"]), float(r["t1_s"])) for r in csv.DictReader(f)]
        for k in range(64):  # every burst found
            self.assertTrue(any(t0 < 0.5 * k + 0.02 and t1 > 0.5 * k for t0, t1 in found), k)


if __name__ == "__main__":
    test_cli.CLI = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
