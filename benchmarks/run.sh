#!/usr/bin/env bash
# Builds and runs every benchmark; prints the ratios docs/performance.md cites.
set -euo pipefail
BUILD=${AG_BUILD_DIR:-$(dirname "$0")/../build}
ninja -C "$BUILD" ag-bench ag-bench-memory
"$BUILD/bin/ag-bench" --benchmark_counters_tabular=true "$@"
echo
"$BUILD/bin/ag-bench-memory" eager
"$BUILD/bin/ag-bench-memory" graph
echo
bash "$(dirname "$0")/convert_time.sh"
echo
# Compile cost of a converted file against the original (docs/performance.md).
python3 "$(dirname "$0")/compile_cost.py" -n 28 --modes syntax,O2
