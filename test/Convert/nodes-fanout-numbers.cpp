// A fan-out of arithmetic node results: a local std::vector<int> or
// std::vector<double> receiving node results by push_back becomes a host
// vector of 0-d tensors (one node per iteration), gathered into the
// std::vector of numbers a node takes (fan-in). It was an error ("cannot
// be passed to plain function 'push_back'").
// RUN: cd %S && ag-convert --twins-only nodes-fanout-numbers.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>
#include <string>
#include <vector>

AG_NODE int size(const std::string &s);
AG_NODE double score(int shard);
AG_NODE int total(const std::vector<int> &xs);
AG_NODE double mean(std::vector<double> xs);

AG_CONVERT
int sizes(std::vector<std::string> names) {
  // CHECK-LABEL: ag_twin_sizes(
  // CHECK: ::std::vector<::ag::Tensor> sizes;
  std::vector<int> sizes;
  // CHECK: "size", {{[{][{]}}24, 3, 24, 36}, {{[{][{]}}25, 26, 25, 26, "n"}}},
  for (const std::string &n : names)
    sizes.push_back(size(n));
  // CHECK: ::ag::detail::node_({{.*}}"total", &::total, sizes)
  return total(sizes);
}

AG_CONVERT
double scores(int n) {
  // CHECK-LABEL: ag_twin_scores(
  // CHECK: ::std::vector<::ag::Tensor> xs;
  std::vector<double> xs;
  for (int i = 0; i < n; ++i)
    xs.push_back(score(i) * 2.0);
  // CHECK: ::ag::detail::node_({{.*}}"mean", &::mean, xs)
  return mean(xs);
}
