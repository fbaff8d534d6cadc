// Annotated functions taking and returning several tensors at once
// (std::vector/std::array of ag::Tensor, aggregate structs) and functions
// called with a declared input signature (ag::dyn dimensions); issue 10,
// items 19 and 21. params.cpp is converted; params_test.cpp compares eager
// calls with ag::function calls.
#ifndef AG_TEST_DIFFERENTIAL_PARAMS_H
#define AG_TEST_DIFFERENTIAL_PARAMS_H

#include <ag/ag.h>

#include <array>
#include <tuple>
#include <utility>
#include <vector>

namespace params {
using ag::Tensor;

// List[Tensor] parameters: index with a host int, range-for, size().
Tensor weightedSum(const std::vector<Tensor> &xs, Tensor w);
Tensor countPositive(std::vector<Tensor> xs);
Tensor dot3(const std::array<Tensor, 3> &a, const std::array<Tensor, 3> &b);
// Containers and structs as results.
std::vector<Tensor> prefixSums(const std::vector<Tensor> &xs);
std::array<Tensor, 2> minMax(Tensor v);
std::pair<Tensor, Tensor> divMod(Tensor a, Tensor b);
std::tuple<Tensor, Tensor, Tensor> stats(Tensor v);

struct Linear {
  Tensor w, b;
};
struct Output {
  Tensor y, loss;
};
Output linear(const Linear &p, Tensor x, Tensor target);

struct Optimizer {
  Tensor lr;
  double decay; // a host field: part of the trace key
};
struct Model {
  Linear layer;
  std::vector<Tensor> biases;
  Optimizer opt;
};
struct Step { // a result holds only tensors (a static_assert says so)
  Linear layer;
  std::vector<Tensor> biases;
  Tensor lr, loss;
};
Step train(Model m, Tensor x, Tensor target);

// Declared signatures: one graph for every length.
Tensor norm(Tensor v);
Tensor clippedMean(Tensor m, Tensor limit);
Tensor firstRowSum(Tensor m);
Tensor lengthByDim(Tensor v);
} // namespace params

#endif
