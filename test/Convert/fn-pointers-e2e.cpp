// A call that reaches an AG_CONVERT original while tracing (through a
// function pointer or reference, held anywhere, or a plain helper) runs its
// twin: the original starts with `if (tracing()) return callTwin(...)`.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>
#include <iostream>

AG_CONVERT
ag::Tensor collatz(ag::Tensor a) {
  ag::Tensor n = 0;
  while (a != 1) {
    if (a % 2 == 0)
      a = a / 2;
    else
      a = 3 * a + 1;
    n += 1;
  }
  return n;
}

ag::Tensor twice(ag::Tensor (*fn)(ag::Tensor), ag::Tensor x) {
  return fn(x) + fn(x + 1);
}

using Fn = ag::Tensor (*)(ag::Tensor);
// const: a mutable global would be frozen at trace time (a conversion error).
const Fn globalFn = &collatz;

AG_CONVERT
ag::Tensor viaPointer(ag::Tensor a) {
  ag::Tensor (*fp)(ag::Tensor) = &collatz;
  ag::Tensor (&fr)(ag::Tensor) = collatz;
  return fp(a) + fr(a) + twice(collatz, a) + globalFn(a);
}

int main() {
  auto g = ag::function(&viaPointer);
  // CHECK: 48 48
  // CHECK-NEXT: 67 67
  // CHECK-NEXT: 462 462
  for (int a : {6, 7, 27})
    std::cout << viaPointer(a) << " " << g(a) << "\n";
  // CHECK-NEXT: 111
  std::cout << ag::function(globalFn)(27) << "\n";
}
