#!/bin/sh
# Prepares `swift run -c release podboard-bench`: installs the references it compares podboard with when they are
# missing (VisiData from PyPI with pip, `less` and tmux from Debian), builds podboard in release mode, and
# generates the benchmark's stores once into a cache folder (reused by every later run).
#
#   scripts/bench-setup.sh [--quick]          (--quick: the 1k and 10k stores only, not 100k)
#
# The cache folder is $PODBOARD_BENCH_CACHE, else ~/.cache/podboard-bench. Each store is podboard's demo store
# (seed 1, today 2026-11-23, one account per 5 requests): store-1000.json, store-10000.json, store-100000.json.
set -eu

cd "$(dirname "$0")/.."
cache="${PODBOARD_BENCH_CACHE:-$HOME/.cache/podboard-bench}"
sizes="1000 10000 100000"
[ "${1:-}" = "--quick" ] && sizes="1000 10000"

say() { printf 'bench-setup: %s\n' "$*"; }

# The references.
if ! command -v vd >/dev/null 2>&1; then
    say "installing VisiData (PyPI) with pip"
    python3 -m pip install --quiet --user visidata || python3 -m pip install --quiet visidata
fi
missing=""
command -v less >/dev/null 2>&1 || missing="$missing less"
command -v tmux >/dev/null 2>&1 || missing="$missing tmux"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
if [ -n "$missing" ]; then
    say "installing$missing (Debian)"
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $missing
    else sudo apt-get update -qq && sudo apt-get install -y -qq $missing; fi
fi
command -v vd >/dev/null 2>&1 || [ -x "$HOME/.local/bin/vd" ] || { say "vd is not on PATH (pip put it in ~/.local/bin?)"; exit 1; }

# podboard itself.
say "building podboard (release)"
swift build -c release --product podboard >/dev/null
bin=".build/release/podboard"

# The stores, once.
mkdir -p "$cache"
for n in $sizes; do
    f="$cache/store-$n.json"
    if [ ! -s "$f" ]; then
        say "generating $f"
        "$bin" demo --out "$f.tmp" --requests "$n" --accounts $((n / 5)) --seed 1 --today 2026-11-23 --force >/dev/null
        mv "$f.tmp" "$f"
    fi
done
say "ready: $cache"
