#!/bin/sh
# Builds the core, the CLI and their tests with AddressSanitizer and UndefinedBehaviorSanitizer
# (SPECEDIT_SANITIZE) in build-asan/ and runs them: the core unit tests, the CLI end-to-end
# tests (their specedit-cli is the sanitized one) and the fuzz replays. Any report fails the
# run: UBSan is built not to recover, ASan's leak check is on. The editor's tests run in the
# normal build only (Qt's and fontconfig's own allocations would need suppressions there).
# One suppression file, scripts/lsan.supp: leaks inside Debian's libtesseract (its own bug),
# nothing of ours. Run by .ci/run after the normal build and tests.
set -eu
cd "$(dirname "$0")/.."
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSPECEDIT_SANITIZE=ON \
  -DSPECEDIT_BUILD_UI=OFF -DSPECEDIT_BUILD_BENCH=OFF
cmake --build build-asan -j2
ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1 \
LSAN_OPTIONS=suppressions="$PWD/scripts/lsan.supp":print_suppressions=0 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j2
