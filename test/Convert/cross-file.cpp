// End to end across files: a twin calls converted functions defined in
// another file (Inputs/cross-file-callee.cpp, converted on its own) through
// the registry, traced and eagerly. When that file is not converted, the
// call fails at run time (not at link time) at the calling statement, the
// same way traced or eager.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include -I%S/Inputs > %t.cpp
// RUN: ag-convert %S/Inputs/cross-file-callee.cpp -- -std=c++17 -I%ag_include -I%S/Inputs > %t.callee.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include -I%S/Inputs %t.cpp %t.callee.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include -I%S/Inputs %t.cpp %S/Inputs/cross-file-callee.cpp -o %t.unconverted.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.unconverted.exe | FileCheck %s --check-prefix=MISSING --match-full-lines

#include "cross-file-callee.h"

#include <iostream>

AG_CONVERT
ag::Tensor caller(ag::Tensor x) {
  ag::Tensor y = 0;
  while (x > 0) {
    if (x % 3 == 0)
      y += geo::collatzSteps(x);
    else
      y += geo::scale(x, 2) - geo::scale(x, y);
    x -= 4;
  }
  return magnitude(y - 40);
}

int main() {
  using Fn = ag::Tensor (*)(ag::Tensor);
  auto graph = ag::function(&caller);
  // The twin itself, run without a tracer: its calls still go through the
  // registry.
  Fn twin = reinterpret_cast<Fn>(const_cast<void *>(
      ag::detail::lookupTwin(reinterpret_cast<const void *>(&caller))));
  int bad = 0;
  try {
    for (long v = -3; v <= 30; ++v)
      bad += !caller(ag::Tensor(v)).identical(graph(ag::Tensor(v)));
    std::cout << "graph mismatches: " << bad << "\n";
  } catch (const ag::Error &e) {
    std::cout << "traced: " << e.what() << "\n";
  }
  try {
    bad = 0;
    for (long v = 30; v >= -3; --v) // 30 calls geo::collatzSteps first
      bad += !caller(ag::Tensor(v)).identical(twin(ag::Tensor(v)));
    std::cout << "eager twin mismatches: " << bad << "\n";
  } catch (const ag::Error &e) {
    std::cout << "eager: " << e.what() << "\n";
  }
}

// CHECK: graph mismatches: 0
// CHECK-NEXT: eager twin mismatches: 0

// MISSING:traced: {{.*}}cross-file.cpp:23:7: error: 'geo::collatzSteps' is AG_CONVERT but its twin is not registered: the file defining it was not converted (add it to ag_convert(... SOURCES ...))
// MISSING-NEXT:      y += geo::collatzSteps(x);
// MISSING-NEXT:      ^~~~~~~~~~~~~~~~~~~~~~~~~
// MISSING-NEXT:{{.*}}cross-file.cpp:19:12: note: in 'caller'
// MISSING-NEXT:ag::Tensor caller(ag::Tensor x) {
// MISSING-NEXT:           ^
// MISSING-NEXT:eager: {{.*}}cross-file.cpp:23:7: error: 'geo::collatzSteps' is AG_CONVERT but its twin is not registered: the file defining it was not converted (add it to ag_convert(... SOURCES ...))
// MISSING-NEXT:      y += geo::collatzSteps(x);
// MISSING-NEXT:      ^~~~~~~~~~~~~~~~~~~~~~~~~
// MISSING-NEXT:{{.*}}cross-file.cpp:19:12: note: in 'caller'
// MISSING-NEXT:ag::Tensor caller(ag::Tensor x) {
// MISSING-NEXT:           ^
