// Constructs with no staged form yet get a precise error rather than
// silently unconverted code.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include -I%S/Inputs 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>
#include <iostream>

struct Point {
  int x, y;
};
std::ostream &operator<<(std::ostream &os, Point p);

namespace ns {
ag::Tensor later(ag::Tensor x);
}

AG_CONVERT
ag::Tensor ns::later(ag::Tensor x) { return x; }

AG_CONVERT
ag::Tensor streams(ag::Tensor x) {
  std::cerr << "x = " << x << "\n";
  std::cout << Point{1, 2} << x << "\n";
  return x;
}

// CHECK:{{.*}}diag-unsupported.cpp:18:16: error: AG_CONVERT on an out-of-line definition is not supported yet; define 'later' inside its namespace
// CHECK-NEXT:   18 | ag::Tensor ns::later(ag::Tensor x) { return x; }
// CHECK-NEXT:      |                ^
// CHECK-NEXT:{{.*}}diag-unsupported.cpp:22:3: error: printing to a stream other than std::cout is not supported in a converted function
// CHECK-NEXT:   22 |   std::cerr << "x = " << x << "\n";
// CHECK-NEXT:      |   ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:{{.*}}diag-unsupported.cpp:23:16: error: printing a value of type 'Point' is not supported in a converted function
// CHECK-NEXT:   23 |   std::cout << Point{1, 2} << x << "\n";
// CHECK-NEXT:      |                ^~~~~~~~~~~
// CHECK-NEXT:3 errors generated.
