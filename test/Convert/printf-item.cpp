// printf of `t.item<T>()`, also under casts `(U)` / static_cast<U>: the
// graph prints the value the eager code passed, converted to T (then U).
// It used to print the tensor as the format read it: `%.10f` of a float64
// `x.item<float>()` printed the double, `%d` of `x.item<bool>()` truncated
// 0.3 to 0, and a cast around item() failed while tracing ("cannot read
// the elements of a staged tensor").
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>
#include <cstdio>
#include <iostream>

AG_CONVERT
ag::Tensor show(ag::Tensor x, ag::Tensor c) {
  ag::Tensor y = x * 3;
  printf("%.10f %d\n", y.item<float>(), y.item<bool>());
  printf("%.10f|%ld|%d|%.10f\n", (double)y.item<float>(),
         (long)y.item<double>(), static_cast<int>(y.item<long long>()),
         (float)y.item<double>());
  printf("%.10g\n", c > 0 ? y.item<float>() : (y * 2).item<double>());
  return y;
}

int main() {
  setvbuf(stdout, nullptr, _IONBF, 0);
  auto graph = ag::function(&show);
  for (double v : {0.1, 3.3e9}) {
    for (int c : {-1, 1}) {
      show(v, c);
      std::cout << "--\n";
      graph(ag::Tensor(v), ag::Tensor(c));
      std::cout << "==\n";
    }
  }
}
// CHECK:      0.3000000119 1
// CHECK-NEXT: 0.3000000119|0|0|0.3000000119
// CHECK-NEXT: 0.6
// CHECK-NEXT: --
// CHECK-NEXT: 0.3000000119 1
// CHECK-NEXT: 0.3000000119|0|0|0.3000000119
// CHECK-NEXT: 0.6
// CHECK-NEXT: ==
// CHECK-NEXT: 0.3000000119 1
// CHECK-NEXT: 0.3000000119|0|0|0.3000000119
// CHECK-NEXT: 0.3000000119
// CHECK-NEXT: --
// CHECK-NEXT: 0.3000000119 1
// CHECK-NEXT: 0.3000000119|0|0|0.3000000119
// CHECK-NEXT: 0.3000000119
// CHECK-NEXT: ==
// The int conversion of 9.9e9 wraps as the eager static_cast<int> does.
// CHECK-NEXT: [[F:9900000256.0000000000]] 1
// CHECK-NEXT: [[F]]|9900000000|[[W:1310065408]]|[[F]]
// CHECK-NEXT: 1.98e+10
// CHECK-NEXT: --
// CHECK-NEXT: [[F]] 1
// CHECK-NEXT: [[F]]|9900000000|[[W]]|[[F]]
// CHECK-NEXT: 1.98e+10
// CHECK-NEXT: ==
