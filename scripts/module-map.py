#!/usr/bin/env python3
"""Prints SpecEdit's module map as Markdown, from the code: one row per folder (its headers,
and what the folder is for), then one row per header with the first sentence of the comment
that opens it. The design page's section 3 is the folder table; docs/MODULES.md is the whole
output. A folder not described below, or a described one that is gone, is an error (exit 1):
the map cannot drift from the tree unnoticed.

    scripts/module-map.py > docs/MODULES.md
    scripts/module-map.py --check docs/MODULES.md   (a test: fails when the file is stale)
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Folder -> what it is for, in dependency order (core's order is core/CMakeLists.txt's).
FOLDERS = {
    "core/util": "progress and cancel; an owned thread pool; typed errors; JSON from outside; "
                 "unit wrappers",
    "core/io": "random-access reads of every recording kind into caller-owned buffers; "
               "recognising IQ and its metadata (and where each value came from); npy, "
               "matrices, pictures; atomic writes",
    "core/dsp": "windows; FFTW plans made once; validated analysis parameters (NOLA); frames "
                "on demand; IQ demodulation; linear prediction",
    "core/mask": "vector shapes in physical units; rasterising them on any STFT grid with "
                 "feathering; cutting shapes; the magic wand",
    "core/project": "the document's data; versioned JSON that keeps unknown keys and relative "
                    "paths",
    "core/label": "time-frequency labels with classes; SigMF, Audacity, Raven, CSV and JSON "
                  "label files",
    "core/detect": "burst detection: STFT power in blocks, per-bin noise floor, hysteresis "
                   "regions streamed frame by frame, merging boxes and their bands",
    "core/features": "per-label features from the label's band (durations, bandwidth, "
                     "spectrum, MFCC, scattering, symbol rate); datasets and patches",
    "core/phase": "phase retrieval (PGHI, Griffin-Lim, fast Griffin-Lim, RAAR, L-BFGS) in "
                  "blocks; STFT data made elsewhere; guessing how it was made",
    "core/effect": "what a shape does inside it besides a gain: replace (fill from the "
                   "surroundings), denoise",
    "core/render": "float-dB data tiles per (parameters, level, index), their cache and "
                   "traces",
    "core/apply": "STFT, mask, ISTFT, writer in blocks on all cores (the recording continued "
                  "past its ends); consistent resynthesis; rebuilding from magnitudes; the "
                  "bundled demo",
    "ui": "the Document (project, undo stack, autosave); the window's wiring; panels, "
          "fields, menus and dialogs; running jobs",
    "ui/commands": "undo commands with value snapshots, merging and no-op detection",
    "ui/render": "visible range to tile requests, centre first; colour tables",
    "ui/view": "the QCustomPlot picture: spectrogram, overlays, labels, axes, trace lane, "
               "overview strip, navigation",
    "ui/tools": "mouse tools as small press/drag/release state machines; editing a shape "
                "by its edges",
    "ui/audio": "playback through Qt Multimedia, A/B of the edit, IQ listening "
                "(band, demodulation)",
    "ui/labels": "labelling: the table, the class bar, detection, import and export",
    "ui/rebuild": "File > Rebuild from spectrogram: the form, the guessed readings, the "
                  "preview",
    "app": "two thin entry points: the editor and specedit-cli",
    "app/cli": "one file per CLI command, and what they share",
}


def first_sentence(header):
    lines = []
    for line in header.read_text(encoding="utf-8").splitlines():
        if line.startswith("#pragma"):
            continue
        if not line.startswith("//"):
            break
        lines.append(line[2:].strip())
    text = " ".join(lines)
    match = re.match(r"(.+?[.:;])(\s|$)", text)
    return (match.group(1) if match else text).rstrip(":;") or "(no opening comment)"


def module_map():
    out = ["# SpecEdit's modules", "",
           "Made by `scripts/module-map.py > docs/MODULES.md` from the headers; the first table "
           "is section 3 of the design page.", ""]
    found = sorted({h.parent.relative_to(ROOT).as_posix()
                    for top in ("core", "ui", "app") for h in (ROOT / top).rglob("*.h")})
    found = [f for f in found if f != "core"] + ["app"]
    missing = [f for f in found if f not in FOLDERS]
    gone = [f for f in FOLDERS if not (ROOT / f).is_dir()]
    if missing or gone:
        sys.exit(f"module-map: folders without a description: {missing}; described but "
                 f"gone: {gone}")
    out += ["| Folder | Files (main class each) | One-line responsibility |", "|---|---|---|"]
    for folder, purpose in FOLDERS.items():
        names = sorted(h.stem for h in (ROOT / folder).glob("*.h"))
        sources = sorted(c.stem for c in (ROOT / folder).glob("*.cpp")
                         if c.stem not in names)
        files = ", ".join(f"`{n}`" for n in names + sources)
        out.append(f"| `{folder}` | {files} | {purpose} |")
    out += ["", "## Every header", "", "| Header | What it opens with |", "|---|---|"]
    for folder in FOLDERS:
        for header in sorted((ROOT / folder).glob("*.h")):
            out.append(f"| `{folder}/{header.name}` | {first_sentence(header)} |")
    return "\n".join(out) + "\n"


def main():
    text = module_map()
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        path = pathlib.Path(sys.argv[2])
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            sys.exit(f"module-map: {path} is not the map of this tree; run "
                     f"scripts/module-map.py > {path}")
        return
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
