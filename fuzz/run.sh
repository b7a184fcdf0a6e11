#!/usr/bin/env bash
# Builds the fuzz targets (fuzz/build.sh) and runs each for FUZZ_SECONDS (default
# 60) from its seed corpus in fuzz/corpus/TARGET. New inputs go to a scratch
# corpus under the build directory, crashes to build/fuzz/crashes/TARGET/.
# Prints the executions and the findings of each target; exits 1 on a finding.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${FUZZ_BUILD:-$root/build/fuzz}
seconds=${FUZZ_SECONDS:-60}
"$root/fuzz/build.sh" "$out"
status=0
for target in labelled receipt_csv bundle mapit_csv mapit_mat json_body; do
  work="$out/corpus/$target" crashes="$out/crashes/$target"
  mkdir -p "$work" "$crashes"
  log="$out/$target.log"
  set +e
  "$out/${target}_fuzz" -max_total_time="$seconds" -max_len=16384 -artifact_prefix="$crashes/" \
    -print_final_stats=1 "$work" "$root/fuzz/corpus/$target" >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  findings=$(find "$crashes" -type f | wc -l)
  echo "fuzz $target: $runs executions in ${seconds}s, $findings findings (exit $rc; log $log)"
  [ "$rc" -eq 0 ] && [ "$findings" -eq 0 ] || status=1
done
exit $status
