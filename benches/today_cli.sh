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
[[ -x /usr/bin/time ]] || { echo "error: needs GNU time at /usr/bin/time" >&2; exit 1; }

cargo build --release --quiet --bin stardrill --example gen_history
target_dir="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$target_dir/release/examples/gen_history" --out "$work/history.jsonl" --count "$COUNT" --seed 42 2>/dev/null
printf 'interview-date = 2026-12-10\n' >"$work/config.toml"
export STARDRILL_HISTORY="$work/history.jsonl" STARDRILL_CONFIG="$work/config.toml"

measure() {
    local name="$1"; shift
    local times=() rss=()
    "$@" >/dev/null
    for _ in $(seq "$RUNS"); do
        local t0 t1
        t0=$(date +%s%N)
        /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null
        t1=$(date +%s%N)
        times+=($(( (t1 - t0) / 1000000 )))
        rss+=("$(cat "$work/rss")")
    done
    local sorted best median peak
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    best=$(echo "$sorted" | head -1)
    median=$(echo "$sorted" | sed -n "$(( (RUNS + 1) / 2 ))p")
    peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
    printf '%-28s best %5d ms   median %5d ms   peak %6.1f MiB\n' "$name" "$best" "$median" "$(echo "$peak / 1024" | bc -l)"
}

echo "$COUNT records, $(nproc) cores"
measure "today --json --as-of" "$target_dir/release/stardrill" today --json --as-of 2026-11-26
measure "stats --json" "$target_dir/release/stardrill" stats --json
