#!/usr/bin/env python3
"""How well a figure's axes are read from its printed tick labels, across matplotlib's styles.

One spectrogram (a chirp over a smooth floor, 4.6 s, 22.05 kHz, -100 .. -20 dB) is drawn with
pcolormesh and a colour bar in matplotlib's default style and others (dark_background,
ggplot, seaborn, grid lines, a horizontal colour bar, 72 to 300 dpi, serif and 7- or 14-point
labels, JPEG), 8 x 4 inches. Each goes to `specedit-cli rebuild` without --image-time,
--image-freq or --image-db (one iteration: only the reading matters here); the ranges it
prints as read are compared with matplotlib's own limits, in pixels of the saved picture (the
levels in dB), and the seconds the CLI took are shown.

Dependencies: python3-matplotlib (not needed by the tests).
Run (about 30 s):
    /usr/bin/python3 bench/figure_axes.py build/app/specedit-cli
"""
import os
import re
import subprocess
import sys
import tempfile
import time

import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

T = np.arange(0, 4.6, 128 / 22050)
F = np.arange(257) * 22050 / 512
DB = -70 + 8 * np.sin(F[:, None] / 700) * np.cos(3 * T[None, :])
DB[np.abs(F[:, None] - (500 + 1600 * T[None, :])) < 100] = -25

CASES = [  # name, style, dpi, extension, bar orientation, colour map, grid, font, size
    ("default", None, 100, "png", "vertical", "viridis", False, None, None),
    ("dark_background", "dark_background", 100, "png", "vertical", "viridis", False, None, None),
    ("dark, magma", "dark_background", 100, "png", "vertical", "magma", False, None, None),
    ("dark, magma JPEG", "dark_background", 100, "jpg", "vertical", "magma", False, None, None),
    ("dark, gray", "dark_background", 100, "png", "vertical", "gray", False, None, None),
    ("classic", "classic", 100, "png", "vertical", "viridis", False, None, None),
    ("ggplot", "ggplot", 100, "png", "vertical", "viridis", False, None, None),
    ("ggplot JPEG", "ggplot", 100, "jpg", "vertical", "viridis", False, None, None),
    ("seaborn", "seaborn-v0_8", 100, "png", "vertical", "viridis", False, None, None),
    ("grid", None, 100, "png", "vertical", "viridis", True, None, None),
    ("horizontal bar", None, 100, "png", "horizontal", "viridis", False, None, None),
    ("72 dpi", None, 72, "png", "vertical", "viridis", False, None, None),
    ("150 dpi", None, 150, "png", "vertical", "viridis", False, None, None),
    ("300 dpi", None, 300, "png", "vertical", "viridis", False, None, None),
    ("JPEG", None, 100, "jpg", "vertical", "viridis", False, None, None),
    ("serif", None, 100, "png", "vertical", "viridis", False, "serif", None),
    ("7-point labels", None, 100, "png", "vertical", "viridis", False, None, 7),
    ("14-point labels", None, 100, "png", "vertical", "viridis", False, None, 14),
    ("magma", None, 100, "png", "vertical", "magma", False, None, None),
    ("jet", None, 100, "png", "vertical", "jet", False, None, None),
]


def draw(path, style, dpi, orientation, cmap, grid, font, size):
    with plt.style.context(style or "default"):
        if font:
            plt.rcParams["font.family"] = font
        if size:
            plt.rcParams["font.size"] = size
        fig, ax = plt.subplots(figsize=(8, 4))
        mesh = ax.pcolormesh(T, F, DB, vmin=-100, vmax=-20, cmap=cmap, shading="nearest")
        ax.set_xlabel("Time [s]")
        ax.set_ylabel("Frequency [Hz]")
        if grid:
            ax.grid(True)
        fig.colorbar(mesh, ax=ax, orientation=orientation, label="dB")
        fig.savefig(path, dpi=dpi)
        box = ax.get_window_extent()  # at the figure's own dpi (100)
        limits = (ax.get_xlim(), ax.get_ylim(), box.width * dpi / fig.dpi,
                  box.height * dpi / fig.dpi)
        plt.close(fig)
    return limits


NUMBER = r"(-?[0-9.]+)"
READ = {name: re.compile(rf"{name} {NUMBER} to {NUMBER} (\w+)")
        for name in ("time", "frequency", "levels")}


def main():
    cli = sys.argv[1]
    print(f"{'figure':18s} {'time px':>8s} {'freq px':>8s} {'levels dB':>9s} {'s':>5s}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, style, dpi, ext, orientation, cmap, grid, font, size in CASES:
            path = os.path.join(tmp, f"figure.{ext}")
            (t0, t1), (f0, f1), width, height = draw(path, style, dpi, orientation, cmap, grid,
                                                     font, size)
            start = time.time()
            proc = subprocess.run([cli, "rebuild", path, "--iterations", "1", "--out",
                                   os.path.join(tmp, "y.npy")], capture_output=True, text=True)
            seconds = time.time() - start
            said = proc.stdout + proc.stderr
            cells = []
            for key, (lo, hi), per in (("time", (t0, t1), width / (t1 - t0)),
                                       ("frequency", (f0, f1), height / (f1 - f0)),
                                       ("levels", (-100, -20), 1.0)):
                m = READ[key].search(said)
                if not m:
                    cells.append("   -")
                    continue
                scale = {"ms": 1e-3, "kHz": 1e3, "MHz": 1e6}.get(m.group(3), 1)
                a, b = float(m.group(1)) * scale, float(m.group(2)) * scale
                cells.append(f"{max(abs(a - lo), abs(b - hi)) * per:.2f}")
            print(f"{name:18s} {cells[0]:>8s} {cells[1]:>8s} {cells[2]:>9s} {seconds:5.1f}")
    print("(the largest error of either end; '-' not read: its reason is in the CLI's output)")


if __name__ == "__main__":
    main()
