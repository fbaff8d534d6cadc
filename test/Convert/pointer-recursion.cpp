// A cycle through a function pointer in the same file is invisible to
// ag-convert; tracing fails at the re-entering call, naming the cycle and
// every way it can arise (not "another file": it is this one).
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s --match-full-lines

#include <ag/ag.h>

#include <iostream>

ag::Tensor down(ag::Tensor a);
ag::Tensor (*const through)(ag::Tensor) = &down; // not followed by ag-convert

AG_CONVERT
ag::Tensor step(ag::Tensor a) { return through(a - 1); }

AG_CONVERT
ag::Tensor down(ag::Tensor a) {
  if (a > 0)
    a = step(a);
  return a;
}

int main() {
  std::cout << "eager " << down(3) << "\n";
  // CHECK: eager 0
  try {
    ag::function(&down)(3);
  } catch (const ag::Error &e) {
    std::cout << e.what() << "\n";
  }
  // CHECK-NEXT:{{.*}}pointer-recursion.cpp:17:40: error: recursive call to converted function 'down' (down -> step -> down, through a function pointer, a plain helper or another file) is not supported: tracing it would never end
  // CHECK-NEXT:ag::Tensor step(ag::Tensor a) { return through(a - 1); }
}
