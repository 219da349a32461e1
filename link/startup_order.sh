#!/usr/bin/env bash
# Writes link/startup-order.txt: the functions stardrill runs before its first frame (the browser,
# then `stardrill drill --id 1`), as callgrind names them, for the linker to place side by side at the
# start of the binary's code (build.rs passes the list to lld). Scattered over 4.6 MB of code they
# are paged in a 64 KB window at a time, about 50 windows; placed together, a few.
#
# Needs valgrind and python3. Run it after updating the compiler or a dependency (`cargo update`): the
# names carry hashes that change then. A name the binary no longer has is skipped by the linker, so an
# old list costs speed, never a build.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
target_dir="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
bin="$(realpath "$target_dir")/release/stardrill"
run=0
# The release build (`cargo run --release`, `cargo install`) and the benches' build (dev-dependencies
# unify some dependencies' features differently, so every name's hash differs): a list for each.
for build in "build --release" "bench --no-run --bench first_frame"; do
    cargo $build --locked
    for args in "" "drill --id 1"; do
        run=$((run + 1))
        # Each frame's end is a dump; the first dump (`.1`) holds everything up to the first frame.
        # The app waits for a key after it: `timeout` ends the run.
        timeout 30 script -qc "stty cols 120 rows 40; HOME='$work' valgrind --tool=callgrind --demangle=no \
            '--dump-after=*6screen15Screen*4draw17h*' --callgrind-out-file='$work/run$run' \
            '$bin' $args --history '$work/history.jsonl'" /dev/null >/dev/null 2>&1 || true
        test -s "$work/run$run.1" || { echo "no first-frame profile for \`stardrill $args\`" >&2; exit 1; }
    done
done
python3 - "$bin" "$work"/run?.1 >"$work/order.txt" <<'PY'
import os, re, sys
binary, profiles = os.path.realpath(sys.argv[1]), sys.argv[2:]
seen = set()
for path in profiles:
    objects, functions, current = {}, {}, None
    for line in open(path, encoding="utf-8", errors="replace"):
        m = re.match(r"(c?ob)=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
        if m:
            if m.group(3):
                objects[m.group(2)] = m.group(3)
            if m.group(1) == "ob":
                current = objects.get(m.group(2))
                current = current and os.path.realpath(current)
            continue
        m = re.match(r"(c?fn)=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
        if m:
            if m.group(3):
                functions[m.group(2)] = m.group(3)
            name = functions.get(m.group(2))
            # (Code callgrind cannot name is listed by its address: no symbol to place.)
            if m.group(1) == "fn" and current == binary and name and not name.startswith("0x"):
                # A recursive call's own entry is named `name'2`: the symbol is `name`.
                seen.add(re.sub(r"'\d+$", "", name))
if not seen:
    sys.exit(f"no function of {binary} in the profiles")
# Sorted, so that making the list again changes only the names that changed.
print("\n".join(sorted(seen)))
PY
mv "$work/order.txt" link/startup-order.txt
echo "link/startup-order.txt: $(wc -l <link/startup-order.txt) functions" >&2
