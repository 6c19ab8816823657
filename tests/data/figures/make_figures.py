#!/usr/bin/env python3
"""The figures tests/core/io/FigureAxesTest.cpp reads the axes of, drawn as users draw them
with matplotlib (Debian's python3-matplotlib; not needed to run the tests, only to draw these
again). Each figure's true axes are printed; the test holds them.

    cd tests/data/figures && /usr/bin/python3 make_figures.py [FIGURE]

The PNGs come out the same each time; the JPEG may differ by a few levels between versions of
libjpeg.
"""
import sys

import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def save(fig, ax, name, bar):
    fig.savefig(name, dpi=100)
    print(name, "xlim", ax.get_xlim(), "ylim", ax.get_ylim(), "clim", bar.mappable.get_clim())
    plt.close(fig)

def chirp():
    """Speech-like: seconds and hertz, viridis, -100..-20 dB."""
    t = np.arange(0, 4.6, 128 / 22050)
    f = np.arange(257) * 22050 / 512
    db = -70 + 8 * np.sin(f[:, None] / 700) * np.cos(3 * t[None, :])
    db[np.abs(f[:, None] - (500 + 1600 * t[None, :])) < 100] = -25
    fig, ax = plt.subplots(figsize=(8, 4))
    mesh = ax.pcolormesh(t, f, db, vmin=-100, vmax=-20, cmap="viridis", shading="nearest")
    ax.set_xlabel("Time [s]")
    ax.set_ylabel("Frequency [Hz]")
    ax.set_title("STFT magnitude")
    save(fig, ax, "chirp_viridis.png", fig.colorbar(mesh, ax=ax, label="dB"))

def iq():
    """An SDR capture: milliseconds and megahertz either side of the centre, magma."""
    t = np.arange(0, 50, 0.25)
    f = np.linspace(-1, 1, 256)
    db = -80 + 6 * np.sin(9 * f[:, None]) * np.cos(t[None, :] / 4)
    db[(np.abs(f[:, None] - 0.3) < 0.05) & (t[None, :] > 10) & (t[None, :] < 30)] = -15
    fig, ax = plt.subplots(figsize=(7, 4))
    mesh = ax.pcolormesh(t, f, db, vmin=-90, vmax=-10, cmap="magma", shading="nearest")
    ax.set_xlabel("Time (ms)")
    ax.set_ylabel("Frequency (MHz)")
    save(fig, ax, "iq_magma_mhz.png", fig.colorbar(mesh, ax=ax))

def log_axis():
    """A logarithmic frequency axis (labels 10^2, 10^3, 10^4): not read."""
    t = np.arange(0, 3, 0.02)
    f = np.geomspace(50, 11025, 200)
    db = -60 + 8 * np.sin(f[:, None] / 500) * np.cos(2 * t[None, :])
    fig, ax = plt.subplots(figsize=(8, 4))
    mesh = ax.pcolormesh(t, f, db, vmin=-100, vmax=-20, cmap="viridis", shading="nearest")
    ax.set_yscale("log")
    ax.set_xlabel("Time [s]")
    ax.set_ylabel("Frequency [Hz]")
    save(fig, ax, "log_axis.png", fig.colorbar(mesh, ax=ax))

def ggplot_jpeg():
    """ggplot's style as JPEG: gray labels, tick marks beside a frame that cannot be seen."""
    t = np.arange(0, 4.6, 128 / 22050)
    f = np.arange(257) * 22050 / 512
    db = -70 + 8 * np.sin(f[:, None] / 700) * np.cos(3 * t[None, :])
    with plt.style.context("ggplot"):
        fig, ax = plt.subplots(figsize=(8, 4))
        mesh = ax.pcolormesh(t, f, db, vmin=-100, vmax=-20, cmap="viridis", shading="nearest")
        ax.set_xlabel("Time [s]")
        ax.set_ylabel("Frequency [Hz]")
        bar = fig.colorbar(mesh, ax=ax, label="dB")
        fig.savefig("ggplot.jpg", dpi=100)
        print("ggplot.jpg xlim", ax.get_xlim(), "ylim", ax.get_ylim(), "clim",
              bar.mappable.get_clim())
        plt.close(fig)


def multipliers():
    """Seconds and hertz as matplotlib prints them beyond 1e6 and below 1e-4: labels 0 .. 5
    under "1e-5" at the time axis' right end, -1.00 .. 1.00 under "1e6" over the frequency
    axis."""
    t = np.arange(0, 5e-5, 2.5e-7)
    f = np.linspace(-1e6, 1e6, 256)
    db = -80 + 6 * np.sin(9e-6 * f[:, None]) * np.cos(4e4 * t[None, :])
    fig, ax = plt.subplots(figsize=(7, 4))
    mesh = ax.pcolormesh(t, f, db, vmin=-90, vmax=-10, cmap="magma", shading="nearest")
    ax.set_xlabel("Time [s]")
    ax.set_ylabel("Frequency [Hz]")
    save(fig, ax, "multipliers.png", fig.colorbar(mesh, ax=ax))


def dark_magma():
    """matplotlib's dark_background style with magma: the black margins are magma's quietest
    colour, the frame and labels white; a time axis titled without a unit, kHz on the other."""
    t = np.arange(0, 4.6, 128 / 22050)
    f = np.arange(257) * 22.05 / 512
    db = -70 + 8 * np.sin(f[:, None] / 0.7) * np.cos(3 * t[None, :])
    db[np.abs(f[:, None] - (0.5 + 1.6 * t[None, :])) < 0.1] = -25
    with plt.style.context("dark_background"):
        fig, ax = plt.subplots(figsize=(8, 4))
        mesh = ax.pcolormesh(t, f, db, vmin=-100, vmax=-20, cmap="magma", shading="nearest")
        ax.set_xlabel("Time")
        ax.set_ylabel("Frequency [kHz]")
        save(fig, ax, "dark_magma.png", fig.colorbar(mesh, ax=ax, label="dB"))


def eng_labels():
    """Labels that print their units (matplotlib's EngFormatter, as SpecEdit's own axes do):
    "-400 kHz" .. "400 kHz" with "0 Hz" among them, "0 s", "20 ms", ...; inferno."""
    from matplotlib.ticker import EngFormatter
    t = np.arange(0, 0.1174, 0.5e-3)
    f = np.linspace(-500e3, 500e3, 128)
    db = -80 + 6 * np.sin(2e-5 * f[:, None]) * np.cos(60 * t[None, :])
    db[(np.abs(f[:, None]) < 20e3) & (t[None, :] > 0.02) & (t[None, :] < 0.04)] = -30
    fig, ax = plt.subplots(figsize=(7, 4))
    mesh = ax.pcolormesh(t, f, db, vmin=-100, vmax=-20, cmap="inferno", shading="nearest")
    ax.xaxis.set_major_formatter(EngFormatter(unit="s"))
    ax.yaxis.set_major_formatter(EngFormatter(unit="Hz"))
    ax.set_xlabel("Time")
    ax.set_ylabel("Frequency")
    save(fig, ax, "eng_labels.png", fig.colorbar(mesh, ax=ax))

def waveform_below():
    """A spectrogram over its waveform, the time axis shared (sharex, as librosa's examples
    draw them): the time labels only under the waveform, whose axes are wider (the colour bar
    takes its room from the spectrogram's alone); viridis, -100..-20 dB."""
    fs = 8000
    t = np.arange(0, 2.5, 64 / fs)
    f = np.arange(129) * fs / 256
    db = -75 + 8 * np.sin(f[:, None] / 400) * np.cos(4 * t[None, :])
    db[(np.abs(f[:, None] - 1000) < 60) & (t[None, :] > 0.5) & (t[None, :] < 1.5)] = -25
    fig, (ax, wave) = plt.subplots(2, 1, sharex=True, figsize=(8, 5),
                                   gridspec_kw={"height_ratios": [3, 1]})
    mesh = ax.pcolormesh(t, f, db, vmin=-100, vmax=-20, cmap="viridis", shading="nearest")
    ax.set_ylabel("Frequency [Hz]")
    ts = np.arange(0, 2.5, 1 / fs)
    wave.plot(ts, np.where((ts > 0.5) & (ts < 1.5), 0.8, 0.05) * np.sin(2 * np.pi * 1000 * ts),
              lw=0.5)
    wave.set_xlabel("Time [s]")
    save(fig, ax, "waveform_below.png", fig.colorbar(mesh, ax=ax))


def specgram():
    """matplotlib's own specgram (its image spans 0 to fs/2 exactly; viridis, the default map), a chirp
    and a tone at 8 kHz, NFFT 256, noverlap 192, with a colour bar."""
    fs = 8000
    t = np.arange(0, 2, 1 / fs)
    x = np.sin(2 * np.pi * (300 * t + 400 * t ** 2)) + 0.3 * np.sin(2 * np.pi * 1200 * t)
    x += 1e-3 * np.random.default_rng(5).standard_normal(t.size)
    fig, ax = plt.subplots(figsize=(8, 4))
    _, _, _, im = ax.specgram(x, NFFT=256, Fs=fs, noverlap=192)
    ax.set_xlabel("Time (s)")
    ax.set_ylabel("Hz")
    save(fig, ax, "specgram.png", fig.colorbar(im, label="dB"))


if __name__ == "__main__" and len(sys.argv) > 1:  # one figure: make_figures.py dark_magma
    globals()[sys.argv[1]]()
    sys.exit()
chirp()
iq()
multipliers()
dark_magma()
eng_labels()
waveform_below()
specgram()
log_axis()
ggplot_jpeg()
