// A weak literal whose eager dtype depends on the path taken (a loop that
// may run no iteration, a branch that may not assign it) is exact on every
// path here: the graph, holding the typed path's dtype, gives the eager
// values on both paths (trace-path-weak.cpp has the cases it cannot).
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cstring>
#include <iostream>
#include <iomanip>
#include <vector>

AG_CONVERT ag::Tensor sum_i32(ag::Tensor v) {
  ag::Tensor s = 0;
  for (ag::Tensor c : v) s = s + c;
  return s;
}
AG_CONVERT ag::Tensor half_sum_f32(ag::Tensor v) {
  ag::Tensor s = 0.0;
  for (ag::Tensor c : v) s += c;
  return s / 2;
}
AG_CONVERT ag::Tensor best_of(ag::Tensor v) {
  ag::Tensor best = 0;
  for (ag::Tensor c : v)
    if (c > best) best = c;
  return best;
}
AG_CONVERT ag::Tensor twice(ag::Tensor n) {
  ag::Tensor x = 3;
  if (n > 0) x = 2.5;
  return x * 2;
}
AG_CONVERT ag::Tensor count_pos(ag::Tensor v) {
  ag::Tensor k = 0;
  for (ag::Tensor c : v) {
    if (c > 0) k = k + 1;
  }
  return k;
}
AG_CONVERT ag::Tensor mean_or_zero(ag::Tensor v, ag::Tensor n) {
  ag::Tensor s = 0;
  ag::Tensor i = 0;
  while (i < n) { s = s + v[i]; i = i + 1; }
  return s;
}

static void show(const char *what, const ag::Tensor &t) {
  std::cout << what << " " << std::setprecision(17) << t.item<double>() << "\n";
}

int main(int argc, char **argv) {
  bool g = argc > 1 && !std::strcmp(argv[1], "graph");
  auto i32 = [](std::vector<int> xs) { return ag::Tensor::fromVector(xs, {(int64_t)xs.size()}); };
  auto f32 = [](std::vector<float> xs) { return ag::Tensor::fromVector(xs, {(int64_t)xs.size()}); };
  for (auto v : {i32({1, 2, 3}), i32({-5}), i32({2000000000, 2000000000})})
    show("sum_i32", g ? ag::function(&sum_i32)(v) : sum_i32(v));
  for (auto v : {f32({0.1, 0.2}), f32({-3.5})})
    show("half_sum_f32", g ? ag::function(&half_sum_f32)(v) : half_sum_f32(v));
  for (auto v : {ag::Tensor::fromVector(std::vector<int64_t>{-4, 9, 2}, {3}), ag::Tensor::fromVector(std::vector<int64_t>{-1, -2}, {2})})
    show("best_of", g ? ag::function(&best_of)(v) : best_of(v));
  for (double n : {-1.0, 1.0})
    show("twice", g ? ag::function(&twice)(ag::Tensor(n)) : twice(ag::Tensor(n)));
  for (auto v : {f32({0.5, -1, 2}), f32({-1})})
    show("count_pos", g ? ag::function(&count_pos)(v) : count_pos(v));
  for (long n : {0L, 2L})
    show("mean_or_zero", g ? ag::function(&mean_or_zero)(f32({1.5, 2.25, 3}), ag::Tensor(n))
                           : mean_or_zero(f32({1.5, 2.25, 3}), ag::Tensor(n)));
}

// CHECK: sum_i32 6
// CHECK: sum_i32 -294967296
// CHECK: half_sum_f32 0.15000000596046448
// CHECK: best_of 9
// CHECK-NEXT: best_of 0
// CHECK-NEXT: twice 6
// CHECK-NEXT: twice 5
// CHECK: mean_or_zero 0
// CHECK-NEXT: mean_or_zero 3.75
