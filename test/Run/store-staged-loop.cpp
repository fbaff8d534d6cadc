// Nodes inside a staged loop are stored per iteration (issue 14): a run that
// throws at iteration 12 resumes there, a rerun runs no node, and
// ag-run --inspect lists the loop's nodes with their iterations.
// clang-format off
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: rm -rf %t.store
// RUN: not env AG_STORE=%t.store FAIL_AT=11 %t.exe 20 | FileCheck %s --check-prefix=FAILED
// RUN: env AG_STORE=%t.store %t.exe 20 | FileCheck %s --check-prefix=RESUMED
// RUN: env AG_STORE=%t.store %t.exe 22 | FileCheck %s --check-prefix=LONGER
// RUN: ag-run --inspect %t.store --run 2 | FileCheck %s --check-prefix=INSPECT
// REQUIRES: ag-runtime
// clang-format on
#include <ag/ag.h>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

static int calls = 0;

AG_NODE long step(long r, long i) {
  ++calls;
  const char *fail = std::getenv("FAIL_AT");
  if (fail && i == std::atol(fail))
    throw std::runtime_error("step failed at " + std::to_string(i));
  return r + i;
}

// The bound is a tensor: the loop is staged (one ag.for in the graph).
AG_CONVERT
long total(ag::Tensor n, long x) {
  long r = x;
  for (long i = 0; i < n; ++i)
    r = step(r, i);
  return r;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? std::atol(argv[1]) : 20;
  try {
    long v = ag::function(&total)(ag::Tensor(n), 1);
    std::printf("total = %ld, calls = %d\n", v, calls);
  } catch (const std::exception &e) {
    std::printf("error: %s, calls = %d\n", e.what(), calls);
    return 1;
  }
}

// FAILED: node 'step' threw std::runtime_error: step failed at 11
// FAILED: , calls = 12
// Iterations 12..20 only.
// RESUMED: total = 191, calls = 9
// The first 20 iterations are stored: 2 more.
// LONGER: total = 232, calls = 2

// INSPECT: run 2 (total): ok
// INSPECT: node                variable    status
// INSPECT: step [11]           {{.*}} cached {{.*}}store-staged-loop.cpp:35:9
// INSPECT: step [12]           {{.*}} ran {{.*}}store-staged-loop.cpp:35:9 {{[0-9a-f]+$}}
// INSPECT: step [20]           {{.*}} ran
