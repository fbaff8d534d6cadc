#!/usr/bin/env bash
# Installs ag to a temporary prefix, then builds examples/ as a separate CMake
# project with find_package(AG) and checks the build-step contract:
#   1. the examples build and run against the installed package;
#   2. touching a header re-converts only the sources that include it;
#   3. an unsupported construct fails the build with the diagnostic at the
#      user's file and line.
# usage: install_test.sh <ag build dir> <ag source dir> <generator>
set -euo pipefail
build=$1 src=$2 generator=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

# Install, then move the prefix: the installed tree must be relocatable.
cmake --install "$build" --prefix "$work/staging" >/dev/null
mv "$work/staging" "$work/prefix"
if grep -rq "$work/staging" "$work/prefix/lib/cmake/AG"; then
  fail "the installed CMake package names its install path"
fi
cp -r "$src/examples" "$work/examples"

cmake -G "$generator" -S "$work/examples" -B "$work/build" \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/build" >"$work/log1" 2>&1 || { cat "$work/log1"; fail "examples did not build"; }
"$work/build/collatz/collatz-demo" | grep -q "graph  collatz(27) = 111" || fail "collatz-demo output"
echo "ok: examples build and run against the installed, relocated package ($generator)"

# Eager code links the MLIR-free runtime alone: AG::runtime loads neither
# libag.so nor MLIR, LLVM or Clang.
mkdir "$work/eager"
cat >"$work/eager/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(eager LANGUAGES CXX)
set(CMAKE_CXX_STANDARD 17)
find_package(AG CONFIG REQUIRED)
add_executable(eager eager.cpp)
target_link_libraries(eager PRIVATE AG::runtime)
CMAKE
cat >"$work/eager/eager.cpp" <<'CPP'
#include "ag/Tensor.h"
#include <cstdio>
int main() {
  ag::Tensor x = {1.0, 2.0, 3.0};
  std::printf("eager sum = %g\n", ag::sum(x * x).item<double>());
}
CPP
cmake -G "$generator" -S "$work/eager" -B "$work/eager-build" \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/eager-build" >"$work/log-eager" 2>&1 || { cat "$work/log-eager"; fail "eager program did not build against AG::runtime"; }
"$work/eager-build/eager" | grep -q "eager sum = 14" || fail "eager program output"
if ldd "$work/eager-build/eager" | grep -E "libag\.so|libMLIR|libLLVM|libclang"; then
  fail "a program linking AG::runtime loads the compiler stack"
fi
echo "ok: an eager program links AG::runtime alone, without MLIR"
# A hand-written -lag links both libraries (lib/libag.so is a linker
# script): the program calls the runtime's symbols directly.
"${CXX:-c++}" -std=c++17 -I"$work/prefix/include" "$work/eager/eager.cpp" \
  -o "$work/eager-lag" -L"$work/prefix/lib" -lag -Wl,-rpath,"$work/prefix/lib" \
  || fail "-lag did not link a program that calls the runtime"
"$work/eager-lag" | grep -q "eager sum = 14" || fail "-lag program output"
echo "ok: -lag links libag.so and libag_runtime.so"

# A rebuild with nothing changed converts nothing.
cmake --build "$work/build" >"$work/log2" 2>&1
if grep -q "ag-convert" "$work/log2"; then cat "$work/log2"; fail "no-op rebuild re-converted"; fi

# Touch a header included only by collatz.cpp (and main.cpp).
sleep 1
touch "$work/examples/collatz/collatz.h"
cmake --build "$work/build" >"$work/log3" 2>&1
grep -q "ag-convert collatz.cpp" "$work/log3" || { cat "$work/log3"; fail "collatz.cpp not re-converted after its header changed"; }
if grep -q "ag-convert huber.cpp\|ag-convert search.cpp\|ag-convert pipeline.cpp" "$work/log3"; then
  cat "$work/log3"; fail "unrelated sources were re-converted"
fi
echo "ok: touching collatz.h re-converted only collatz.cpp"

# An unsupported construct: the build fails at the user's file and line.
cat >>"$work/examples/search/search.cpp" <<'CPP'

AG_CONVERT
ag::Tensor jumps(ag::Tensor n) {
  if (n > 0)
    goto done;
  n = -n;
done:
  return n;
}
CPP
line=$(grep -n "goto done" "$work/examples/search/search.cpp" | cut -d: -f1)
if cmake --build "$work/build" >"$work/log4" 2>&1; then fail "build with goto succeeded"; fi
grep -q "search.cpp:$line:[0-9]*: error:" "$work/log4" || { cat "$work/log4"; fail "no diagnostic at search.cpp:$line"; }
echo "ok: unsupported construct reported at search.cpp:$line"
