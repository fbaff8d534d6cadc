// A struct result of a converted function holds tensors only: a staged
// number built into its number field is an error whose advice is a tensor
// field or a std::pair/std::tuple (whose numbers work), not AG_NODE.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include <ag/ag.h>
#include <vector>

struct Stats {
  double mean;
  int n;
};

AG_CONVERT Stats stats(ag::Tensor v) {
  double m = ag::sum(v).item<double>();
  return {m, 3};
  // CHECK: diag-number-struct-result.cpp:[[@LINE-1]]:11: error: this staged number (of type 'double') cannot be used to build this object: {{.*}}; a struct result of a converted function holds tensors only: make this field an ag::Tensor, or return a std::pair or std::tuple, whose numbers work
}

// Another object keeps the old advice.
AG_CONVERT ag::Tensor other(ag::Tensor v) {
  int n = v.item<int>();
  std::vector<double> buf(n);
  // CHECK: diag-number-struct-result.cpp:[[@LINE-1]]:27: error: this staged number (of type 'int') cannot be used to build this object: {{.*}}; do it in an AG_NODE function
  return v;
}
