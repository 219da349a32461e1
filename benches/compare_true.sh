#!/usr/bin/env bash
# Bank-only commands against `true`, whole processes, in the same run: `stardrill list`, `show 1`,
# `principles` and `list --json` each as a multiple of the time of `true` (target: at most 3×).
#
#   benches/compare_true.sh             # 300 runs each after 30 warm-ups
#   RUNS=1000 benches/compare_true.sh
#
# Needs hyperfine (Debian: apt-get install hyperfine). Times are means of wall time with no shell
# (`hyperfine -N`); the ratio is each command's mean over the mean of `true`.
set -euo pipefail

RUNS="${RUNS:-300}"
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "error: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "error: needs python3" >&2; exit 1; }

echo "building release (stardrill)..." >&2
cargo build --release --quiet --bin stardrill
target_dir="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
bin="$target_dir/release/stardrill"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

true_bin="$(command -v true)"
hyperfine -N --style none --warmup 30 --runs "$RUNS" --export-json "$work/times.json" \
    "$true_bin" "$bin list" "$bin show 1" "$bin principles" "$bin list --json" >/dev/null

python3 - "$work/times.json" "$bin" "$RUNS" <<'PY'
import json, os, sys
results = json.load(open(sys.argv[1]))["results"]
base = results[0]["mean"]
print(f"{sys.argv[3]} runs each, {os.cpu_count()} cores; target: each command at most 3x the time of `true`")
print(f"{'command':<28} {'mean ms':>9} {'median ms':>10} {'x true':>8}")
for r in results:
    name = r["command"].replace(sys.argv[2], "stardrill")
    print(f"{name:<28} {r['mean'] * 1e3:>9.2f} {r['median'] * 1e3:>10.2f} {r['mean'] / base:>8.2f}")
PY
