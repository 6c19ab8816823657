#!/usr/bin/env python3
"""Writes resources/colormaps/<name>.csv from matplotlib's published tables.

The tables are data, not code: viridis, magma, inferno and plasma by Nathaniel J. Smith and
Stefan van der Walt (CC0), cividis by Jamie R. Nunez, Christopher R. Anderton and Ryan S.
Renslow (PLoS ONE 13(7), 2018; CC0 in matplotlib), turbo by Anton Mikhailov (Google, Apache
2.0). Each file holds 256 rows "r g b" in [0, 1] as published. Run once when a map is added:
  apt-get install python3-matplotlib && python3 scripts/colormap-tables.py
"""
import pathlib

from matplotlib import _cm_listed

OUT = pathlib.Path(__file__).resolve().parent.parent / "resources" / "colormaps"
SOURCES = {
    "inferno": "Smith and van der Walt, matplotlib (CC0)",
    "magma": "Smith and van der Walt, matplotlib (CC0)",
    "viridis": "Smith and van der Walt, matplotlib (CC0)",
    "plasma": "Smith and van der Walt, matplotlib (CC0)",
    "cividis": "Nunez, Anderton and Renslow, PLoS ONE 13(7) e0199239, 2018 (CC0)",
    "turbo": "Mikhailov, Google AI blog 2019 (Apache 2.0)",
}

OUT.mkdir(parents=True, exist_ok=True)
for name, source in SOURCES.items():
    rows = getattr(_cm_listed, f"_{name}_data")
    assert len(rows) == 256, name
    lines = [f"# {name}: 256 RGB rows in [0, 1], {source}"]
    lines += [" ".join(repr(float(v)) for v in row) for row in rows]
    (OUT / f"{name}.csv").write_text("\n".join(lines) + "\n")
    print(OUT / f"{name}.csv")
