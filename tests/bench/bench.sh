#!/usr/bin/env bash
# Benchmark of `guide build` on synthetic guides (not a test: run it on demand).
#
#   tests/bench/bench.sh [N ...]        default: 1000 5000
#   NAV=off tests/bench/bench.sh ...    the theme without its navigation partial (the
#                                       nav lists every section on every page, so its cost
#                                       per page grows with the site: this separates the
#                                       generator's own per-page cost from the theme's)
#   HIGHLIGHT=off|on|both (default both) without and/or with code highlighting: the
#                                       generator's config.highlight.toml variant
#                                       ([markdown.highlighting] theme = "github-dark");
#                                       every page holds a TOML and a bounce code block
#   SEARCH=on|both (default both)       with the full-text search index, and (both) first
#                                       without it too (build_search_index = false), to
#                                       print what the index costs
#   KEEP=DIR                            keeps each size's built site (with the index) as
#                                       DIR/public-N, e.g. for tests/browser/bench-search.mjs
#
# For each N: ../shared/tools/gen-site.py writes a synthetic guide of N pages in Zola's
# layout; we build DIR/zola with our real theme (themes/default, its data file
# content/data/incident.toml copied in) using the release binary, search index included
# (but in the variant without it).
# Three runs per size: cold (empty output), warm (unchanged sources: nothing rewritten),
# and one after editing a single page. Prints wall time, pages/s and peak RSS
# (/usr/bin/time -v); cpu is user + system time, which other load on the machine does
# not inflate as much as wall time (the load average is printed at the end).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
gen="$repo/../shared/tools/gen-site.py"
if [ ! -f "$gen" ]; then
  echo "bench: the site generator is missing: expected $gen (../shared/tools/gen-site.py beside the repository)" >&2
  exit 2
fi
if [ ! -x /usr/bin/time ]; then
  echo "bench: /usr/bin/time is missing (apt-get install time)" >&2
  exit 2
fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 5000)

export PATH="$HOME/.cargo/bin:$PATH"
(cd "$repo" && cargo build --release -p guide >&2)
guide="$repo/target/release/guide"
work="$(mktemp -d "${TMPDIR:-/tmp}/guide-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# run LABEL N ROOT OUT: one timed build, one result line.
run() {
  local label=$1 n=$2 root=$3 out=$4 log="$work/time.log"
  if ! /usr/bin/time -v "$guide" build --root "$root" --out "$out" 2>"$log" >/dev/null; then
    cat "$log" >&2
    echo "bench: build failed" >&2
    exit 1
  fi
  local wall rss pages cpu
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  secs=$(echo "$wall" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  pages=$(grep -o 'built [0-9]* pages' "$log" | awk '{print $2}')
  last_wall=$secs
  printf '%-8s N=%-5s pages=%-5s wall=%6.2fs cpu=%5.2fs  %7.0f pages/s  %6.1f us/page  peak RSS=%5.1f MB  %s\n' \
    "$label" "$n" "$pages" "$secs" "$cpu" "$(echo "$pages $secs" | awk '{print ($2>0)?$1/$2:0}')" \
    "$(echo "$pages $secs" | awk '{print ($1>0)?$2*1e6/$1:0}')" \
    "$(echo "$rss" | awk '{print $1/1024}')" \
    "$(grep -o '([0-9]* files written, [0-9]* unchanged)' "$log")"
}

for n in "${sizes[@]}"; do
  site="$work/site-$n"
  python3 "$gen" "$n" "$site" >/dev/null
  root="$site/zola"
  mkdir -p "$root/themes" "$root/content/data"
  cp -r "$repo/themes/default" "$root/themes/default"
  # The generator writes minimal templates of its own for Zola; a site's templates/
  # win over its theme's, so they go: the pages render with our theme.
  rm -rf "$root/templates"
  if [ "${NAV:-on}" = off ]; then
    echo '<nav id="site-nav" aria-label="Documentation"></nav>' \
      >"$root/themes/default/templates/partials/nav.html"
  fi
  cp "$repo/content/data/incident.toml" "$root/content/data/incident.toml"
  # The generator's config.toml has build_search_index = false, config.search.toml true;
  # every variant but `nosearch` builds the index. `hl`: config.highlight.toml.
  with_search() { sed 's/^build_search_index = false/build_search_index = true/' "$1"; }
  { echo 'theme = "default"'; cat "$root/config.toml"; } >"$root/config.nosearch"
  { echo 'theme = "default"'; with_search "$root/config.toml"; } >"$root/config.plain"
  { echo 'theme = "default"'; with_search "$root/config.highlight.toml"; } >"$root/config.hl"
  variants=()
  [ "${SEARCH:-both}" = on ] || variants+=(nosearch)
  case "${HIGHLIGHT:-both}" in
    off) variants+=(plain) ;;
    on) variants+=(hl) ;;
    *) variants+=(plain hl) ;;
  esac
  cold_nosearch="" cold_search=""
  for v in "${variants[@]}"; do
    cp "$root/config.$v" "$root/config.toml"
    suffix=""
    [ "$v" = hl ] && suffix="+hl"
    [ "$v" = nosearch ] && suffix="-nosrch"
    out="$work/public-$n-$v"
    run "cold$suffix" "$n" "$root" "$out"
    [ "$v" = nosearch ] && cold_nosearch=$last_wall
    [ "$v" = plain ] && cold_search=$last_wall
    run "warm$suffix" "$n" "$root" "$out"
    page=$(find "$root/content" -name 'page-00001.md' | head -1)
    echo "One more sentence to rebuild." >>"$page"
    run "edit1$suffix" "$n" "$root" "$out"
    du -sh "$out" | awk -v n="$n" -v v="$v" '{print "output N=" n " (" v "): " $1}'
    if [ -n "${KEEP:-}" ] && [ "$v" = plain ]; then
      mkdir -p "$KEEP" && rm -rf "$KEEP/public-$n" && cp -r "$out" "$KEEP/public-$n"
    fi
    if [ -d "$out/search" ]; then
      du -sh "$out/search" | awk '{print "  of which the search index: " $1}'
    fi
  done
  if [ -n "$cold_nosearch" ] && [ -n "$cold_search" ]; then
    echo "search N=$n: cold build ${cold_search}s with the index, ${cold_nosearch}s without:" \
      "$(echo "$cold_search $cold_nosearch" | awk '{printf "%.2fx", $1/$2}') (budget 1.25x)"
  fi
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
