# Sourced by the bench scripts (`compare_python.sh`, `today_cli.sh`): the one way they time a process.
#
# `measure NAME CMD...` runs CMD (standard output to /dev/null) once to warm the page cache, then RUNS
# times, and prints `NAME<TAB>best ms<TAB>median ms<TAB>peak RSS MiB`. Wall time is taken with
# `date +%s%N` around each process; the peak RSS is GNU time's %M (KiB). Needs `$work` (a scratch
# folder), `$RUNS`, GNU time at /usr/bin/time and python3 (`need_measure_tools` checks both).

need_measure_tools() {
    if [[ ! -x /usr/bin/time ]] || ! /usr/bin/time -f '%M' true >/dev/null 2>&1; then
        echo "error: needs GNU time at /usr/bin/time (apt-get install time)" >&2
        exit 1
    fi
    command -v python3 >/dev/null || { echo "error: needs python3" >&2; exit 1; }
}

# The cargo target folder (CARGO_TARGET_DIR or the workspace's), where release builds land.
target_dir() {
    cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])'
}

measure() {
    local name="$1"; shift
    local times=() rss=()
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
