"""Limits of specedit-cli, each either working or refused with a clear message, never a crash
or a hang: recordings of 0, 1 and 2 samples; window lengths from 1 to 2^21 and a hop of one
sample; an FFT size of 2^22; headers that claim terabytes; a project with 100,000 shapes.

Usage: python3 test_limits.py PATH/TO/specedit-cli [TestClass]
"""
import json
import os
import struct
import sys
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
        ds64 = struct.pack("<QQQI", 1 << 40, 1 << 40, 1 << 38, 0)
        self.check_refused("big.rf64", b"RF64" + struct.pack("<I", 0xFFFFFFFF) + b"WAVE" +
                           b"ds64" + struct.pack("<I", len(ds64)) + ds64 + self.fmt() +
                           b"data" + struct.pack("<I", 0xFFFFFFFF) + bytes(100),
                           "1099511627776 bytes", "truncated")
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


if __name__ == "__main__":
    test_cli.CLI = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
