#include "fidelity.h"

#include <cstdio>
#include <iostream>
#include <vector>

namespace fidelity {

AG_CONVERT
Tensor scaleByDouble(Tensor x, double eps) { return x * eps; }

AG_CONVERT
Tensor scaleByFloat(Tensor x, float eps) { return x * eps; }

AG_CONVERT
Tensor powByInt(Tensor x, int n) {
  Tensor r = 1;
  for (int i = 0; i < n; ++i)
    r = r * x;
  return r;
}

AG_CONVERT
Tensor chooseByBool(Tensor x, bool negate) { return negate ? -x : x; }

AG_CONVERT
Tensor shiftByLong(Tensor x, long long k) { return x + k; }

AG_CONVERT
Tensor timesTwoPointFive(Tensor x) { return x * 2.5; }

AG_CONVERT
Tensor addBoth(Tensor a, Tensor b) { return a + b; }

AG_CONVERT
Tensor literalResult(Tensor x) {
  Tensor r = 7;
  if (x > 0)
    r = 8;
  return r;
}

AG_CONVERT
Tensor sumRows(Tensor v) {
  Tensor s = 0;
  for (Tensor c : v)
    s = s + c;
  return s;
}

AG_CONVERT
Tensor sumWhile(Tensor v) {
  Tensor s = 0, i = 0;
  while (i < v.dim(0)) {
    s += v[i];
    i += 1;
  }
  return s;
}

AG_CONVERT
Tensor productDoWhile(Tensor v) {
  Tensor p = 1, i = 0;
  do {
    p = p * v[i];
    i += 1;
  } while (i < v.dim(0));
  return p;
}

AG_CONVERT
Tensor meanOfRows(Tensor v) {
  Tensor s = 0.0;
  Tensor n = 0;
  for (Tensor c : v) {
    s = s + c;
    n += 1;
  }
  return s / n;
}

AG_CONVERT
Tensor countAndSum(Tensor v) {
  Tensor s = 0, big = 0;
  for (Tensor c : v) {
    s = s + c;
    if (c > 2)
      big = big + 1;
  }
  return s * 100 + big;
}

AG_CONVERT
Tensor branchAccumulator(Tensor v) {
  Tensor s = 0;
  for (Tensor c : v) {
    if (c > 2)
      s = s + c;
    else
      s = s - 1;
  }
  return s;
}

AG_CONVERT
Tensor nestedAccumulator(Tensor m) {
  Tensor total = 0;
  for (Tensor row : m) {
    Tensor inner = 0;
    for (Tensor c : row)
      inner = inner + c;
    total = total + inner * 2;
  }
  return total;
}

AG_CONVERT
Tensor ternaryAccumulator(Tensor v) {
  Tensor s = 0;
  for (Tensor c : v)
    s = c > 2 ? s + c : s;
  return s;
}

AG_CONVERT
Tensor chainedWeak(Tensor v) {
  // `a` takes `b`'s type only once `b` has taken the row's.
  Tensor a = 0, b = 0;
  for (Tensor c : v) {
    a = b;
    b = b + c;
  }
  return a + b;
}

AG_CONVERT
Tensor printHostValues(Tensor n, bool flag, double d, int k) {
  Tensor i = 0;
  while (i < n) {
    std::cout << "flag=" << flag << " d=" << d << " third=" << 1.0 / 3
              << " i=" << i << "\n";
    printf("%x %hhd %5.2f %c\n", -k, k * 100, d, 65 + k);
    i += 1;
  }
  return i;
}

AG_CONVERT
Tensor stackDeclared(Tensor x, int n) {
  std::vector<Tensor> v;
  for (int i = 0; i < n; ++i)
    v.push_back(x * i);
  return ag::stack(v, ag::Float64, {2});
}

// Endless for n > 0 (i stays 0): only cancel() ends its graph.
AG_CONVERT
Tensor spin(Tensor n) {
  Tensor i = 0;
  while (i < n)
    i = i % n;
  return i;
}

} // namespace fidelity
