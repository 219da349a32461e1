#!/usr/bin/env bash
# `stardrill stats --json` over a history of 100,000 records, against a bare Python `json.loads` of
# every line of the same file, in the same run: wall time (best and median of RUNS) and peak RSS.
#
#   benches/compare_python.sh            # 100,000 records, 5 runs each
#   COUNT=20000 RUNS=9 benches/compare_python.sh
#
# Target: stardrill at most 0.3x the time of Python, with one reader thread (STARDRILL_THREADS=1) and
# with one per core; memory flat from 100,000 to 1,000,000 records (COUNT=1000000) and under 30 MiB.
# Wall time is taken with `date +%s%N` around each process; peak RSS from GNU time's %M (KiB).
set -euo pipefail

COUNT="${COUNT:-100000}"
RUNS="${RUNS:-5}"
SEED="${SEED:-42}"
cd "$(dirname "$0")/.."

if [[ ! -x /usr/bin/time ]] || ! /usr/bin/time -f '%M' true >/dev/null 2>&1; then
    echo "error: needs GNU time at /usr/bin/time (apt-get install time)" >&2
    exit 1
fi
command -v python3 >/dev/null || { echo "error: needs python3" >&2; exit 1; }

echo "building release (stardrill, gen_history)..." >&2
cargo build --release --quiet --bin stardrill --example gen_history
target_dir="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
stardrill="$target_dir/release/stardrill"
gen="$target_dir/release/examples/gen_history"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
history="$work/history.jsonl"
"$gen" --out "$history" --count "$COUNT" --seed "$SEED" 2>/dev/null
size_mb=$(python3 -c "import os; print(f'{os.path.getsize(\"$history\") / 1e6:.1f}')")

cat >"$work/loads.py" <<'PY'
import json, sys
with open(sys.argv[1], "rb") as f:
    for line in f:
        json.loads(line)
PY

# measure NAME CMD...: runs CMD (stdout to /dev/null) RUNS times; prints "NAME best_ms median_ms peak_mb".
measure() {
    local name="$1"; shift
    local times=() rss=()
    # One warm-up run so both start with the file in the page cache.
    "$@" >/dev/null
    for _ in $(seq "$RUNS"); do
        local t0 t1
        t0=$(date +%s%N)
        /usr/bin/time -o "$work/time.txt" -f '%M' "$@" >/dev/null
        t1=$(date +%s%N)
        times+=($(((t1 - t0) / 1000)))
        rss+=("$(tail -1 "$work/time.txt")")
    done
    python3 - "$name" "${times[*]}" "${rss[*]}" <<'PY'
import statistics, sys
name, times, rss = sys.argv[1], [int(t) / 1000 for t in sys.argv[2].split()], [int(k) for k in sys.argv[3].split()]
print(f"{name}\t{min(times):.1f}\t{statistics.median(times):.1f}\t{max(rss) / 1024:.1f}")
PY
}

results=$(
    measure "stardrill, 1 thread" env STARDRILL_THREADS=1 "$stardrill" stats --json --history "$history"
    measure "stardrill, $(nproc) threads" "$stardrill" stats --json --history "$history"
    measure "python3 json.loads per line" python3 "$work/loads.py" "$history"
)

echo
echo "$COUNT records, $size_mb MB, $RUNS runs each (after one warm-up), $(nproc) cores"
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
