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
#   ZOLA=PATH                           also times that `zola` (0.22) and our build on the
#                                       same generated site as it is, its own templates,
#                                       search index on, without and with highlighting
#                                       (cold builds), and prints our time over Zola's
#                                       (the goal: at most half). Zola's start-up, the wall
#                                       time of `$ZOLA --version`, is taken off its times:
#                                       a wrapper (the npm package runs Zola in Node) is
#                                       not counted against it.
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

# wall_secs LOG: the wall time that /usr/bin/time -v wrote to LOG, in seconds.
wall_secs() {
  awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$1" |
    awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }'
}

# run LABEL N ROOT OUT: one timed build, one result line.
run() {
  local label=$1 n=$2 root=$3 out=$4 log="$work/time.log"
  if ! /usr/bin/time -v "$guide" build --root "$root" --out "$out" 2>"$log" >/dev/null; then
    cat "$log" >&2
    echo "bench: build failed" >&2
    exit 1
  fi
  local rss pages cpu secs
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  secs=$(wall_secs "$log")
  pages=$(grep -o 'built [0-9]* pages' "$log" | awk '{print $2}')
  last_wall=$secs
  printf '%-8s N=%-5s pages=%-5s wall=%6.2fs cpu=%5.2fs  %7.0f pages/s  %6.1f us/page  peak RSS=%5.1f MB  %s\n' \
    "$label" "$n" "$pages" "$secs" "$cpu" "$(echo "$pages $secs" | awk '{print ($2>0)?$1/$2:0}')" \
    "$(echo "$pages $secs" | awk '{print ($1>0)?$2*1e6/$1:0}')" \
    "$(echo "$rss" | awk '{print $1/1024}')" \
    "$(grep -o '([0-9]* files written, [0-9]* unchanged)' "$log")"
}

# zola_vs_ours N SITE: cold builds of the generated site as it is, by Zola and by us.
zola_vs_ours() {
  local n=$1 site=$2 cfg label zola_secs ours_secs
  for cfg in search highlight; do
    label=zola; [ "$cfg" = highlight ] && label=zola+hl
    # Both with the search index (the highlighting config has it off: the goal is with it).
    sed 's/^build_search_index = false/build_search_index = true/' \
      "$site/config.$cfg.toml" >"$site/config.toml"
    if ! /usr/bin/time -v "$ZOLA" --root "$site" build -o "$work/zola-$n-$cfg" \
      >"$work/zola.out" 2>"$work/zola.log"; then
      cat "$work/zola.out" "$work/zola.log" >&2
      echo "bench: zola build failed" >&2
      exit 1
    fi
    zola_secs=$(echo "$(wall_secs "$work/zola.log") $zola_start" | awk '{print $1-$2}')
    run "ours-z$([ "$cfg" = highlight ] && echo +hl)" "$n" "$site" "$work/ours-$n-$cfg"
    ours_secs=$last_wall
    printf '%-8s N=%-5s wall=%6.2fs cpu=%5.2fs  ours/zola = %.2f (goal <= 0.5)\n' \
      "$label" "$n" "$zola_secs" \
      "$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$work/zola.log")" \
      "$(echo "$ours_secs $zola_secs" | awk '{print $1/$2}')"
  done
}

if [ -n "${ZOLA:-}" ]; then
  /usr/bin/time -v "$ZOLA" --version >/dev/null 2>"$work/zola.log"
  zola_start=$(wall_secs "$work/zola.log")
  echo "zola start-up: ${zola_start}s (taken off Zola's times)"
fi

for n in "${sizes[@]}"; do
  site="$work/site-$n"
  python3 "$gen" "$n" "$site" >/dev/null
  root="$site/zola"
  if [ -n "${ZOLA:-}" ]; then
    cp -r "$root" "$site/as-generated"
    zola_vs_ours "$n" "$site/as-generated"
  fi
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
