#!/usr/bin/env bash
# `stardrill stats --json` over a history of 100,000 records, against a bare Python `json.loads` of
# every line of the same file, in the same run: wall time (best and median of RUNS) and peak RSS.
#
#   benches/compare_python.sh            # 100,000 records, 5 runs each
#   COUNT=20000 RUNS=9 benches/compare_python.sh
#   LOAD=2 benches/compare_python.sh     # under load: two busy loops run beside every measurement
#
# Target: stardrill at most 0.3x the time of Python, with one reader thread (STARDRILL_THREADS=1) and
# with one per core; memory flat from 100,000 to 1,000,000 records (COUNT=1000000) and under 30 MiB.
# Wall time is taken with `date +%s%N` around each process; peak RSS from GNU time's %M (KiB).
set -euo pipefail

COUNT="${COUNT:-100000}"
RUNS="${RUNS:-5}"
LOAD="${LOAD:-0}"
SEED="${SEED:-42}"
cd "$(dirname "$0")/.."

source benches/support/measure.sh
need_measure_tools

echo "building release (stardrill, gen_history)..." >&2
cargo build --release --quiet --bin stardrill --example gen_history
target_dir="$(target_dir)"
stardrill="$target_dir/release/stardrill"
gen="$target_dir/release/examples/gen_history"

work="$(mktemp -d)"
load_pids=()
trap 'kill "${load_pids[@]}" 2>/dev/null; rm -rf "$work"' EXIT
history="$work/history.jsonl"
"$gen" --out "$history" --count "$COUNT" --seed "$SEED" 2>/dev/null
size_mb=$(python3 -c "import os; print(f'{os.path.getsize(\"$history\") / 1e6:.1f}')")

cat >"$work/loads.py" <<'PY'
import json, sys
with open(sys.argv[1], "rb") as f:
    for line in f:
        json.loads(line)
PY

# The machine under load: LOAD busy loops (each keeps a core busy) until the script ends.
for _ in $(seq 1 "$LOAD"); do
    (while :; do :; done) &
    load_pids+=($!)
done

results=$(
    measure "stardrill, 1 thread" env STARDRILL_THREADS=1 "$stardrill" stats --json --history "$history"
    measure "stardrill, $(nproc) threads" "$stardrill" stats --json --history "$history"
    measure "python3 json.loads per line" python3 "$work/loads.py" "$history"
)

echo
echo "$COUNT records, $size_mb MB, $RUNS runs each (after one warm-up), $(nproc) cores, $LOAD busy loops beside"
echo
python_median=$(tail -1 <<<"$results" | cut -f3)
printf '%-30s %10s %12s %14s %10s\n' "command" "best ms" "median ms" "peak RSS MB" "x python"
printf '%-30s %10s %12s %14s %10s\n' "------------------------------" "----------" "------------" "--------------" "----------"
while IFS=$'\t' read -r name best median peak; do
    ratio=$(python3 -c "print(f'{$median / $python_median:.2f}')")
    printf '%-30s %10s %12s %14s %10s\n' "$name" "$best" "$median" "$peak" "$ratio"
done <<<"$results"
echo
echo "target: stardrill at most 0.3x python (each thread count); peak under 30 MiB, flat from 100k to 1M records"
echo "machine load while measuring (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
