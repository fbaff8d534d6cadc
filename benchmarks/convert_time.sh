#!/usr/bin/env bash
# Conversion time of a realistic TU (the differential suite: <vector>,
# <cmath>, <iostream>, <cassert>, 44 annotated functions) against
# clang++ -fsyntax-only of the same TU, best of N runs each, interleaved so
# machine load affects both alike.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${AG_BUILD_DIR:-$root/build}
N=${N:-7}
tu="$root/test/Differential/programs.cpp"
clangxx=/usr/lib/llvm-19/bin/clang++
[[ -x "$BUILD/bin/ag-convert" ]] || {
  echo "convert_time.sh: no $BUILD/bin/ag-convert (set AG_BUILD_DIR)" >&2
  exit 1
}
best() { sort -g | head -1; }
t() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(((e - s) / 1000))e-6; }
conv=() syn=()
for _ in $(seq "$N"); do
  conv+=("$(t "$BUILD/bin/ag-convert" "$tu" -- -std=c++17 -I"$root/include")")
  syn+=("$(t "$clangxx" -std=c++17 -fsyntax-only -I"$root/include" "$tu")")
done
c=$(printf '%s\n' "${conv[@]}" | best)
s=$(printf '%s\n' "${syn[@]}" | best)
printf 'ag-convert           %.3f s (best of %d)\n' "$c" "$N"
printf 'clang++ -fsyntax-only %.3f s (best of %d)\n' "$s" "$N"
python3 -c "print(f'ratio                {$c / $s:.2f}x (target <= 1.3x)')"
