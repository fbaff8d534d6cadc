#!/usr/bin/env bash
# The README's two commands:
#   bash tools/dev.sh demo   install what is missing, build, run the main demo
#   bash tools/dev.sh test   install what is missing, build, run every test
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

PACKAGES=(cmake ninja-build g++ ccache python3 git
  llvm-19-dev libmlir-19-dev mlir-19-tools libclang-19-dev clang-19 llvm-19-tools
  libtbb-dev libeigen3-dev graphviz libgtest-dev libgmock-dev libbenchmark-dev)

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
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
    ;;
  *)
    echo "usage: bash tools/dev.sh demo|test" >&2
    exit 2
    ;;
esac
