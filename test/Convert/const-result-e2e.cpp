// A converted function declared to return `const ag::Tensor` (or a const
// aggregate of tensors): ag::function builds its result unqualified and
// returns it as the declared type.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -Wno-ignored-qualifiers -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>
#include <iostream>
#include <utility>

AG_CONVERT const ag::Tensor grow(ag::Tensor const &x) {
  ag::Tensor y = x;
  while (y < 50)
    y = y * 2;
  return y;
}

AG_CONVERT const std::pair<ag::Tensor, ag::Tensor> both(ag::Tensor x) {
  ag::Tensor a = x, b = x;
  if (x > 0) {
    a = x * 2;
    b = x * 3;
  }
  return {a, b};
}

int main() {
  // CHECK: 96 96
  std::cout << grow(3) << " " << ag::function(&grow)(3) << "\n";
  auto [a, b] = ag::function(&both)(2.0);
  // CHECK-NEXT: 4 6 4 6
  std::cout << both(2.0).first << " " << both(2.0).second << " " << a << " "
            << b << "\n";
}
