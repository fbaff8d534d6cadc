// A struct result of a converted function mixing tensors and numbers holds
// host numbers: a staged number built into its number field is an error
// whose advice is a tensor field or a std::pair/std::tuple (whose numbers
// work), not AG_NODE. (A struct of numbers only works:
// number-struct-result-e2e.cpp.)
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include <ag/ag.h>
#include <vector>

struct Stats {
  ag::Tensor centered;
  double mean;
};

AG_CONVERT Stats stats(ag::Tensor v) {
  double m = ag::mean(v).item<double>();
  return {v - m, m};
  // CHECK: diag-number-struct-result.cpp:[[@LINE-1]]:18: error: this staged number (of type 'double') cannot be used to build this object: {{.*}}; a struct result of a converted function that holds tensors holds its numbers as host values: make this field an ag::Tensor, or return a std::pair or std::tuple, or a struct of numbers only, whose numbers work
}

// Another object keeps the old advice.
AG_CONVERT ag::Tensor other(ag::Tensor v) {
  int n = v.item<int>();
  std::vector<double> buf(n);
  // CHECK: diag-number-struct-result.cpp:[[@LINE-1]]:27: error: this staged number (of type 'int') cannot be used to build this object: {{.*}}; do it in an AG_NODE function
  return v;
}
