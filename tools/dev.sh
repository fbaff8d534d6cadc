#!/usr/bin/env bash
# The README's two commands:
#   bash tools/dev.sh demo   install what is missing, build, run the main demo
#   bash tools/dev.sh test   install what is missing, build, run every test
# and the steps `test` ends with (each also a command of its own):
#   bash tools/dev.sh fuzz      fuzz targets (test/Fuzz) for AG_FUZZ_SECONDS
#                               each (default 60); fails on a crash
#   bash tools/dev.sh sanitize  unit tests, differential suite and examples
#                               under ASan+UBSan; concurrency tests under TSan
# `test` runs fuzz and sanitize too when AG_FULL=1 (.ci/run passes it on).
# TODO(issue 16): make that the default once a clean-clone CI run is measured
# under 60 min on 2 cores (docs/build.md).
# Idempotent: apt-get runs only when a package is missing; the build is
# incremental (ccache makes a clean rebuild cheap on a machine that built once).
set -euo pipefail

cd "$(dirname "$0")/.."
SRC=$PWD
BUILD=${AG_BUILD_DIR:-$SRC/build}
JOBS=${AG_JOBS:-$(nproc)}
# Paths under the source tree are hashed relative to it, so a fresh clone at
# another path (as CI makes) still hits the compiler cache.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$SRC}
# The sanitizer builds compile with -gline-tables-only, and ccache hashes the
# working directory into debug builds unless told not to.
export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-true}

PACKAGES=(cmake ninja-build g++ ccache python3 git clang-format
  llvm-19-dev libmlir-19-dev mlir-19-tools libclang-19-dev clang-19 llvm-19-tools
  libtbb-dev libeigen3-dev libcereal-dev graphviz libgtest-dev libgmock-dev libbenchmark-dev
  libopenmpi-dev openmpi-bin)

# Only for the fuzz and sanitizer steps: clang's fuzzer and sanitizer runtimes.
FUZZ_PACKAGES=(clang-19 libfuzzer-19-dev libclang-rt-19-dev)

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "== installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

configure_and_build() {
  echo "== building in $BUILD"
  if [ ! -f "$BUILD/build.ninja" ]; then
    cmake -G Ninja -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache
  fi
  cmake --build "$BUILD" -j "$JOBS"
}

run_demo() {
  local ex="$BUILD/examples/collatz"
  echo
  echo "== The annotated eager source: examples/collatz/collatz.cpp"
  sed -n '/AG_CONVERT/,/^}/p' "$SRC/examples/collatz/collatz.cpp"
  echo
  echo "== Running examples/collatz (converted at build time by ag_convert())"
  "$ex/collatz-demo" --dot "$ex/collatz.dot"
  if command -v dot >/dev/null; then
    dot -Tsvg "$ex/collatz.dot" -o "$ex/collatz.svg"
    echo "Graphviz rendering: $ex/collatz.svg"
  fi
  echo
  echo "== Try next"
  echo "  $BUILD/bin/ag-convert --twins-only examples/collatz/collatz.cpp -- -std=c++17 -Iinclude"
  echo "  $BUILD/examples/pipeline/pipeline-demo     # loops, branches and prints over a data stream"
  echo "  bash tools/dev.sh test                     # every test"
}

# A sanitizer build of its own: own build dir, same ccache. Prints how long
# the build took (docs/build.md has the figures).
sanitizer_build() { # dir flags targets...
  local dir=$1 flags=$2 start=$SECONDS
  shift 2
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -G Ninja -S "$SRC" -B "$dir" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache \
      -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
      "-DCMAKE_CXX_FLAGS=$flags -fno-omit-frame-pointer -gline-tables-only" \
      "-DCMAKE_EXE_LINKER_FLAGS=$flags" "-DCMAKE_SHARED_LINKER_FLAGS=$flags" \
      "${SANITIZER_CMAKE_ARGS[@]}"
  fi
  cmake --build "$dir" -j "$JOBS" --target "$@"
  echo "-- built $* in $dir: $((SECONDS - start)) s"
}

# One instrumented build serves the ASan+UBSan tests and the fuzz targets
# (build-fuzz/ was a second ASan build of the whole library): the tests run
# with the fuzzer's coverage hooks, which without libFuzzer are no-ops.
ASAN_DIR=${AG_ASAN_BUILD_DIR:-$SRC/build-asan}
ASAN_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined"
# 40 agsmith seeds, not 300: there they check the instrumented library under
# random programs; the seed count is the normal suite's job. Whichever of
# fuzz and sanitize configures build-asan first sets them.
ASAN_CMAKE_ARGS=(-DAG_FUZZ=ON -DAG_AGSMITH_SEEDS=0:40)
# allow_user_poisoning=0: LLVM's allocator poisoning is wrong when ag is
# instrumented and libMLIR is not (cmake/AsanDefaults.cpp, which CMake links
# into every executable; this covers the programs the tests compile).
ASAN_RUN_OPTIONS=detect_leaks=0:allow_user_poisoning=0

run_fuzz() {
  local dir=$ASAN_DIR seconds=${AG_FUZZ_SECONDS:-60}
  SANITIZER_CMAKE_ARGS=("${ASAN_CMAKE_ARGS[@]}")
  echo "== fuzz targets in $dir, ${seconds}s each"
  sanitizer_build "$dir" "$ASAN_FLAGS" ag-fuzz-graph ag-fuzz-feed ag-fuzz-convert
  # Seed corpora from the tests; crashes land in $dir/fuzz/<target>/crashes.
  local work=$dir/fuzz
  mkdir -p "$work/graph/seeds" "$work/feed/seeds" "$work/convert/seeds"
  find "$SRC/test" "$SRC/examples" -name '*.mlir' -exec cp {} "$work/graph/seeds/" \;
  cp "$SRC"/test/Fuzz/seeds/feed/* "$work/feed/seeds/"
  # A convert input costs ~3 CPU-s under ASan, and libFuzzer runs every seed
  # before it looks at -max_total_time (all 137 made a 60 s step 5+ min):
  # about as many seeds as the budget runs, spread over the sorted list.
  local nseeds=$((seconds / 3 > 5 ? seconds / 3 : 5))
  rm -f "$work/convert/seeds/"*
  find "$SRC/test/Convert" "$SRC/examples" -maxdepth 2 -name '*.cpp' | sort |
    awk -v n="$nseeds" '{ f[NR] = $0 } END {
      if (n > NR) n = NR
      for (i = 0; i < n; ++i) print f[int(i * NR / n) + 1] }' |
    xargs -r cp -t "$work/convert/seeds/"
  # The convert target parses <ag/ag.h> per input: precompile it once
  # (docs/security.md). clang++-19 must match the target's libclang.
  printf '#include <ag/ag.h>\n#include <cstdio>\n#include <iostream>\n#include <vector>\n' \
    > "$work/convert/prelude.h"
  clang++-19 -std=c++17 -x c++-header -I"$SRC/include" "$work/convert/prelude.h" \
    -o "$work/convert/prelude.pch"
  local status=0
  for t in graph feed convert; do
    mkdir -p "$work/$t/corpus" "$work/$t/crashes"
    # A convert input takes seconds of CPU (10 s wall at load 10): a 20 s
    # limit stopped the step on a seed under load, which is no finding.
    local timeout=20
    [ "$t" = convert ] && timeout=120
    echo "-- ag-fuzz-$t"
    # -detect_leaks=0 for libFuzzer too: the graph target keeps one
    # MLIRContext across inputs, which its leak check would re-run for.
    ASAN_OPTIONS=$ASAN_RUN_OPTIONS AG_FUZZ_PCH="$work/convert/prelude.pch" \
      "$dir/bin/ag-fuzz-$t" -detect_leaks=0 \
      -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=3072 \
      -artifact_prefix="$work/$t/crashes/" -print_final_stats=1 \
      "$work/$t/corpus" "$work/$t/seeds" 2>&1 | tail -n 12 || status=1
  done
  return $status
}

run_sanitize() {
  local tsan=${AG_TSAN_BUILD_DIR:-$SRC/build-tsan} start
  SANITIZER_CMAKE_ARGS=("${ASAN_CMAKE_ARGS[@]}")
  echo "== ASan+UBSan: unit tests, differential suite, examples in $ASAN_DIR"
  sanitizer_build "$ASAN_DIR" "$ASAN_FLAGS" all
  # lit, the install test and the docs' examples compile user programs with
  # the plain compiler, which cannot link an instrumented libag.
  start=$SECONDS
  ASAN_OPTIONS=$ASAN_RUN_OPTIONS UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir "$ASAN_DIR" --output-on-failure -j "$JOBS" \
    -E '^(lit|integration|docs)'
  echo "-- ASan+UBSan tests: $((SECONDS - start)) s"
  echo "== TSan: the evaluator's concurrency tests in $tsan"
  SANITIZER_CMAKE_ARGS=()
  # Only the executables that hold the tests the -R below selects.
  sanitizer_build "$tsan" "-fsanitize=thread" EvaluatorTest ErrorRecoveryTest \
    AGRuntimeTests GraphReliabilityTest NodeTest StoreTest
  start=$SECONDS
  # Left out: the tests whose nodes run as tbb::task_group tasks. Debian's
  # libtbb is not instrumented, so TSan misses the happens-before of a
  # task's spawn and wait and reports the task object and the captured
  # std::function as races (docs/build.md). TODO(issue 16): a TSan-built
  # oneTBB, then drop this list.
  TSAN_OPTIONS=halt_on_error=1 ctest --test-dir "$tsan" --output-on-failure \
    -j "$JOBS" -R 'Parallel|Concurrent|WorkerCount|Thread' \
    -E '^(Evaluator\.ResultsAreIdenticalForAnyWorkerCount|Evaluator\.ParallelErrorIsReportedAndSessionStaysUsable|StoreTest\.ParallelNodesAreStoredAndResumed|Reliability\.KernelFailingWhileOtherBranchesRunInParallel|NodeTest\.IndependentNodesRunConcurrently)$'
  echo "-- TSan tests: $((SECONDS - start)) s"
}

case "${1:-}" in
  demo)
    install_missing
    configure_and_build
    run_demo
    ;;
  test)
    install_missing
    configure_and_build
    echo "== running every test (lit + GoogleTest + differential + integration)"
    ctest --test-dir "$BUILD" --output-on-failure -j "$JOBS"
    if [ "${AG_FULL:-0}" = 1 ]; then
      install_missing "${FUZZ_PACKAGES[@]}"
      run_sanitize
      run_fuzz
    fi
    ;;
  fuzz)
    install_missing "${FUZZ_PACKAGES[@]}"
    run_fuzz
    ;;
  sanitize)
    install_missing "${FUZZ_PACKAGES[@]}"
    run_sanitize
    ;;
  *)
    echo "usage: bash tools/dev.sh demo|test|fuzz|sanitize" >&2
    exit 2
    ;;
esac
