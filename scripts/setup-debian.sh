#!/bin/sh
# Installs everything SpecEdit needs to build and test on Debian 12 (run as root).
# Idempotent: apt-get skips what is already there.
set -eu
export DEBIAN_FRONTEND=noninteractive
packages="build-essential cmake pkg-config git
  libfftw3-dev libsndfile1-dev nlohmann-json3-dev libcli11-dev libpolyclipping-dev libarchive-dev libcsv-dev liblbfgs-dev libstb-dev libpng-dev libeigen3-dev
  libtesseract-dev tesseract-ocr-eng
  libgtest-dev libbenchmark-dev
  qt6-base-dev qt6-multimedia-dev libqcustomplot-dev libgl-dev xvfb xauth clang-format
  pulseaudio pulseaudio-utils
  python3 python3-numpy python3-scipy"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  apt-get update -q
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing
fi
