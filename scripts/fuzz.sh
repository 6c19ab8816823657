#!/bin/sh
# Fuzzes every reader of outside data with libFuzzer (tests/fuzz): builds the targets with
# clang, ASan and UBSan in build-fuzz/, makes the seed corpora with the project's own writers,
# and runs each target for SECONDS (default 60), one after the other, on JOBS processes
# (default 1; more runs libFuzzer's -fork mode). The corpus grows in build-fuzz/corpus/<target>; a crash, leak, hang (over 10 s)
# or allocation over 2 GB stops the target and leaves its input in build-fuzz/findings/<target>.
# Keep each such input under tests/fuzz/regressions/<target>/ once it is fixed: CTest replays
# them (fuzz.replay.<target>) in the normal build.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]       e.g. scripts/fuzz.sh 600 recording sigmf
#   JOBS=2 scripts/fuzz.sh 1800
#
# Needs Debian's clang and libclang-rt-14-dev (not part of scripts/setup-debian.sh).
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-"recording raw_iq sigmf npy project labels spectrum"}
jobs=${JOBS:-1}
out=build-fuzz

if ! command -v clang++ >/dev/null; then
  echo "fuzz.sh: clang++ not found (apt-get install clang libclang-rt-14-dev)" >&2
  exit 2
fi
CXX=clang++ cmake -S . -B "$out" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSPECEDIT_FUZZ=ON \
  >/dev/null
cmake --build "$out" -j2
"$out/tests/fuzz/specedit_fuzz_seeds" "$out/seeds"

status=0
for t in $targets; do
  mkdir -p "$out/corpus/$t" "$out/findings/$t" "tests/fuzz/regressions/$t"
  parallel=""
  [ "$jobs" -gt 1 ] && parallel="-fork=$jobs"
  echo "== $t: ${seconds} s"
  # The seeds and the regressions join the corpus; libFuzzer writes new inputs to the first
  # folder only.
  if ! "$out/tests/fuzz/fuzz_$t" "$out/corpus/$t" "$out/seeds/$t" "tests/fuzz/regressions/$t" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
      -max_len=65536 $parallel -print_final_stats=1 \
      -artifact_prefix="$out/findings/$t/" 2>&1 | tee "$out/findings/$t.log" |
      grep -E "^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)"; then
    :
  fi
  if ls "$out/findings/$t" | grep -q .; then
    echo "   findings: $(ls "$out/findings/$t" | tr '\n' ' ')"
    status=1
  fi
done
exit $status
