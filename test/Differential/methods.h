// Converted member functions and function templates of the differential
// suite (issue 10 item 20): methods.cpp is converted by ag-convert,
// methods_test.cpp runs each one eagerly and through ag::method /
// ag::function and demands identical results.
#ifndef AG_TEST_DIFFERENTIAL_METHODS_H
#define AG_TEST_DIFFERENTIAL_METHODS_H

#include <ag/ag.h>

#include <tuple>
#include <vector>

namespace methods {
using ag::Tensor;

/// Private state, read by a converted method called from another class's.
class Layer {
public:
  Layer(Tensor w, Tensor b) : w_(w), b_(b) {}
  AG_CONVERT Tensor apply(Tensor x) const;
  void set(Tensor w) { w_ = w; }
  Tensor weight() const { return w_; }

private:
  Tensor w_, b_;
};

AG_CONVERT Tensor clamp(Tensor x, Tensor lo, Tensor hi);

struct Model {
  Tensor w, b;
  double scale = 1.0;
  int repeat = 1;
  Layer hidden{Tensor(0.5), Tensor(0.25)};
  std::vector<Tensor> extra;

  AG_CONVERT Tensor forward(Tensor x) const;
  // Staged control flow and an early return. (Inline definitions would
  // not be converted in a header: test/Convert/methods-e2e.cpp has them.)
  AG_CONVERT Tensor relu(Tensor x) const;
  // Non-const: assigns members (written back by ag::method).
  AG_CONVERT void step(Tensor grad, double lr);
  AG_CONVERT std::tuple<Tensor, Tensor> both(Tensor x);
  // Reads host members (part of the trace key) and a vector member.
  AG_CONVERT Tensor repeated(Tensor x) const;
  AG_CONVERT Tensor loop(Tensor n);
  AG_CONVERT static Tensor twice(Tensor x);
};

/// Calls a converted method of an object built while tracing.
AG_CONVERT Tensor viaLocalModel(Tensor x, Tensor w);

template <typename T> AG_CONVERT Tensor scaleSum(Tensor x, T k);
Tensor scaleSumInt(Tensor x, int k);
Tensor scaleSumDouble(Tensor x, double k);
Tensor scaleSumFloat(Tensor x, float k);
Tensor callsTemplate(Tensor x);
// A host loop on a dependent type (host in every instantiation), and a
// dependent return type that is a tensor in every instantiation.
template <typename N> AG_CONVERT Tensor power(Tensor x, N n);
template <typename T> AG_CONVERT T clampT(T x, T lo, T hi);
Tensor instantiateAll(Tensor x);

} // namespace methods

#endif
