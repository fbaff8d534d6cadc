// An out-parameter assigned before a lowered (staged) `return` keeps the
// value it had at that return: each return keeps it in a slot, like the
// function's result, and a path that returned no longer has to carry it (the
// merge after an `if` that returns takes the other branch's values).
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp

#include <ag/ag.h>
#include <iostream>

using ag::Tensor;

// No value on entry: only the path that does not return assigns it later.
// TWIN-LABEL: void ag_twin_null_return(
// TWIN: ::ag::Tensor ag_retval_out;
// TWIN: {{^ +}}ag_retval_out = ::ag::detail::outAtReturn_({{$}}
// TWIN-NEXT: {[[#@LINE+5]], 5, [[#@LINE+5]], 10, "out"}, "out", out, ag_do_return);
// TWIN: out = ag_retval_out;
AG_CONVERT void null_return(Tensor n, Tensor &out) {
  if (n > 4) {
    out = 1;
    return;
  }
  out = 2;
}

// Assigned before the if, reassigned after: the early return keeps 1.
AG_CONVERT void reassigned(Tensor n, Tensor &out) {
  out = 1;
  if (n > 4)
    return;
  out = 2;
}

// Returns from a staged loop; two out-parameters and a result.
AG_CONVERT Tensor first_above(Tensor v, Tensor limit, Tensor &index,
                              Tensor &value) {
  Tensor i = 0;
  for (Tensor x : v) {
    if (x > limit) {
      index = i;
      value = x;
      return Tensor(true);
    }
    i = i + 1;
  }
  index = -1;
  value = 0.0;
  return Tensor(false);
}

// Nested ifs, one branch leaving it as the caller passed it.
AG_CONVERT void classify(Tensor x, Tensor &out) {
  if (x > 0) {
    if (x > 10) {
      out = 2;
      return;
    }
    out = 1;
    return;
  }
  if (x < -10)
    return;
  out = out - 1;
}

// A weak value kept at a return stays weak, as eagerly: `a + out` with an
// int32 `a` is int32.
AG_CONVERT void weak(Tensor x, Tensor &out) {
  out = 1;
  if (x > 0) {
    out = out + 2;
    return;
  }
  out = out + 1;
}

// Assigned on one return only, no value on entry: a located error.
AG_CONVERT void half(Tensor x, Tensor &out) {
  if (x > 0)
    return;
  out = x;
}

int main() {
  auto g = ag::function(&null_return);
  for (int n : {3, 5}) {
    Tensor e, r;
    null_return(n, e);
    g(n, r);
    std::cout << e << " " << r << "\n";
  }
  // CHECK: 2 2
  // CHECK-NEXT: 1 1
  auto g2 = ag::function(&reassigned);
  for (int n : {3, 5}) {
    Tensor e, r;
    reassigned(n, e);
    g2(n, r);
    std::cout << e << " " << r << "\n";
  }
  // CHECK-NEXT: 2 2
  // CHECK-NEXT: 1 1
  auto g3 = ag::function(&first_above);
  Tensor v = {1.0, 4.0, 9.0};
  for (double limit : {3.0, 20.0}) {
    Tensor ei, ev, gi, gv;
    Tensor e = first_above(v, limit, ei, ev);
    Tensor r = g3(v, limit, gi, gv);
    std::cout << e << " " << ei << " " << ev << " | " << r << " " << gi << " "
              << gv << "\n";
  }
  // CHECK-NEXT: true 1 4 | true 1 4
  // CHECK-NEXT: false -1 0 | false -1 0
  auto g4 = ag::function(&classify);
  for (int x : {20, 5, -20, -5}) {
    Tensor e = 7, r = 7;
    classify(x, e);
    g4(x, r);
    std::cout << e << " " << r << "\n";
  }
  // CHECK-NEXT: 2 2
  // CHECK-NEXT: 1 1
  // CHECK-NEXT: 7 7
  // CHECK-NEXT: 6 6
  Tensor a = ag::cast(Tensor(1), ag::Int32), we, wg;
  weak(a, we);
  ag::function (&weak)(a, wg);
  // CHECK-NEXT: 4 int32 4 int32
  std::cout << a + we << " " << ag::dtypeName((a + we).dtype()) << " "
            << a + wg << " " << ag::dtypeName((a + wg).dtype()) << "\n";
  Tensor defined = 3;
  ag::function (&half)(1, defined);
  // CHECK-NEXT: 3
  std::cout << defined << "\n";
  try {
    Tensor none;
    ag::function (&half)(1, none);
  } catch (const ag::Error &e) {
    // CHECK-NEXT: out-params-early-return-e2e.cpp:84:5: error: out-parameter 'out' has no value when the function returns here
    std::cout << e.what() << "\n";
  }
}
