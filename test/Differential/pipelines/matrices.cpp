// A NumPy user's loader: nodes parse CSV text into tensors whose row count
// is known only when they run (AG_NODE_TENSOR declares dtype and rank),
// staged tensor arithmetic normalises and reduces them, and a node takes the
// staged result back to describe it.
#include <ag/ag.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

AG_NODE ag::Tensor parseMatrix(const std::string &text) {
  std::vector<double> values;
  std::istringstream in(text);
  std::string line;
  int64_t rows = 0;
  while (std::getline(in, line)) {
    if (line.empty())
      continue;
    std::istringstream fields(line);
    double a, b, c;
    char comma;
    fields >> a >> comma >> b >> comma >> c;
    values.insert(values.end(), {a, b, c});
    ++rows;
  }
  return ag::Tensor::fromVector(values, {rows, 3});
}
AG_NODE_TENSOR(parseMatrix, ag::DType::Float64, -1, 3);

AG_NODE ag::Tensor weights(int n) {
  std::vector<double> w;
  for (int i = 0; i < n; ++i)
    w.push_back(1.0 / (i + 1));
  return ag::Tensor::fromVector(w, {n});
}
AG_NODE_TENSOR(weights, ag::DType::Float64, 3);

AG_NODE std::string describe(const ag::Tensor &t) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%lld values, first %.3f",
                static_cast<long long>(t.numel()), t.elementAsDouble(0));
  return buf;
}

AG_NODE_EFFECT void say(const std::string &s) {
  std::printf("%s\n", s.c_str());
}

AG_CONVERT
ag::Tensor summarise(std::string a, std::string b) {
  ag::Tensor x = parseMatrix(a);
  ag::Tensor y = parseMatrix(b);
  ag::Tensor w = weights(3);
  ag::Tensor z = (x - ag::mean(x)) / 2.0;
  say(describe(z));
  // A '?' dim meets only its own shape or a scalar: the weights reduce first.
  ag::Tensor total = ag::sum(z * z) + ag::sum(y) * ag::sum(w);
  if (total > 0.0)
    total = total * 2.0;
  return total;
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  std::string a = "1,2,3\n4,5,6\n7,8,10\n", b = "0.5,1,1.5\n-1,2,3\n";
  ag::Tensor eager = summarise(a, b);
  std::cout << "== graph ==\n";
  ag::Tensor graph = ag::function(&summarise)(a, b);
  std::cout << (graph.identical(eager) ? "identical" : "DIFFERENT") << "\n";
  return graph.identical(eager) ? 0 : 1;
}
#endif
