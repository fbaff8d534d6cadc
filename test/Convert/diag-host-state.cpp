// Host state modified under staged control flow through a pointer, a member,
// an array element, a reference parameter or a container element: each would
// be modified once while tracing (both branches are traced), not at each
// evaluation. An error at the first modification of each variable.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include <ag/ag.h>
#include <vector>

struct Stats {
  int count = 0;
  double sum = 0;
};

AG_CONVERT
ag::Tensor f(ag::Tensor x, int *p, Stats &st) {
  Stats s;
  int arr[2] = {0, 0};
  std::vector<int> hv = {1, 2, 3};
  ag::Tensor acc = 0;
  if (x > 0) {
    ++*p;
    s.count++;
    arr[0] += 1;
    st.sum = 2;
    hv.at(1) = 5;
    Stats local;
    local.count = 1; // declared in the branch: fine
    acc = acc + local.count;
  }
  return acc + s.count + arr[0];
}

// CHECK: diag-host-state.cpp:22:8: error: host variable 'p' of type 'int *' is modified under staged control flow
// CHECK: diag-host-state.cpp:23:5: error: host variable 's' of type 'Stats' is modified under staged control flow
// CHECK: diag-host-state.cpp:24:5: error: host variable 'arr' of type 'int[2]' is modified under staged control flow
// CHECK: diag-host-state.cpp:25:5: error: host variable 'st' of type 'Stats &' is modified under staged control flow
// CHECK: diag-host-state.cpp:26:5: error: host variable 'hv' of type 'std::vector<int>' is modified under staged control flow
// CHECK-NOT: error:
// CHECK: 5 errors generated.
