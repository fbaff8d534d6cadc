// A member function of a class template converts like a member function
// template: its twin is inside it, instantiated with the class, and each
// instantiation of the class the file makes (that uses the member) is
// registered for ag::method, by its own pointer-to-member. A member whose
// type depends on the template parameter is state of the instantiations
// where it is a tensor or a number (selfMember_).
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s
// RUN: FileCheck --check-prefix=REG %s < %t.cpp
// RUN: not grep -q 'registerMethod(&::nn::Layer<lon[g]>' %t.cpp

#include <ag/ag.h>
#include <iostream>
#include <string>

namespace nn {
template <typename Scale> class Layer {
public:
  explicit Layer(Scale s) : scale(s) {}
  // REG: ::ag::detail::SelfScope ag_self(this, {{[{][{]}}"w", w}, {"steps", steps}});
  // REG-NEXT: ::ag::detail::selfMember_<decltype(scale)>(this, "scale", scale);
  // REG-DAG: in_place_{{[0-9]+}}_forward = ::ag::detail::registerMethod(&::nn::Layer<double>::forward, "Layer<double>::forward"
  // REG-DAG: in_place_{{[0-9]+}}_forward = ::ag::detail::registerMethod(&::nn::Layer<int>::forward, "Layer<int>::forward"
  // REG-DAG: in_place_{{[0-9]+}}_forward = ::ag::detail::registerMethod(&::nn::Layer< ::std::basic_string<char, {{.*}}>>::forward, "Layer<std::basic_string<char>>::forward"
  // REG-DAG: in_place_{{[0-9]+}}_forward = ::ag::detail::registerMethod(&::nn::Layer<float>::forward, "Layer<float>::forward"
  AG_CONVERT ag::Tensor forward(ag::Tensor x) const {
    ag::Tensor y = x * w;
    for (int i = 0; i < steps; ++i)
      if (y < 100)
        y = y * factor();
    return y;
  }
  // REG-DAG: in_place_{{[0-9]+}}_make = ::ag::detail::registerTwin(reinterpret_cast<const void *>(&::nn::Layer<int>::make)
  AG_CONVERT static ag::Tensor make(ag::Tensor x) {
    if (x > 0)
      return x;
    return -x;
  }
  ag::Tensor w = 2.0;
  int steps = 3;

private:
  ag::Tensor factor() const {
    if constexpr (std::is_same_v<Scale, std::string>)
      return ag::Tensor(double(scale.size()));
    else
      return ag::Tensor(scale);
  }
  Scale scale;
};
} // namespace nn

// An explicit instantiation defines (and registers) every member; a class
// instantiation that never uses forward does not.
template class nn::Layer<float>;
nn::Layer<long> *unused = nullptr;

int main() {
  nn::Layer<double> d(1.5);
  nn::Layer<int> i(3);
  nn::Layer<std::string> s("four");
  auto gd = ag::method(d, &nn::Layer<double>::forward);
  auto gi = ag::method(i, &nn::Layer<int>::forward);
  auto gs = ag::method(s, &nn::Layer<std::string>::forward);
  // CHECK: 6.75 6.75
  std::cout << d.forward(1.0) << " " << gd(1.0) << "\n";
  // CHECK-NEXT: 54 54
  std::cout << i.forward(1.0) << " " << gi(1.0) << "\n";
  // CHECK-NEXT: 128 128
  std::cout << s.forward(1.0) << " " << gs(1.0) << "\n";
  // State changed between calls is read by the next one, dependent or not.
  i.w = 200.0;
  // CHECK-NEXT: 200 200
  std::cout << i.forward(1.0) << " " << gi(1.0) << "\n";
  i.w = 1.0;
  i.steps = 1;
  // CHECK-NEXT: 3 3
  std::cout << i.forward(1.0) << " " << gi(1.0) << "\n";
  auto m = ag::function(&nn::Layer<int>::make);
  // CHECK-NEXT: 5 5
  std::cout << nn::Layer<int>::make(-5.0) << " " << m(-5.0) << "\n";
}
