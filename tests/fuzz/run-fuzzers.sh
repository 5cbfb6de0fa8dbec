#!/bin/sh
# Runs every fuzz target of a fuzz build for a while, two at a time, from its seed corpus, and prints
# what each did (executions, coverage). New inputs stay in the build tree; a crash input is saved there
# (artifacts/) and fails the run: it becomes a unit test with that input.
#   tests/fuzz/run-fuzzers.sh BUILD_DIR [SECONDS]
set -eu
build=$1
seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
work="$build/fuzz-run"
mkdir -p "$work/artifacts"

run_one() {
  target=$1
  corpus="$work/corpus/$target"
  mkdir -p "$corpus"
  cp "$here/corpus/$target"/* "$corpus/" 2>/dev/null || true
  # -rss_limit_mb: a parser must never need much; -max_len: stored_tokens and Hub answers are small.
  if "$build/tests/fuzz/$target" "$corpus" -max_total_time="$seconds" -max_len=8192 -rss_limit_mb=1024 \
      -timeout=10 -print_final_stats=1 -artifact_prefix="$work/artifacts/$target-" \
      >"$work/$target.log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target.log")
    cov=$(grep -o 'cov: [0-9]*' "$work/$target.log" | tail -1 | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' "$work/$target.log" | tail -1 | cut -d' ' -f2)
    echo "$target: $runs executions in ${seconds} s, coverage $cov edges, $ft features, corpus $(ls "$corpus" | wc -l) inputs"
  else
    echo "$target: FAILED, see $work/$target.log and $work/artifacts/" >&2
    tail -30 "$work/$target.log" >&2
    return 1
  fi
}

targets="fuzz_ini fuzz_hub_answers fuzz_metadata fuzz_repo_ref fuzz_json_peek"
status=0
set -- $targets
while [ $# -gt 0 ]; do
  first=$1; shift
  if [ $# -gt 0 ]; then
    second=$1; shift
    run_one "$first" & pid=$!
    run_one "$second" || status=1
    wait "$pid" || status=1
  else
    run_one "$first" || status=1
  fi
done
exit $status
