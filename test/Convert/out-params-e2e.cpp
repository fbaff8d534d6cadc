// Non-const ag::Tensor& parameters are out-parameters: extra graph results
// that ag::function writes back (left undefined by the caller, they are no
// graph input).
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>
#include <iostream>

AG_CONVERT
void minmax(ag::Tensor v, ag::Tensor &lo, ag::Tensor &hi) {
  lo = v[0];
  hi = v[0];
  for (ag::Tensor x : v) {
    if (x < lo)
      lo = x;
    if (x > hi)
      hi = x;
  }
}

AG_CONVERT
ag::Tensor scale(ag::Tensor v, ag::Tensor &count, double k) {
  count = count + 1;
  return v * k;
}

int main() {
  ag::Tensor v = {3.0, -1.0, 7.0, 2.0};
  ag::Tensor lo, hi, glo, ghi;
  auto g = ag::function(&minmax);
  minmax(v, lo, hi);
  g(v, glo, ghi);
  // CHECK: -1 7 | -1 7
  std::cout << lo << " " << hi << " | " << glo << " " << ghi << "\n";
  g(ag::Tensor{1.0, 5.0}, glo, ghi); // defined now: another trace
  // CHECK-NEXT: 1 5
  std::cout << glo << " " << ghi << "\n";
  ag::Tensor c = 0, gc = 0;
  auto s = ag::function(&scale);
  ag::Tensor r = scale(scale(v, c, 2.0), c, 2.0);
  ag::Tensor gr = s(s(v, gc, 2.0), gc, 2.0);
  // CHECK-NEXT: [12, -4, 28, 8] 2 | [12, -4, 28, 8] 2
  std::cout << r << " " << c << " | " << gr << " " << gc << "\n";
}
