// End to end: member functions defined inside their class (in the converted
// file), out of line, static and const, a function template with two
// instantiations; each run eagerly and through ag::method / ag::function.
// A member changed between calls is seen by the next graph call; members a
// method assigns are written back.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>
#include <iostream>

class Model {
public:
  ag::Tensor w = 2.0, b = 1.0;
  AG_CONVERT ag::Tensor forward(ag::Tensor x) const;
  AG_CONVERT ag::Tensor relu(ag::Tensor x) const {
    if (x > 0)
      return x;
    return x * 0;
  }
  AG_CONVERT void step(ag::Tensor lr) {
    w = w - lr;
    b = b + lr;
  }
  AG_CONVERT static ag::Tensor twice(ag::Tensor x) { return x * 2; }

private:
  ag::Tensor bias() const { return b; }
};

AG_CONVERT ag::Tensor Model::forward(ag::Tensor x) const {
  ag::Tensor y = relu(x * w + bias());
  return twice(y);
}

template <typename T> AG_CONVERT ag::Tensor scale(ag::Tensor x, T k) {
  ag::Tensor s = ag::Tensor(k) * 0;
  for (int i = 0; i < 3; ++i)
    if (x > i)
      s += k;
  return s * x;
}

int main() {
  Model m;
  auto forward = ag::method(m, &Model::forward);
  // CHECK: 14 14
  std::cout << m.forward(3.0) << " " << forward(3.0) << "\n";
  m.w = -5.0;
  // CHECK-NEXT: -0 -0 1
  std::cout << m.forward(3.0) << " " << forward(3.0) << " "
            << forward.traceCount() << "\n";
  Model eager;
  auto step = ag::method(m, &Model::step);
  m.w = eager.w;
  step(0.5);
  eager.step(0.5);
  // CHECK-NEXT: 1.5 1.5 1.5 1.5
  std::cout << eager.w << " " << eager.b << " " << m.w << " " << m.b << "\n";
  // CHECK-NEXT: 12 12
  std::cout << scale(ag::Tensor(2), 3) << " "
            << ag::function(&scale<int>)(ag::Tensor(2), 3) << "\n";
  // CHECK-NEXT: 1 1
  std::cout << scale(ag::Tensor(2), 0.25) << " "
            << ag::function(&scale<double>)(ag::Tensor(2), 0.25) << "\n";
  // CHECK-NEXT: 8 8
  std::cout << Model::twice(4) << " " << ag::function(&Model::twice)(4) << "\n";
}
