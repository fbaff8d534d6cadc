// A lambda in a converted function may hold staged ?:, && and || (they
// become ag::cond_, ag::and_ and ag::or_ inside the lambda, with their
// short-circuit) and call converted functions (their twins run while
// tracing). They used to be rejected as "staged control flow inside a
// lambda". Staged if/while/for statements in a lambda still are
// (diag-lambda.cpp).
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cstring>
#include <iostream>

AG_CONVERT
ag::Tensor clampPositive(ag::Tensor x) {
  if (x < 0)
    return 0 * x;
  return x;
}

AG_CONVERT
ag::Tensor f(ag::Tensor x, ag::Tensor y) {
  auto relu = [](ag::Tensor v) { return v > 0 ? v : 0 * v; };
  auto safe = [](ag::Tensor a, ag::Tensor b) -> ag::Tensor {
    return b != 0 && a / b > 1;
  };
  auto shifted = [](ag::Tensor v) { return clampPositive(v - 2); };
  ag::Tensor r = relu(x) + shifted(y);
  if (safe(x, y))
    r = r * 10;
  return r + [&] { return x > y ? x : y; }();
}
// TWIN-LABEL: ag::Tensor ag_twin_f(
// TWIN: auto relu = [](ag::Tensor v) { return ::ag::cond_(
// TWIN: return ::ag::and_(
// TWIN: auto shifted = [](ag::Tensor v) { return clampPositive(v - 2); };

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
  auto g = ag::function(&f);
  for (int x : {-3, 0, 5})
    for (int y : {0, 2, 4})
      std::cout << x << " " << y << ": "
                << (graph ? g(x, y) : f(x, y)) << '\n';
}
// CHECK: -3 0: 0
// CHECK: 5 2: 55
