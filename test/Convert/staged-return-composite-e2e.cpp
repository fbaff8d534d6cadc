// A `return` inside staged control flow in a function returning a
// std::pair, a std::tuple (tensors and numbers) or an aggregate struct of
// tensors: one return slot per tensor, merged path by path like a tensor
// result. It was "'return' inside staged control flow needs the function to
// return ag::Tensor or void". A slot whose paths disagree is named in the
// trace error (test/Errors/trace-return-part.cpp).
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <tuple>
#include <utility>

AG_CONVERT std::pair<ag::Tensor, ag::Tensor> collatzish(ag::Tensor a) {
  ag::Tensor b = 0;
  while (a > 1) {
    if (a > 50)
      return {a, -b};
    a = a % 2 == 0 ? a / 2 : a * 3 + 1;
    b += 1;
  }
  return {a, b};
}
// TWIN-LABEL: ag_twin_collatzish(ag::Tensor a) {
// TWIN: ::std::pair<::ag::Tensor, ::ag::Tensor> ag_retval;
// TWIN: {"ag_retval[first]", ::std::get<0>(ag_retval)}, {"ag_retval[second]", ::std::get<1>(ag_retval)}

struct Range {
  ag::Tensor lo, hi;
};
AG_CONVERT Range prefixRange(ag::Tensor v) {
  ag::Tensor lo = v[0], hi = v[0];
  for (ag::Tensor x : v) {
    if (x < 0)
      return Range{lo, hi};
    lo = ag::min(lo, x);
    hi = ag::max(hi, x);
  }
  return {lo, hi};
}

// Numbers in a tuple keep their C++ type on every path.
AG_CONVERT std::tuple<ag::Tensor, int, double, bool> search(ag::Tensor v,
                                                            ag::Tensor t) {
  int i = 0;
  for (ag::Tensor x : v) {
    if (x == t)
      return std::make_tuple(x, i, 0.5 * i, true);
    ++i;
  }
  return {t, -1, 0, false};
}
// TWIN-LABEL: ag_twin_search(ag::Tensor v,
// TWIN: ::std::get<1>(ag_retval) = ::ag::detail::numberAs_<int>(::std::get<1>(ag_retval));
// TWIN: ::std::get<3>(ag_retval) = ::ag::detail::numberAs_<bool>(::std::get<3>(ag_retval));

// A nested struct in a pair, and a return from inside a nested loop.
struct MinMax {
  ag::Tensor min, max;
};
AG_CONVERT std::pair<MinMax, ag::Tensor> scan(ag::Tensor m) {
  ag::Tensor lo = m[0][0], hi = m[0][0];
  ag::Tensor n = 0;
  for (int64_t i = 0; i < 2; ++i)
    for (int64_t j = 0; j < 2; ++j) {
      if (m[i][j] == 0)
        return {MinMax{lo, hi}, n};
      lo = ag::min(lo, m[i][j]);
      hi = ag::max(hi, m[i][j]);
      n += 1;
    }
  return {{lo, hi}, -n};
}

int main(int argc, char **argv) {
  bool g = argc > 1 && !std::strcmp(argv[1], "graph");
  for (long long s : {7LL, 27LL, 1LL}) {
    auto [x, y] = g ? ag::function(&collatzish)(ag::Tensor(s))
                    : collatzish(ag::Tensor(s));
    std::printf("%lld %lld\n", (long long)x.item<int64_t>(),
                (long long)y.item<int64_t>());
  }
  for (auto v : {ag::Tensor({1.5, 2.0, -1.0, 4.0}), ag::Tensor({3.0, 1.0})}) {
    Range r = g ? ag::function(&prefixRange)(v) : prefixRange(v);
    std::printf("%g %g\n", r.lo.item<double>(), r.hi.item<double>());
  }
  ag::Tensor v = {4, 8, 15, 16};
  for (int t : {15, 3}) {
    auto [x, i, d, found] = g ? ag::function(&search)(v, ag::Tensor(t))
                              : search(v, ag::Tensor(t));
    std::printf("%lld %d %g %d\n", (long long)x.item<int64_t>(), i, d,
                (int)found);
  }
  ag::Tensor m = {{3.0, 1.0}, {7.0, 2.0}}, z = {{3.0, 5.0}, {0.0, 2.0}};
  for (auto x : {m, z}) {
    auto [r, n] = g ? ag::function(&scan)(x) : scan(x);
    std::printf("%g %g %g\n", r.min.item<double>(), r.max.item<double>(),
                n.item<double>());
  }
}
// CHECK: 52 -5
// CHECK-NEXT: 82 -1
// CHECK-NEXT: 1 0
// CHECK-NEXT: 1.5 2
// CHECK-NEXT: 1 3
// CHECK-NEXT: 15 2 1 1
// CHECK-NEXT: 3 -1 0 0
// CHECK-NEXT: 1 7 -4
// CHECK-NEXT: 3 5 2
