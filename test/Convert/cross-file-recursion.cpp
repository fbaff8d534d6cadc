// Recursion through another file is not seen by ag-convert (it converts one
// file at a time); tracing it fails at the call that re-enters a twin
// running through ag::detail::callTwin, instead of never ending. Run
// eagerly, the twins recurse as the originals do.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include -I%S/Inputs > %t.cpp
// RUN: ag-convert %S/Inputs/cross-file-recursion-callee.cpp -- -std=c++17 -I%ag_include -I%S/Inputs > %t.callee.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include -I%S/Inputs %t.cpp %t.callee.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s --match-full-lines

#include "cross-file-recursion.h"

#include <iostream>

AG_CONVERT
ag::Tensor ping(ag::Tensor x) {
  if (x > 0)
    return pong(x - 1);
  return x + 1;
}

int main() {
  using Fn = ag::Tensor (*)(ag::Tensor);
  Fn twin = reinterpret_cast<Fn>(const_cast<void *>(
      ag::detail::lookupTwin(reinterpret_cast<const void *>(&ping))));
  std::cout << "eager " << ping(ag::Tensor(5L)) << " twin "
            << twin(ag::Tensor(5L)) << "\n";
  // CHECK: eager 32 twin 32
  try {
    ag::function(&ping)(ag::Tensor(5L));
  } catch (const ag::Error &e) {
    std::cout << e.what() << "\n";
  }
  // CHECK-NEXT:{{.*}}cross-file-recursion.cpp:18:12: error: recursive call to converted function 'pong' (pong -> ping -> pong, through a function pointer, a plain helper or another file) is not supported: tracing it would never end
  // CHECK-NEXT:    return pong(x - 1);
  // CHECK-NEXT:           ^~~~~~~~~~~
  // CHECK-NEXT:{{.*}}cross-file-recursion.cpp:16:12: note: in 'ping'
  // CHECK:{{.*}}cross-file-recursion-callee.cpp:4:40: note: called from here
  // CHECK:{{.*}}cross-file-recursion-callee.cpp:4:12: note: in 'pong'
  // CHECK:{{.*}}cross-file-recursion.cpp:18:12: note: called from here
}
