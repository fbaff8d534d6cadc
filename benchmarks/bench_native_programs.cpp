// Programs of ag-bench-native (issue 12), converted by ag_convert().
#include "bench_native_programs.h"

// Steps of one collatz sequence: one graph call per n.
AG_CONVERT
ag::Tensor collatzSteps(ag::Tensor n) {
  ag::Tensor a = n;
  ag::Tensor steps = 0;
  while (a != 1) {
    if (a % 2 == 0)
      a = a / 2;
    else
      a = 3 * a + 1;
    steps += 1;
  }
  return steps;
}

// The smallest call: the per-call overhead of ag::function.
AG_CONVERT
ag::Tensor addOne(ag::Tensor x) { return x + 1; }

// Five elementwise ops: fused into one loop by the native backend.
AG_CONVERT
ag::Tensor chain5(ag::Tensor x) {
  ag::Tensor a = x * 1.5;
  ag::Tensor b = a + 2.0;
  ag::Tensor c = b * x;
  ag::Tensor d = c - 0.5;
  return d / 3.0;
}

// Axis reductions and a matmul: the native backend's buffered path.
AG_CONVERT
ag::Tensor columnSums(ag::Tensor x) { return ag::sum(x, 0); }

AG_CONVERT
ag::Tensor rowMeans(ag::Tensor x) { return ag::mean(x, 1); }

AG_CONVERT
ag::Tensor product(ag::Tensor a, ag::Tensor b) { return ag::matmul(a, b); }

// Data movement: neighbouring rows averaged, every other column, joined
// back to x's shape (four slices, two concats, three elementwise ops).
AG_CONVERT
ag::Tensor sliceConcat(ag::Tensor x) {
  ag::Tensor mid = (x.slice(0, -1) + x.slice(1, ag::kEnd)) * 0.5;
  ag::Tensor even = ag::slice(x, {0, 0}, {ag::kEnd, ag::kEnd}, {1, 2});
  return ag::concat({mid, x.slice(0, 1)}) + ag::concat({even, even}, 1);
}

// Rows centred on their means, then the column sums of squares: traced
// with dynamic dimensions (ag::dyn), one graph for every shape.
AG_CONVERT
ag::Tensor centeredColumnSquares(ag::Tensor x) {
  ag::Tensor c = x - ag::mean(x, -1, true);
  return ag::sum(c * c, 0);
}

int64_t collatzStepsNative(int64_t n) {
  int64_t a = n, steps = 0;
  while (a != 1) {
    a = a % 2 == 0 ? a / 2 : 3 * a + 1;
    steps += 1;
  }
  return steps;
}

int64_t addOneNative(int64_t x) { return x + 1; }

void chain5Native(const double *x, double *out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    double a = x[i] * 1.5;
    double b = a + 2.0;
    double c = b * x[i];
    double d = c - 0.5;
    out[i] = d / 3.0;
  }
}
