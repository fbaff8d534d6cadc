// A signal-processing user's float32 pipeline: a node produces a float32
// series of a length known when it runs (AG_NODE_TENSOR), staged arithmetic
// and a staged if choose between node calls on it, and a node's double
// result meets the float32 tensors as eagerly: as a weakly typed scalar
// (the sum stays float32), like a struct's double member.
#include <ag/ag.h>
#include <cmath>
#include <cstdio>
#include <vector>

AG_NODE ag::Tensor series(int n, double step) {
  std::vector<float> v;
  for (int i = 0; i < n; ++i)
    v.push_back(std::sin(i * step));
  return ag::Tensor::fromVector(v, {n});
}
AG_NODE_TENSOR(series, ag::DType::Float32, -1);

AG_NODE ag::Tensor smooth(const ag::Tensor &x) {
  std::vector<float> out;
  for (int64_t i = 0; i + 1 < x.numel(); ++i)
    out.push_back((x.elementAsDouble(i) + x.elementAsDouble(i + 1)) / 2);
  return ag::Tensor::fromVector(out, {static_cast<int64_t>(out.size())});
}
AG_NODE_TENSOR(smooth, ag::DType::Float32, -1);

AG_NODE double energy(ag::Tensor x) {
  double s = 0;
  for (int64_t i = 0; i < x.numel(); ++i)
    s += x.elementAsDouble(i) * x.elementAsDouble(i);
  return s;
}

struct Gain {
  double factor;
};
AG_NODE Gain gainFor(int n) { return {1.0 + n * 0.01}; }

AG_CONVERT ag::Tensor pipeline(int n, double step) {
  ag::Tensor x = series(n, step);
  ag::Tensor y = x * 2.0f;
  if (ag::sum(y) > 0.0f)
    y = smooth(y);
  else
    y = smooth(smooth(y));
  Gain g = gainFor(n);
  return energy(y) + ag::sum(y) * g.factor;
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  std::vector<ag::Tensor> eager, graph;
  for (auto [n, step] : {std::pair{20, 0.3}, std::pair{31, 2.9}})
    eager.push_back(pipeline(n, step));
  std::cout << "== graph ==\n";
  bool same = true;
  for (auto [n, step] : {std::pair{20, 0.3}, std::pair{31, 2.9}})
    graph.push_back(ag::function(&pipeline)(n, step));
  for (size_t i = 0; i < eager.size(); ++i)
    same = same && graph[i].identical(eager[i]) &&
           eager[i].dtype() == ag::DType::Float32;
  std::cout << (same ? "identical" : "DIFFERENT") << "\n";
  return same ? 0 : 1;
}
#endif
