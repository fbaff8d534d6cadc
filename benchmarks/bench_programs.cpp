#include "bench_programs.h"

// Sum of Collatz step counts for 1..n: scalar control flow, the per-op
// interpretation overhead of the evaluator.
AG_CONVERT
ag::Tensor collatzTotal(ag::Tensor n) {
  ag::Tensor total = 0;
  ag::Tensor i = 1;
  while (i <= n) {
    ag::Tensor a = i;
    while (a != 1) {
      if (a % 2 == 0)
        a = a / 2;
      else
        a = 3 * a + 1;
      total += 1;
    }
    i += 1;
  }
  return total;
}

int64_t collatzTotalNative(int64_t n) {
  int64_t total = 0;
  for (int64_t i = 1; i <= n; ++i) {
    int64_t a = i;
    while (a != 1) {
      a = a % 2 == 0 ? a / 2 : 3 * a + 1;
      total += 1;
    }
  }
  return total;
}

// Two independent chains of heavy elementwise work; a parallel evaluator
// runs them at the same time.
AG_CONVERT
ag::Tensor twoHeavyBranches(ag::Tensor x, ag::Tensor y) {
  for (int r = 0; r < kHeavyRounds; ++r) { // host loop: unrolled at trace time
    x = ag::sqrt(x * x + 1.0) - 0.5;
    y = ag::sqrt(y * y + 2.0) - 0.25;
  }
  return ag::sum(x) + ag::sum(y);
}

// 20 elementwise ops on one big tensor: graph evaluation frees each
// intermediate after its only consumer; eager keeps every named one alive.
AG_CONVERT
ag::Tensor elementwiseChain(ag::Tensor x) {
  ag::Tensor a1 = x * 1.5;
  ag::Tensor a2 = a1 + 2.0;
  ag::Tensor a3 = a2 * a1;
  ag::Tensor a4 = a3 - x;
  ag::Tensor a5 = a4 / 3.0;
  ag::Tensor a6 = a5 + a2;
  ag::Tensor a7 = a6 * 0.5;
  ag::Tensor a8 = a7 - a3;
  ag::Tensor a9 = a8 + 1.0;
  ag::Tensor a10 = a9 * a9;
  ag::Tensor a11 = a10 - a4;
  ag::Tensor a12 = a11 / 7.0;
  ag::Tensor a13 = a12 + a5;
  ag::Tensor a14 = a13 * 0.25;
  ag::Tensor a15 = a14 - a6;
  ag::Tensor a16 = a15 + a7;
  ag::Tensor a17 = a16 * 1.25;
  ag::Tensor a18 = a17 - a8;
  ag::Tensor a19 = a18 + a9;
  ag::Tensor a20 = a19 * 0.125;
  return ag::sum(a20);
}

// A balanced tree of scalar additions: ~2 * kTreeLeaves trivial nodes with
// plenty of independent work, the per-node scheduling overhead.
AG_CONVERT
ag::Tensor reductionTree(ag::Tensor x) {
  std::vector<ag::Tensor> level;
  for (int i = 0; i < kTreeLeaves; ++i)
    level.push_back(x + i);
  while (level.size() > 1) { // host loop over host values: unrolled
    std::vector<ag::Tensor> next;
    for (size_t i = 0; i + 1 < level.size(); i += 2)
      next.push_back(level[i] + level[i + 1]);
    if (level.size() % 2)
      next.push_back(level.back());
    level = next;
  }
  return level[0];
}

// A staged list: one push per iteration of a staged loop, then stacked and
// summed. O(n) only if pushes append in place.
AG_CONVERT
ag::Tensor listSquares(ag::Tensor n) {
  std::vector<ag::Tensor> squares;
  for (ag::Tensor i = 0; i < n; ++i)
    squares.push_back(i * i);
  return ag::sum(ag::stack(squares));
}

int64_t listSquaresNative(int64_t n) {
  std::vector<int64_t> squares;
  for (int64_t i = 0; i < n; ++i)
    squares.push_back(i * i);
  int64_t total = 0;
  for (int64_t v : squares)
    total += v;
  return total;
}
