// A converted function returning a std::pair/std::tuple of numbers only
// (no ag::Tensor element) built from staged numbers works through
// ag::function like a pair mixing numbers and tensors: its twin returns the
// numbers as 0-d tensors. It used to be a host result (ag::Lazy<R>) and was
// rejected ("cannot be used to build this object"). A converted caller
// reads the parts (structured bindings, `.first`, `std::get`) as staged
// numbers; before, `int k = d;` of such a part gave a twin that did not
// compile. A node's pair of numbers returned whole gives its parts.
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

AG_CONVERT std::pair<double, int> stats(ag::Tensor v) {
  double s = ag::sum(v).item<double>();
  int n = v.dim(0);
  return {s / n, n};
}
// TWIN-LABEL: ::std::pair<::ag::Tensor, ::ag::Tensor> ag_twin_stats(ag::Tensor v) {

// Staged returns, a make_tuple of host numbers among them.
AG_CONVERT std::tuple<int, bool, double> classify(ag::Tensor x) {
  if (x > 10)
    return {1, true, x.item<double>()};
  if (x < 0)
    return std::make_tuple(-1, false, 0.5);
  return {0, x.item<double>() > 5, 2.0};
}

AG_CONVERT std::pair<int, int> divmod(ag::Tensor a, ag::Tensor b) {
  int x = a.item<int>(), y = b.item<int>();
  return {x / y, x % y};
}

// A part chosen by a staged ?: (it used to be "cannot be used as 'float'").
AG_CONVERT std::pair<float, float> welford(ag::Tensor v) {
  float mean = 0, m2 = 0;
  int n = 0;
  for (ag::Tensor x : v) {
    ++n;
    float d = x.item<float>() - mean;
    mean += d / n;
    m2 += d * (x.item<float>() - mean);
  }
  return {mean, n > 1 ? m2 / (n - 1) : 0.0f};
}

// The parts in a converted caller are staged numbers.
AG_CONVERT double caller(ag::Tensor v) {
  auto [mean, n] = stats(v);
  int k = mean;
  if (mean > 0.5)
    k += n;
  return k + stats(v * 2).first + std::get<1>(divmod(v[0] - 7, v[1] + 2));
}
// TWIN-LABEL: ::ag::Tensor ag_twin_caller(ag::Tensor v) {
// TWIN: auto [mean, n] = ag_twin_stats(v);
// TWIN: ::ag::Tensor k = ::ag::detail::numberAs_<int>(mean);

AG_NODE std::pair<double, int> measure(int n) { return {n * 0.5, n + 1}; }
AG_CONVERT std::pair<double, int> pipe(int n) { return measure(n); }
// TWIN: return ::ag::detail::numberParts_(
AG_CONVERT std::pair<double, int> pipe2(int n) {
  auto [a, b] = measure(n);
  return {a * 2, b};
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && std::strcmp(argv[1], "graph") == 0;
  ag::Tensor v = ag::arange(5) * 1.5 - 2.0;
  auto [m, n] = graph ? ag::function(&stats)(v) : stats(v);
  std::printf("%.17g %d\n", m, n);
  for (double x : {-3.0, 4.0, 7.0, 12.0}) {
    auto [a, b, c] = graph ? ag::function(&classify)(ag::Tensor(x))
                           : classify(ag::Tensor(x));
    std::printf("%d %d %.17g\n", a, b, c);
  }
  for (int a : {-7, 7})
    for (int b : {-2, 2}) {
      auto [q, r] = graph ? ag::function(&divmod)(ag::Tensor(a), ag::Tensor(b))
                          : divmod(ag::Tensor(a), ag::Tensor(b));
      std::printf("%d %d\n", q, r);
    }
  std::printf("%.17g\n", graph ? ag::function(&caller)(v) : caller(v));
  ag::Tensor f = ag::cast(ag::Tensor({1.5, 2.25, 3.0, 10.0}), ag::Float32);
  auto [mean, var] = graph ? ag::function(&welford)(f) : welford(f);
  std::printf("%.9g %.9g\n", mean, var);
  auto [p, q] = graph ? ag::function(&pipe)(3) : pipe(3);
  auto [r, s] = graph ? ag::function(&pipe2)(3) : pipe2(3);
  std::printf("%g %d %g %d\n", p, q, r, s);
}

// CHECK: 1 5
// CHECK-NEXT: -1 0 0.5
// CHECK-NEXT: 0 0 2
// CHECK-NEXT: 0 1 2
// CHECK-NEXT: 1 1 12
// CHECK-NEXT: 3 -1
// CHECK-NEXT: -3 -1
// CHECK-NEXT: -3 1
// CHECK-NEXT: 3 1
// CHECK-NEXT: 8
// CHECK-NEXT: 4.1875 15.390625
// CHECK-NEXT: 1.5 4 3 4
