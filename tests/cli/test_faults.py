"""Faults during export (specedit-cli apply, the same core path as the editor's export): a full
disk, a file-size limit, a read-only folder, a missing folder, the source deleted or truncated
while it is read, and cancel at random moments. Each ends with a clear error (or, where the
data is still there, a complete output), the source untouched, no partial or temporary file
left, and an earlier output of the same name intact.

Usage: python3 test_faults.py PATH/TO/specedit-cli [TestClass]
The full-disk and read-only cases mount a small tmpfs when run as root (as CI does); without
the right to mount, the read-only case uses a folder without write permission and the
full-disk case is skipped (the file-size limit case still runs).
"""
import hashlib
import os
import random
import resource
import signal
import subprocess
import sys
import time
import unittest

import test_cli
from test_cli import CliTest, run

EARLIER = b"an earlier export the user keeps\n" * 1000


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class ExportFaults(CliTest):
    def setUp(self):
        super().setUp()
        run("demo", "--out", self.dir, "--iq-seconds", 2, check=0)
        self.project = self.path("demo_iq.specedit.json")
        self.source = self.path("SDRuno_20261121_120000Z_433920kHz.wav")
        self.source_digest = digest(self.source)
        self.mounts = []

    def tearDown(self):
        for m in reversed(self.mounts):
            subprocess.run(["umount", m], capture_output=True)
        super().tearDown()

    def mount_tmpfs(self, name, options):
        """A tmpfs at self.path(name), or None without the right to mount."""
        target = self.path(name)
        os.makedirs(target, exist_ok=True)
        if os.geteuid() != 0:
            return None
        proc = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", target],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            return None
        self.mounts.append(target)
        return target

    def export(self, out, **popen):
        return subprocess.run([test_cli.CLI, "apply", self.project, "--out", out], text=True,
                              capture_output=True, **popen)

    def assert_nothing_lost(self, folder, earlier=None):
        """The source as it was; in `folder` only the earlier output, byte for byte."""
        self.assertEqual(digest(self.source), self.source_digest)
        left = sorted(os.listdir(folder))
        self.assertEqual(left, [os.path.basename(earlier)] if earlier else [], left)
        if earlier:
            with open(earlier, "rb") as f:
                self.assertEqual(f.read(), EARLIER)

    def write_earlier(self, folder):
        earlier = os.path.join(folder, "clean.wav")
        with open(earlier, "wb") as f:
            f.write(EARLIER)
        return earlier

    def assert_clear_error(self, proc, *words):
        if os.environ.get("SPECEDIT_SHOW_ERRORS"):
            print("\n    " + proc.stderr.strip(), file=sys.stderr)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        for w in words:
            self.assertIn(w, proc.stderr)

    def test_full_disk(self):
        folder = self.mount_tmpfs("small", "size=1m")
        if folder is None:
            self.skipTest("no right to mount a tmpfs here (the file-size limit case still runs)")
        earlier = self.write_earlier(folder)
        proc = self.export(earlier)
        self.assert_clear_error(proc, earlier, "No space left on device")
        self.assert_nothing_lost(folder, earlier)

    def test_file_size_limit(self):
        folder = self.path("limited")
        os.makedirs(folder)
        earlier = self.write_earlier(folder)

        def limit():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a kill
            resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))

        proc = self.export(earlier, preexec_fn=limit)
        self.assert_clear_error(proc, earlier, "File too large")
        self.assert_nothing_lost(folder, earlier)

    def test_read_only_folder(self):
        folder = self.mount_tmpfs("ro", "ro,size=1m")
        if folder is None:
            folder = self.path("ro")
            os.chmod(folder, 0o555)
            if os.access(folder, os.W_OK):
                self.skipTest("cannot make a folder this user cannot write")
        out = os.path.join(folder, "clean.wav")
        proc = self.export(out)
        self.assert_clear_error(proc, out, "cannot create a file in its folder")
        self.assert_nothing_lost(folder)

    def test_missing_folder(self):
        out = self.path("no/such/folder/clean.wav")
        proc = self.export(out)
        self.assert_clear_error(proc, out, "its folder", "does not exist")
        self.assertFalse(os.path.exists(self.path("no")))
        self.assertEqual(digest(self.source), self.source_digest)

    def slow_export(self, out):
        """A 30 s recording exported on one thread: long enough to interfere with."""
        run("demo", "--out", self.dir, "--iq-seconds", 30, check=0)
        self.source_digest = digest(self.source)
        return subprocess.Popen([test_cli.CLI, "apply", self.project, "--out", out,
                                 "--threads", "1"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    def test_source_deleted_while_read_still_exports_everything(self):
        # On POSIX an open file outlives its name: the export reads on and completes.
        folder = self.path("out")
        os.makedirs(folder)
        out = os.path.join(folder, "clean.wav")
        proc = self.slow_export(out)
        time.sleep(0.5)
        size = os.path.getsize(self.source)
        os.remove(self.source)
        _, err = proc.communicate(timeout=300)
        self.assertEqual(proc.returncode, 0, err)
        self.assertEqual(os.path.getsize(out), size)
        self.assertEqual(os.listdir(folder), ["clean.wav"])

    def test_source_truncated_while_read(self):
        folder = self.path("out")
        os.makedirs(folder)
        earlier = self.write_earlier(folder)
        proc = self.slow_export(earlier)
        time.sleep(0.5)
        with open(self.source, "r+b") as f:
            f.truncate(os.path.getsize(self.source) // 2)
        _, err = proc.communicate(timeout=300)
        self.assertEqual(proc.returncode, 1, err)
        self.assertIn(self.source, err)
        self.assertIn("cut short", err)
        left = sorted(os.listdir(folder))
        self.assertEqual(left, ["clean.wav"])
        with open(earlier, "rb") as f:
            self.assertEqual(f.read(), EARLIER)

    def test_cancel_at_random_moments(self):
        run("demo", "--out", self.dir, "--iq-seconds", 30, check=0)
        self.source_digest = digest(self.source)
        folder = self.path("out")
        os.makedirs(folder)
        earlier = self.write_earlier(folder)
        rng = random.Random(9)
        cancelled = 0
        for attempt in range(6):
            delay = rng.uniform(0.02, 1.5)
            with self.subTest(delay=delay):
                proc = subprocess.Popen([test_cli.CLI, "apply", self.project, "--out", earlier],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True)
                time.sleep(delay)
                proc.send_signal(signal.SIGINT)
                _, err = proc.communicate(timeout=120)
                proc = subprocess.CompletedProcess(proc.args, proc.returncode, "", err)
                if proc.returncode == -signal.SIGINT:
                    # Interrupted before the program had set up its handler (its first
                    # milliseconds): killed by the signal before writing anything.
                    self.assert_nothing_lost(folder, earlier)
                    continue
                if proc.returncode == 0:  # finished first: a whole new export
                    self.assertGreater(os.path.getsize(earlier), len(EARLIER))
                    with open(earlier, "wb") as f:
                        f.write(EARLIER)
                    continue
                self.assert_clear_error(proc, "cancelled")
                self.assert_nothing_lost(folder, earlier)
                cancelled += 1
        self.assertGreater(cancelled, 0)


if __name__ == "__main__":
    test_cli.CLI = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
