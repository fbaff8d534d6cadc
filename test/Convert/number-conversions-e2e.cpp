// C++ converts a value stored in a number variable to the variable's type:
// `int k = d;` truncates, `float f; f += 0.1;` rounds the double sum to
// float, `int n = 0; n = 2.9;` stores 2, `long` to `int` wraps. A staged
// number (a local or parameter the twin holds as a 0-d tensor: initialized
// from `t.item<T>()`, or assigned under staged control flow) converts the
// same way in the twin (numberAs_), and a number viewed as a tensor has
// the dtype `ag::Tensor(v)` gives eagerly (an int is int64). Before, the
// graph kept the unconverted value (k = 1.7 where C++ has 1, a float sum
// computed in float64) and `ag::Tensor(n)` of an int was int32: silently
// different values and dtypes.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: ag-convert --twins-only %s -- -std=c++17 -I%ag_include | FileCheck --check-prefix=TWIN %s
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cstdio>
#include <cstring>
#include <tuple>

// Initializations: truncation, widening, bool, wrap-around.
AG_CONVERT
std::tuple<ag::Tensor, ag::Tensor, ag::Tensor, ag::Tensor>
inits(ag::Tensor x) {
  int k = x.item<double>();
  float f = x.item<float>();
  double d = f;
  bool b = x.item<double>();
  long big = x.item<long>() * 1000000000L;
  int wrapped = big;
  return {ag::Tensor(k), ag::Tensor(d), ag::Tensor(b), ag::Tensor(wrapped)};
}
// TWIN-LABEL: inits(ag::Tensor x) {
// TWIN: ::ag::Tensor k = ::ag::detail::numberAs_<int>(
// TWIN-NEXT: ::ag::detail::number_(x, ::ag::DType::Float64));
// TWIN: ::ag::Tensor d = ::ag::detail::numberAs_<double>(f);
// TWIN: ::ag::Tensor wrapped = ::ag::detail::numberAs_<int>(big);

// Compound assignments in a staged loop: an int accumulator of doubles
// truncates at each step, a float one rounds.
AG_CONVERT
ag::Tensor accumulate(ag::Tensor x) {
  int h = 3;
  float f = 0;
  while (x > 0) {
    h += 0.7;
    h = h * 1.5;
    f += 0.1;
    x -= 1;
  }
  return ag::Tensor(h) + ag::Tensor(f);
}
// TWIN-LABEL: ag::Tensor ag_twin_accumulate(ag::Tensor x) {
// TWIN: h = ::ag::detail::numberAs_<int>(::ag::detail::numberAs_<double>(h) +
// TWIN: h = ::ag::detail::numberAs_<int>(::ag::detail::numberAs_<double>(h) *
// TWIN: f = ::ag::detail::numberAs_<float>(::ag::detail::numberAs_<double>(f) +

// A host value stored under a staged if; the int seen as a tensor.
AG_CONVERT
ag::Tensor assigned(ag::Tensor x) {
  const double r = 2.9;
  int k = 0;
  double d = 0;
  if (x > 0) {
    k = r;
    d = 1;
  }
  ag::Tensor t = k;
  return t + d / 2;
}
// TWIN-LABEL: ag::Tensor ag_twin_assigned(ag::Tensor x) {
// TWIN: k = ::ag::detail::numberAs_<int>(r);
// TWIN: d = ::ag::detail::numberAs_<double>(1);

// A staged `?:` (`||`, `&&`) stored in a number variable: a weak number
// again, so the count meets the int32 row as an int does.
AG_CONVERT
ag::Tensor positives(ag::Tensor v) {
  int n = 0;
  for (ag::Tensor e : v)
    n += e > 0 ? 1 : 0;
  bool any = false;
  for (ag::Tensor e : v)
    any = any || e > 5;
  return v[0] * 0 + n + any;
}
// TWIN-LABEL: ag::Tensor ag_twin_positives(ag::Tensor v) {
// TWIN: n = ::ag::detail::keepNumber_<int>(
// TWIN: any = ::ag::detail::keepNumber_<bool>(

static void show(const char *what, const ag::Tensor &t) {
  printf("%s %s %.17g\n", what, ag::dtypeName(t.dtype()), t.item<double>());
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
  for (double v : {-2.7, 0.0, 3.7}) {
    ag::Tensor x = ag::cast(ag::Tensor(v), ag::Float64);
    auto [k, d, b, wrapped] = graph ? ag::function(&inits)(x) : inits(x);
    show("k", k);
    show("d", d);
    show("b", b);
    show("wrapped", wrapped);
    show("accumulate", graph ? ag::function(&accumulate)(x) : accumulate(x));
    show("assigned", graph ? ag::function(&assigned)(x) : assigned(x));
  }
  ag::Tensor v = ag::cast(ag::Tensor{3, -1, 7}, ag::Int32);
  show("positives", graph ? ag::function(&positives)(v) : positives(v));
}

// CHECK: k int64 -2
// CHECK-NEXT: d float64 -2.7000000476837158
// CHECK-NEXT: b bool 1
// CHECK-NEXT: wrapped int64 -2000000000
// CHECK-NEXT: accumulate float32 3
// CHECK-NEXT: assigned float64 0
// CHECK: wrapped int64 -1294967296
// CHECK-NEXT: accumulate float32 13.399999618530273
// CHECK-NEXT: assigned float64 2.5
// CHECK-NEXT: positives int32 3
