// Falling off the end of a non-void converted function is an error with the
// path that does (issue 10 item 4): the twin would return an undefined
// tensor. Paths that end in a return, a noreturn call or an endless host loop
// are fine.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --implicit-check-not=error:

#include <ag/ag.h>
#include <cstdlib>

AG_CONVERT
ag::Tensor stagedIfWithoutElse(ag::Tensor x) {
  if (x > 0)
    return x;
  x = x + 1;
}
// CHECK: diag-falls-off-end.cpp:[[@LINE-1]]:1: error: control can reach the end of non-void function 'stagedIfWithoutElse' without a 'return'
// CHECK: diag-falls-off-end.cpp:[[@LINE-3]]:3: note: this path continues to the end of the function

AG_CONVERT
ag::Tensor loopThenNothing(ag::Tensor n) {
  ag::Tensor i = 0;
  while (i < n) {
    if (i > 5)
      return i;
    i += 1;
  }
}
// CHECK: diag-falls-off-end.cpp:[[@LINE-1]]:1: error: control can reach the end of non-void function 'loopThenNothing'
// CHECK: note: this path continues to the end of the function

AG_CONVERT
ag::Tensor emptyBody(ag::Tensor x) {}
// CHECK: diag-falls-off-end.cpp:[[@LINE-1]]:37: error: control can reach the end of non-void function 'emptyBody'

// Fine: every path returns or never reaches the end.
AG_CONVERT
ag::Tensor bothBranchesReturn(ag::Tensor x) {
  if (x > 0)
    return x;
  else
    return -x;
}

AG_CONVERT
ag::Tensor endlessHostLoop(ag::Tensor x) {
  while (true) {
    if (x > 100)
      return x;
    x = x * 2;
  }
}

AG_CONVERT
ag::Tensor endsInAbort(ag::Tensor x) {
  if (x > 0)
    return x;
  std::abort();
}

AG_CONVERT
void nothingToReturn(ag::Tensor x) {
  if (x > 0)
    ag::print(x);
}
