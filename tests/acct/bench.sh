#!/usr/bin/env bash
# Accounting-file benchmark of `guide classify --acct`: makes a realistic synthetic
# PowerMTA accounting file of the given size, runs the release binary on it, and prints
# the throughput (MB/s) and the peak memory (RSS). Run on demand, never in CI tests.
#
#   tests/acct/bench.sh [SIZE]        SIZE like 200M (default), 1G
#
# Environment: ACCT_BENCH_DIR (default /tmp) holds the generated file, which is reused
# when it already has the right size; KEEP=1 keeps it afterwards.
set -euo pipefail
size="${1:-200M}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dir="${ACCT_BENCH_DIR:-/tmp}"
file="$dir/acct-bench-$size.csv"
expect="$dir/acct-bench-$size.json"

if [[ ! -s "$file" || ! -s "$expect" ]]; then
  echo "generating $file ..." >&2
  python3 "$here/gen-acct.py" --size "$size" --rate gmail=22:1.5 --bad 5 -o "$file" --expect "$expect"
fi

echo "building guide (release) ..." >&2
(cd "$root" && cargo build --release -p guide --quiet)
guide="${CARGO_TARGET_DIR:-$root/target}/release/guide"
if ! "$guide" classify --help | grep -q -- '--acct'; then
  echo "error: this guide binary has no 'classify --acct' option yet" >&2
  exit 1
fi

bytes=$(stat -c %s "$file")
# Warm the page cache so the figure is the parser's, not the disk's.
cat "$file" > /dev/null
out="$(mktemp)"
timing="$(mktemp)"
trap 'rm -f "$out" "$timing"; [[ "${KEEP:-0}" == 1 ]] || rm -f "$file" "$expect"' EXIT
/usr/bin/time -f '%e %M %U %S' -o "$timing" "$guide" classify --acct "$file" --json > "$out" 2>/dev/null
read -r secs rss_kb user sys < "$timing"
load="$(cut -d" " -f1 /proc/loadavg)"

python3 - "$out" "$expect" "$bytes" "$secs" "$rss_kb" "$user" "$sys" "$load" "$(nproc)" <<'PY'
import json, sys
out, expect, size, secs, rss = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
cpu = float(sys.argv[6]) + float(sys.argv[7])
load, cores = float(sys.argv[8]), int(sys.argv[9])
r, e = json.load(open(out)), json.load(open(expect))
ok = r["records"] == e["records"] and r["bad_rows"] == e["bad_rows"]
for isp in r["isps"]:
    x = e["isps"][isp["isp"]]
    ok &= (isp["delivered"], isp["deferred"], isp["bounced"]) == (x["delivered"], x["deferred"], x["bounced"])
print(f"file      {size / 1e6:.0f} MB, {r['records']} records, {r['bad_rows']} bad rows")
print(f"time      {secs:.2f} s wall, {cpu:.2f} s CPU (user + sys)")
print(f"speed     {size / 1e6 / max(secs, 0.01):.0f} MB/s wall, {size / 1e6 / max(cpu, 0.01):.0f} MB/s per CPU second (one core)")
if load > cores:
    print(f"note      load average {load:.1f} on {cores} cores: the wall figure is shared; the CPU one is not")
print(f"peak RSS  {rss / 1024:.1f} MB")
print(f"severity  {r['reasons'][0]}")
print(f"counts    {'match the generator' if ok else 'DIFFER from the generator'}")
sys.exit(0 if ok else 1)
PY
