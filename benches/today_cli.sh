#!/usr/bin/env bash
# `stardrill today --json` over a history of 100,000 records (gen_history, seed 42): wall time (best and
# median of RUNS runs, after one warm-up) and peak RSS (GNU time). Beside `stats --json` for scale.
#
#   benches/today_cli.sh                 # 100,000 records, 5 runs
#   COUNT=1000000 RUNS=3 benches/today_cli.sh
#
# Target (README "Performance"): under 200 ms and under 60 MB at 100,000 records.
set -euo pipefail

COUNT="${COUNT:-100000}"
RUNS="${RUNS:-5}"
cd "$(dirname "$0")/.."
source benches/support/measure.sh
need_measure_tools

cargo build --release --quiet --bin stardrill --example gen_history
target_dir="$(target_dir)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$target_dir/release/examples/gen_history" --out "$work/history.jsonl" --count "$COUNT" --seed 42 2>/dev/null
printf 'interview-date = 2026-12-10\n' >"$work/config.toml"
export STARDRILL_HISTORY="$work/history.jsonl" STARDRILL_CONFIG="$work/config.toml"

show() {
    local name best median peak
    IFS=$'\t' read -r name best median peak
    printf '%-28s best %7s ms   median %7s ms   peak %6s MiB\n' "$name" "$best" "$median" "$peak"
}

echo "$COUNT records, $(nproc) cores"
measure "today --json --as-of" "$target_dir/release/stardrill" today --json --as-of 2026-11-26 | show
measure "stats --json" "$target_dir/release/stardrill" stats --json | show
