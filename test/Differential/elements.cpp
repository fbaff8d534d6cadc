// Element and row assignment (`t[i] = v`, `t[i] += v`, `++t[i]`,
// `t[i][j] = v`), eagerly and as graphs (ag.set_index), including under
// staged control flow, and ag::stack with a declared element type of a list
// that may be empty at evaluation (issue 10, items 3 and 15).
#include "programs.h"

#include <vector>

namespace programs {

// out[0] = 1, out[i] = out[i - 1] * 2 + i: the first n entries of a fixed
// buffer (later entries keep their initial value).
AG_CONVERT
Tensor prefixDoubling(Tensor n) {
  Tensor out = {0, 0, 0, 0, 0, 0, 0, 0};
  out[0] = 1;
  for (Tensor i = 1; i < n && i < 8; ++i)
    out[i] = out[i - 1] * 2 + i;
  return out;
}

// Prefix sums of x = [n, n + 1, ...] in place, with a host loop.
AG_CONVERT
Tensor prefixSums(Tensor n) {
  Tensor x = {1.5, 2.5, 3.5, 4.5, 5.5};
  x = x + n;
  for (int i = 1; i < 5; ++i)
    x[i] = x[i - 1] + x[i];
  return x;
}

// Swap two elements chosen by staged indices, only when out of order.
AG_CONVERT
Tensor swapIfGreater(Tensor i, Tensor j) {
  Tensor v = {5, 1, 4, 2, 3};
  if (v[i] > v[j]) {
    Tensor tmp = v[i];
    v[i] = v[j];
    v[j] = tmp;
  }
  return v;
}

// Histogram of the digits of n by h[d] += 1 with a staged digit d.
AG_CONVERT
Tensor digitHistogram(Tensor n) {
  Tensor h = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  do {
    h[n % 10] += 1;
    n = n / 10;
  } while (n > 0);
  return h;
}

// Bubble sort of a fixed vector with staged comparisons: compound element
// updates inside a staged if inside host loops.
AG_CONVERT
Tensor bubbleSorted(Tensor k) {
  Tensor v = {3.0, -1.0, 2.5, 0.0, 7.0};
  v = v * k;
  for (int pass = 0; pass < 4; ++pass)
    for (int i = 0; i + 1 < 5; ++i)
      if (v[i] > v[i + 1]) {
        Tensor t = v[i];
        v[i] = v[i + 1];
        v[i + 1] = t;
      }
  return v;
}

// Rows of a matrix, nested elements, ++/--, conversion of the assigned value
// to the tensor's dtype (int32 truncates a double), a 0-d value filling a
// row, and value semantics: `copy` keeps the old values.
AG_CONVERT
Tensor matrixUpdates(Tensor n) {
  Tensor m = Tensor::fromVector<int32_t>({1, 2, 3, 4, 5, 6}, {2, 3});
  Tensor copy = m;
  m[0][1] = n * 2.75;
  ++m[1][2];
  m[1][0]--;
  if (n > 2)
    m[0] = 0;
  else
    m[1] = {7, 8, 9};
  m[n % 2][n % 3] *= 10;
  return ag::stack({ag::cast(m, ag::Int64), ag::cast(copy, ag::Int64)});
}

// The index may be out of range: the same error eagerly and as a graph.
AG_CONVERT
Tensor setAt(Tensor i) {
  Tensor v = {1.0, 2.0, 3.0};
  v[i] = 10;
  return v;
}

// ag::stack with a declared dtype of a list that may stay empty.
AG_CONVERT
Tensor evensDeclared(Tensor n) {
  std::vector<Tensor> out;
  for (Tensor i = 1; i < n; ++i)
    if (i % 2 == 0)
      out.push_back(i);
  return ag::stack(out, ag::Int64);
}

// ... and with a declared element shape.
AG_CONVERT
Tensor rowsDeclared(Tensor n) {
  std::vector<Tensor> out;
  Tensor row = {1.0, 2.0};
  while (n > 0) {
    out.push_back(row * n);
    n = n - 1;
  }
  Tensor m = ag::stack(out, ag::Float64, {2});
  return ag::sum(m) * 10 + ag::sum(m >= 0);
}

} // namespace programs
