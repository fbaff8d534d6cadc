// Staged lists: std::vector<ag::Tensor> appended to under staged control
// flow, stacked with ag::stack. In the twins the vectors become
// ag::TensorList; eagerly they are plain vectors.
#include "programs.h"

#include <vector>

namespace programs {

AG_CONVERT
Tensor collatzTrajectory(Tensor a) {
  std::vector<Tensor> path;
  path.push_back(a);
  while (a != 1) {
    if (a % 2 == 0)
      a = a / 2;
    else
      a = 3 * a + 1;
    path.push_back(a);
  }
  return ag::stack(path);
}

AG_CONVERT
Tensor evenHalvings(Tensor x) {
  std::vector<Tensor> evens;
  evens.push_back(x * 0);
  while (x > 1) {
    x = x / 2;
    if (x % 2 == 0)
      evens.push_back(x);
  }
  return ag::stack(evens);
}

// Stacked, then iterated with a staged range-for (trip count known only at
// evaluation) and combined with scalars.
AG_CONVERT
Tensor weightedDigits(Tensor n) {
  std::vector<Tensor> digits;
  do {
    digits.push_back(n % 10);
    n = n / 10;
  } while (n > 0);
  Tensor all = ag::stack(digits) * 2 + 1;
  Tensor total = 0;
  Tensor weight = 1;
  for (Tensor d : all) {
    total += d * weight;
    weight += 1;
  }
  return total * 1000 + ag::sum(all);
}

// Rows of shape [3] stacked into [?, 3].
AG_CONVERT
Tensor scaledRows(Tensor n) {
  Tensor base = {1.0, 2.0, 3.0};
  std::vector<Tensor> rows;
  for (Tensor i = 0; i < n; ++i)
    rows.push_back(base * i + n);
  rows.push_back(base);
  return ag::stack(rows);
}

// A host loop unrolled inside a staged loop pushes several times per
// iteration; a break leaves the staged loop.
AG_CONVERT
Tensor unrolledPushes(Tensor x) {
  std::vector<Tensor> parts;
  while (true) {
    if (x > 200)
      break;
    for (int k = 1; k <= 2; ++k)
      parts.push_back(x * k);
    x = x * 3 + 1;
  }
  parts.push_back(x);
  return ag::stack(parts);
}

// Nested staged loops append pairs.
AG_CONVERT
Tensor pairCodes(Tensor n) {
  std::vector<Tensor> codes;
  codes.push_back(n);
  for (Tensor i = 0; i < n; ++i)
    for (Tensor j = 0; j < i; ++j)
      if ((i + j) % 3 != 0)
        codes.push_back(i * 10 + j);
  return ag::stack(codes);
}

// Nothing is pushed for n <= 0: stacking the empty list fails eagerly and
// in the graph alike.
AG_CONVERT
Tensor divisors(Tensor n) {
  std::vector<Tensor> found;
  for (Tensor d = 1; d <= n; ++d)
    if (n % d == 0)
      found.push_back(d);
  return ag::stack(found);
}

// Float elements; the stacked list feeds a reduction.
AG_CONVERT
Tensor runningMeans(Tensor x) {
  std::vector<Tensor> means;
  Tensor sum = 0.0;
  Tensor count = 0.0;
  while (count < 6.0) {
    sum += x;
    count += 1.0;
    means.push_back(sum / count);
    x = x * 0.5 + 1.0;
  }
  return ag::sum(ag::stack(means)) + ag::stack(means)[2];
}

// An early return of a stacked list from inside the loop: the return slot
// merges an empty placeholder with the list's open length.
AG_CONVERT
Tensor pathUntilSeven(Tensor a) {
  std::vector<Tensor> path;
  while (a > 1) {
    path.push_back(a);
    if (a == 7)
      return ag::stack(path);
    a = a % 2 == 0 ? a / 2 : 3 * a + 1;
  }
  path.push_back(a);
  return ag::stack(path) * -1;
}

// A list local to a staged loop's body, filled by a nested staged loop and
// stacked in each iteration.
AG_CONVERT
Tensor rowTotals(Tensor n) {
  Tensor total = 0;
  for (Tensor i = 1; i <= n; ++i) {
    std::vector<Tensor> row;
    row.push_back(i);
    Tensor j = 0;
    while (j < i) {
      row.push_back(i * 10 + j);
      j += 1;
    }
    total += ag::sum(ag::stack(row));
  }
  return total;
}

// Two lists declared together, each pushed on one side of a staged if.
AG_CONVERT
Tensor evensAndOdds(Tensor n) {
  std::vector<Tensor> evens, odds;
  evens.push_back(n * 0);
  odds.push_back(n * 0 + 1);
  for (Tensor i = 0; i < n; ++i) {
    if (i % 2 == 0)
      evens.push_back(i);
    else
      odds.push_back(i);
  }
  return ag::sum(ag::stack(evens)) * 1000 + ag::sum(ag::stack(odds));
}

// continue skips a push, break ends the pushing.
AG_CONVERT
Tensor squaresSkippingThirds(Tensor n) {
  std::vector<Tensor> kept;
  kept.push_back(n);
  Tensor i = 0;
  while (i < n) {
    i += 1;
    if (i % 3 == 0)
      continue;
    kept.push_back(i * i);
    if (i > 20)
      break;
  }
  return ag::stack(kept);
}

// A variable of static shape [1] merged after an if with a stacked list of
// open length: the merged value has the open shape.
AG_CONVERT
Tensor allWhenLarge(Tensor n) {
  std::vector<Tensor> all;
  all.push_back(n);
  for (Tensor i = 0; i < n; ++i)
    all.push_back(i * 3);
  Tensor r = ag::stack(std::vector<Tensor>{n * 0});
  if (n > 3)
    r = ag::stack(all);
  return r + 1;
}

} // namespace programs
