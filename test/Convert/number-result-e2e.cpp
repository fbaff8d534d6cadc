// A converted function returning a number (bool, int, float, double), or a
// std::pair/std::tuple mixing numbers and tensors, works through
// ag::function: its twin returns each number as a 0-d tensor of the number's
// type (t.item<T>() reads one as a weak 0-d tensor, C++'s conversions become
// casts) and ag::function converts it back. It used to fail to compile ("a
// result must hold only tensors"). Eager and graph print the same bits.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cstdio>
#include <cstring>
#include <tuple>
#include <utility>

AG_CONVERT double average(ag::Tensor x) { return ag::sum(x).item<double>() / 3; }
// TWIN-LABEL: ::ag::Tensor ag_twin_average(ag::Tensor x) {
// TWIN: return ::ag::detail::numberAs_<double>(
// TWIN-NEXT: ::ag::detail::number_(ag::sum(x), ::ag::DType::Float64) / 3);

AG_CONVERT int count(ag::Tensor n) {
  ag::Tensor c = 0;
  while (n > 1) {
    n = n / 2;
    c += 1;
  }
  return c.item<int>();
}

AG_CONVERT bool positive(ag::Tensor x) { return (x > 0).item<bool>(); }

// Float arithmetic promoted to double as C++ does, then narrowed back.
AG_CONVERT float tenth(ag::Tensor x) {
  float f = x.item<float>();
  return f * 0.1;
}
// TWIN-LABEL: ::ag::Tensor ag_twin_tenth(ag::Tensor x) {
// TWIN: ::ag::Tensor f = ::ag::detail::number_(x, ::ag::DType::Float32);
// TWIN: ::ag::detail::numberAs_<double>(f) * 0.1

AG_CONVERT std::pair<ag::Tensor, double> both(ag::Tensor x) {
  double d = x.item<double>();
  return {x * 2, d + 0.5};
}
// TWIN-LABEL: ::std::pair<::ag::Tensor, ::ag::Tensor> ag_twin_both(ag::Tensor x) {

AG_CONVERT std::tuple<int, ag::Tensor, bool> three(ag::Tensor x) {
  int k = x.item<int>() / 2;
  return std::make_tuple(k, x + 1, k > 3);
}

AG_CONVERT double constant(ag::Tensor x) { return x.dim(0) + 0.25; }

// A staged return of a number.
AG_CONVERT long branchy(ag::Tensor x) {
  if (x > 0)
    return 1;
  return x.item<long>() - 5;
}

// Numbers of other converted functions, in C++'s types.
AG_CONVERT double caller(ag::Tensor x) { return average(x) * 2 + count(ag::sum(x) * 10); }

template <typename R> void show(const R &r) {
  if constexpr (std::is_same_v<R, std::pair<ag::Tensor, double>>)
    std::printf("(%s, %.17g)\n", ag::toString(r.first).c_str(), r.second);
  else if constexpr (std::is_same_v<R, std::tuple<int, ag::Tensor, bool>>)
    std::printf("(%d, %s, %d)\n", std::get<0>(r),
                ag::toString(std::get<1>(r)).c_str(), std::get<2>(r));
  else if constexpr (std::is_same_v<R, bool>)
    std::printf("bool %d\n", r);
  else if constexpr (std::is_same_v<R, float>)
    std::printf("float %.9g\n", r);
  else if constexpr (std::is_integral_v<R>)
    std::printf("int%zu %lld\n", sizeof(R) * 8, static_cast<long long>(r));
  else
    std::printf("double %.17g\n", r);
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && std::strcmp(argv[1], "graph") == 0;
  auto run = [&](auto f, auto... args) {
    if (graph)
      show(ag::function(f)(args...));
    else
      show(f(args...));
  };
  ag::Tensor v = {1.0, 2.0, 4.5};
  run(&average, v);
  run(&count, ag::Tensor(37));
  run(&positive, ag::Tensor(3));
  run(&positive, ag::Tensor(-1));
  run(&tenth, ag::cast(ag::Tensor(1.3), ag::DType::Float32));
  run(&both, ag::Tensor(3.0));
  run(&three, ag::Tensor(9));
  run(&constant, v);
  run(&branchy, ag::Tensor(2));
  run(&branchy, ag::Tensor(-3));
  run(&caller, v);
}

// CHECK: double 2.5
// CHECK-NEXT: int32 5
// CHECK-NEXT: bool 1
// CHECK-NEXT: bool 0
// CHECK-NEXT: float 0.129999995
// CHECK-NEXT: (6, 3.5)
// CHECK-NEXT: (4, 10, 1)
// CHECK-NEXT: double 3.25
// CHECK-NEXT: int64 1
// CHECK-NEXT: int64 -8
// CHECK-NEXT: double 12
