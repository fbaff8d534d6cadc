// A scalar or a smaller value meeting a value of a dynamic shape ('?': an
// ag::dyn signature, a stacked list, a node's AG_NODE_TENSOR result) in
// where, clip, binary ops, *_like and row assignment broadcasts when the
// graph runs (ag.broadcast ... like ...), as eagerly. It used to fail graph
// verification: "'ag.broadcast' op cannot broadcast to a dynamic shape".
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph
// RUN: %t.exe mlir | FileCheck %s --check-prefix=MLIR

#include <ag/ag.h>

#include <cstring>
#include <iostream>
#include <vector>

AG_CONVERT
ag::Tensor relu(ag::Tensor x) { return ag::where(x > 0.0, x, 0.0); }

AG_CONVERT
ag::Tensor centered(ag::Tensor m) {
  // [?, 3] minus its column means [3], clipped by scalars.
  ag::Tensor c = m - ag::mean(m, 0);
  return ag::clip(c, -1.0, 1.0) + ag::zeros_like(m);
}

AG_CONVERT
ag::Tensor squares(ag::Tensor n) {
  std::vector<ag::Tensor> rows;
  for (ag::Tensor i = 0; i < n; ++i)
    rows.push_back(i * i);
  ag::Tensor s = ag::stack(rows, ag::Int64, {});
  // A column [?, 1] against a row [3]: [?, 3].
  ag::Tensor grid = ag::reshape(s, {-1, 1}) + ag::Tensor{0, 100, 200};
  ag::Tensor full = ag::full_like(s, 7);
  grid[0] = 5;
  // A row of a dynamic shape [?] filled by a scalar.
  ag::Tensor wide = ag::reshape(s, {1, -1});
  wide[0] = 2;
  return ag::sum(grid, 1) + full + ag::where(s > 3, 1, 0) + ag::sum(wide);
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "eager";
  auto x = ag::Tensor::fromVector(std::vector<double>{-1, 2, 0, 3.5}, {4});
  auto m =
      ag::Tensor::fromVector(std::vector<double>{1, 2, 3, 4, 8, 0}, {2, 3});
  auto dyn1 = ag::spec(ag::Float64, {ag::dyn});
  auto dyn2 = ag::spec(ag::Float64, {ag::dyn, 3});
  if (!std::strcmp(mode, "mlir")) {
    std::cout << ag::function(&relu, {dyn1}).graph(x).mlir();
    return 0;
  }
  bool graph = !std::strcmp(mode, "graph");
  std::cout << (graph ? ag::function(&relu, {dyn1})(x) : relu(x)) << "\n";
  std::cout << (graph ? ag::function(&centered, {dyn2})(m) : centered(m))
            << "\n";
  for (int n : {0, 1, 4}) {
    try {
      std::cout << (graph ? ag::function(&squares)(n) : squares(n)) << "\n";
    } catch (const ag::Error &e) {
      std::cout << "error\n";
    }
  }
}

// CHECK: [0, 2, 0, 3.5]
// CHECK-NEXT: {{\[\[}}-1, -1, 1], [1, 1, -1]]
// n = 0: grid[0] is out of range.
// CHECK-NEXT: error
// CHECK-NEXT: [24]
// CHECK-NEXT: [30, 318, 328, 343]

// MLIR: ag.broadcast %{{.*}} like %{{.*}}, %{{.*}} : tensor<f64> to tensor<?xf64> like tensor<?xi1>, tensor<?xf64>
