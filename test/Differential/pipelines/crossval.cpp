// k-fold cross-validation as a Metaflow user writes it: a converted helper
// returns a host struct (the fold score) built from node results, another
// converted helper averages the folds (as an ag::Tensor: a number computed
// from node results), and the driver picks the best degree of a polynomial
// model. The data set is made while tracing (a plain function), so the
// nested converted functions take it as a host parameter.
#include <ag/ag.h>

#include <cmath>
#include <vector>

struct Points {
  std::vector<double> x, y;
};
struct Poly {
  std::vector<double> c;
};
struct Score {
  int degree;
  double error;
};

Points makePoints(int n) {
  Points p;
  for (int i = 0; i < n; ++i) {
    double x = -1 + 2.0 * i / (n - 1);
    p.x.push_back(x);
    p.y.push_back(x * x * x - 0.5 * x + 0.1 * std::sin(40 * x));
  }
  return p;
}

AG_NODE Points fold(const Points &p, int k, int folds, bool holdOut) {
  Points out;
  for (std::size_t i = 0; i < p.x.size(); ++i)
    if ((static_cast<int>(i) % folds == k) == holdOut) {
      out.x.push_back(p.x[i]);
      out.y.push_back(p.y[i]);
    }
  return out;
}

// Least squares by gradient descent on the coefficients (deterministic).
AG_NODE Poly fitPoly(const Points &p, int degree) {
  Poly m{std::vector<double>(degree + 1, 0.0)};
  for (int it = 0; it < 400; ++it) {
    std::vector<double> grad(degree + 1, 0.0);
    for (std::size_t i = 0; i < p.x.size(); ++i) {
      double pred = 0, xp = 1;
      for (int d = 0; d <= degree; ++d, xp *= p.x[i])
        pred += m.c[d] * xp;
      xp = 1;
      for (int d = 0; d <= degree; ++d, xp *= p.x[i])
        grad[d] += (pred - p.y[i]) * xp / p.x.size();
    }
    for (int d = 0; d <= degree; ++d)
      m.c[d] -= 0.5 * grad[d];
  }
  return m;
}

AG_NODE double error(const Poly &m, const Points &p) {
  double e = 0;
  for (std::size_t i = 0; i < p.x.size(); ++i) {
    double pred = 0, xp = 1;
    for (double c : m.c) {
      pred += c * xp;
      xp *= p.x[i];
    }
    e += (pred - p.y[i]) * (pred - p.y[i]);
  }
  return e / p.x.size();
}

AG_NODE Score makeScore(int degree, double error) { return {degree, error}; }

AG_CONVERT
Score foldScore(Points data, int degree, int k, int folds) {
  Poly m = fitPoly(fold(data, k, folds, false), degree);
  return makeScore(degree, error(m, fold(data, k, folds, true)));
}

AG_CONVERT
ag::Tensor meanError(Points data, int degree, int folds) {
  double total = 0;
  for (int k = 0; k < folds; ++k) {
    Score s = foldScore(data, degree, k, folds);
    total += s.error;
  }
  return total / folds;
}

AG_CONVERT
ag::Tensor bestDegree(int n, int folds) {
  Points data = makePoints(n);
  ag::Tensor best = 1;
  ag::Tensor bestError = meanError(data, 1, folds);
  for (int degree = 2; degree <= 4; ++degree) {
    ag::Tensor e = meanError(data, degree, folds);
    std::cout << "degree " << degree << " cv error " << e << "\n";
    if (e < bestError) {
      bestError = e;
      best = degree;
    }
  }
  std::cout << "best degree " << best << "\n";
  return bestError;
}

#ifndef AG_PIPELINE_NO_MAIN
int main() {
  ag::Tensor eager = bestDegree(60, 3);
  std::cout << "== graph ==\n";
  ag::Tensor graph = ag::function(&bestDegree)(60, 3);
  std::cout << (graph.identical(eager) ? "identical" : "DIFFERENT") << "\n";
  return graph.identical(eager) ? 0 : 1;
}
#endif
