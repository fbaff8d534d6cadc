// A member function template of a (non-template) class converts like a free
// function template: its twin is inside it, instantiated with it, and each
// instantiation the file makes is registered for ag::method (and a static
// one for ag::function).
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s
// RUN: FileCheck --check-prefix=REG %s < %t.cpp

#include <ag/ag.h>
#include <iostream>

struct Scaler {
  ag::Tensor w = 2.0;
  // REG-DAG: ag_registered_in_place_{{[0-9]+}}_apply = ::ag::detail::registerMethod(static_cast<::ag::Tensor (::Scaler::*)(::ag::Tensor, int)>(&::Scaler::apply<int>), "Scaler::apply<int>"
  // REG-DAG: ag_registered_in_place_{{[0-9]+}}_apply = ::ag::detail::registerMethod(static_cast<::ag::Tensor (::Scaler::*)(::ag::Tensor, double)>(&::Scaler::apply<double>), "Scaler::apply<double>"
  template <typename T> AG_CONVERT ag::Tensor apply(ag::Tensor x, T k) {
    ag::Tensor y = x * w;
    while (y < 100)
      y = y * k;
    return y;
  }
  // REG-DAG: ag_registered_in_place_{{[0-9]+}}_clampTo = ::ag::detail::registerTwin(reinterpret_cast<const void *>(static_cast<::ag::Tensor (*)(::ag::Tensor, long)>(&::Scaler::clampTo<long>))
  template <typename T> AG_CONVERT static ag::Tensor clampTo(ag::Tensor x, T hi) {
    if (x > ag::Tensor(hi))
      return ag::Tensor(hi) * 1.0;
    return x;
  }
};

int main() {
  Scaler s;
  auto gi = ag::method(s, &Scaler::apply<int>);
  auto gd = ag::method(s, &Scaler::apply<double>);
  // CHECK: 128 128
  std::cout << s.apply(1.0, 2) << " " << gi(1.0, 2) << "\n";
  // CHECK-NEXT: 108 108
  std::cout << s.apply(2.0, 3.0) << " " << gd(2.0, 3.0) << "\n";
  s.w = 5.0; // a member changed between calls is read by the next one
  // CHECK-NEXT: 160 160
  std::cout << s.apply(1.0, 2) << " " << gi(1.0, 2) << "\n";
  auto c = ag::function(&Scaler::clampTo<long>);
  // CHECK-NEXT: 7 7
  std::cout << Scaler::clampTo(9.0, 7L) << " " << c(9.0, 7L) << "\n";
  // CHECK-NEXT: 3 3
  std::cout << Scaler::clampTo(3.0, 7L) << " " << c(3.0, 7L) << "\n";
}
