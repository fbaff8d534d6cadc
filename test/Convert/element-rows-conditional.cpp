// Rows `v[i]` of a tensor variable are ag::Tensor::Element values. A staged
// ?: choosing between two rows is a tensor value like any other (it was
// rejected: "cannot be used as 'const Element'", found by agsmith seed 50);
// assigning to a row chosen by a host ?: would write `v` without the
// analysis seeing an assignment of `v`: a located error.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include -DROW_THROUGH_CONDITIONAL 2>&1 | FileCheck %s --check-prefix=DIAG

#include <ag/ag.h>
#include <iostream>

AG_CONVERT ag::Tensor pick(ag::Tensor a, ag::Tensor v) {
  ag::Tensor s = 0;
  s += ((a > 0) ? v[1] : v[2]) % 1000;
  auto w = (a < 2) ? v[0] : v[1];
  ag::Tensor m = (a > 1) ? v[0] + 1 : v[2];
  return s + w + m;
}

#ifdef ROW_THROUGH_CONDITIONAL
AG_CONVERT ag::Tensor through(ag::Tensor a, ag::Tensor v) {
  int k = 1;
  for (ag::Tensor i = 0; i < a; ++i)
    // DIAG: [[@LINE+1]]:5: error: assigning to a row not written as 't[i]' of a tensor variable 't' (such as a row chosen by '?:'; use an if) is not supported in a converted function
    (k > 0 ? v[0] : v[1]) += 1;
  return v;
}
#endif

int main() {
  ag::Tensor v = {5, 7, 9};
  for (int a : {-1, 1, 2, 3}) {
    ag::Tensor eager = pick(a, v);
    ag::Tensor graph = ag::function(&pick)(ag::Tensor(a), v);
    std::cout << eager << (eager.identical(graph) ? " same" : " DIFF") << "\n";
  }
  // CHECK: 23 same
  // CHECK-NEXT: 21 same
  // CHECK-NEXT: 20 same
  // CHECK-NEXT: 20 same
}
