// Tracing recursion between converted functions would never end.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

AG_CONVERT
ag::Tensor fact(ag::Tensor n) {
  if (n <= 1)
    return 1;
  return n * fact(n - 1);
}

AG_CONVERT ag::Tensor odd(ag::Tensor n);

AG_CONVERT
ag::Tensor even(ag::Tensor n) { return n == 0 ? ag::Tensor(true) : odd(n - 1); }

AG_CONVERT
ag::Tensor odd(ag::Tensor n) { return n == 0 ? ag::Tensor(false) : even(n - 1); }

// CHECK:{{.*}}diag-recursion.cpp:10:14: error: recursive call to converted function 'fact' is not supported: tracing it would never end
// CHECK-NEXT:   10 |   return n * fact(n - 1);
// CHECK-NEXT:      |              ^~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-recursion.cpp:19:68: error: recursive call to converted function 'even' is not supported: tracing it would never end
// CHECK-NEXT:   19 | ag::Tensor odd(ag::Tensor n) { return n == 0 ? ag::Tensor(false) : even(n - 1); }
// CHECK-NEXT:      |                                                                    ^~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-recursion.cpp:16:68: note: 'even' calls 'odd' here
// CHECK-NEXT:   16 | ag::Tensor even(ag::Tensor n) { return n == 0 ? ag::Tensor(true) : odd(n - 1); }
// CHECK-NEXT:      |                                                                    ^
// CHECK-NEXT:2 errors generated.
