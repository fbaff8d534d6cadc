// Hyper-parameter tuning as a Metaflow user writes it: generate a data set,
// split it (multi-output node, structured binding), train one model per
// learning rate in parallel (fan-out), evaluate each, keep the best by a
// staged comparison, and report every trial in program order (effects).
#include <ag/ag.h>

#include <cmath>
#include <cstdio>
#include <tuple>
#include <vector>

struct Data {
  std::vector<double> x, y;
};
struct Model {
  double w, b;
  int epochs;
};

AG_NODE Data generate(int n, double noise) {
  Data d;
  for (int i = 0; i < n; ++i) {
    double x = i / static_cast<double>(n);
    d.x.push_back(x);
    d.y.push_back(3 * x - 1 + noise * std::sin(17.0 * i));
  }
  return d;
}

AG_NODE std::tuple<Data, Data> holdout(const Data &d, int every) {
  Data train, test;
  for (std::size_t i = 0; i < d.x.size(); ++i) {
    Data &to = i % every == 0 ? test : train;
    to.x.push_back(d.x[i]);
    to.y.push_back(d.y[i]);
  }
  return {train, test};
}

AG_NODE Model train(const Data &d, double rate, int epochs) {
  Model m{0, 0, epochs};
  for (int e = 0; e < epochs; ++e)
    for (std::size_t i = 0; i < d.x.size(); ++i) {
      double err = m.w * d.x[i] + m.b - d.y[i];
      m.w -= rate * err * d.x[i];
      m.b -= rate * err;
    }
  return m;
}

AG_NODE double mse(const Model &m, const Data &d) {
  double s = 0;
  for (std::size_t i = 0; i < d.x.size(); ++i)
    s += std::pow(m.w * d.x[i] + m.b - d.y[i], 2);
  return s / d.x.size();
}

AG_NODE_EFFECT void trial(double rate, double loss) {
  std::printf("rate %.3f -> mse %.6f\n", rate, loss);
}

AG_CONVERT
ag::Tensor tune(int n, double noise) {
  Data all = generate(n, noise);
  auto [train, test] = holdout(all, 5);
  std::vector<double> rates = {0.01, 0.05, 0.1, 0.5};
  std::vector<Model> models;
  for (double rate : rates)
    models.push_back(::train(train, rate, 20));
  double bestLoss = 1e300;
  double bestRate = 0;
  for (std::size_t i = 0; i < models.size(); ++i) {
    double loss = mse(models[i], test);
    trial(rates[i], loss);
    if (loss < bestLoss) {
      bestLoss = loss;
      bestRate = rates[i];
    }
  }
  std::cout << "best rate " << bestRate << "\n";
  return bestLoss;
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  ag::Tensor eager = tune(200, 0.1);
  std::cout << "== graph ==\n";
  ag::Tensor graph = ag::function(&tune)(200, 0.1);
  std::cout << (graph.identical(eager) ? "identical" : "DIFFERENT") << "\n";
  return graph.identical(eager) ? 0 : 1;
}
#endif
