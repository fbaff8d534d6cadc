#include "programs.h"

#include <cassert>
#include <cmath>
#include <iostream>
#include <vector>

namespace programs {

// A plain helper: not annotated, traced through when called from a twin.
static Tensor squarePlusOne(Tensor x) { return x * x + 1; }

AG_CONVERT
Tensor collatz(Tensor a) {
  Tensor counter = 0;
  while (a != 1) {
    if (a % 2 == 0)
      a = a / 2;
    else
      a = 3 * a + 1;
    counter += 1;
  }
  return counter;
}

AG_CONVERT
Tensor huber(Tensor x, Tensor delta) {
  Tensor r = ag::abs(x);
  if (r <= delta)
    return 0.5 * x * x;
  return delta * (r - 0.5 * delta);
}

AG_CONVERT
Tensor gcd(Tensor a, Tensor b) {
  while (b != 0) {
    Tensor t = b;
    b = a % b;
    a = t;
  }
  return a;
}

AG_CONVERT
Tensor ipow(Tensor base, Tensor exp) {
  Tensor result = 1;
  while (exp > 0) {
    if (exp % 2 == 1)
      result *= base;
    base *= base;
    exp /= 2;
  }
  return result;
}

AG_CONVERT
Tensor newtonSqrt(Tensor x) {
  Tensor guess = x / 2.0 + 1.0;
  Tensor steps = 0;
  while (ag::abs(guess * guess - x) > 1e-9 * (x + 1.0) && steps < 100) {
    guess = (guess + x / guess) / 2.0;
    steps += 1;
  }
  return guess;
}

AG_CONVERT
Tensor cubeRootBisection(Tensor target) {
  Tensor lo = 0.0;
  Tensor hi = ag::max(target, 1.0);
  for (int i = 0; i < 50; ++i) {
    Tensor mid = (lo + hi) / 2.0;
    if (mid * mid * mid < target)
      lo = mid;
    else
      hi = mid;
  }
  return (lo + hi) / 2.0;
}

AG_CONVERT
Tensor fizzbuzzCount(Tensor n) {
  Tensor count = 0;
  for (Tensor i = 1; i <= n; ++i) {
    if (i % 3 == 0 || i % 5 == 0)
      count += 1;
  }
  return count;
}

AG_CONVERT
Tensor pairCount(Tensor n) {
  Tensor count = 0;
  for (Tensor i = 0; i < n; i += 1)
    for (Tensor j = 0; j < i; j += 1)
      if ((i + j) % 3 == 0)
        count += 1;
  return count;
}

AG_CONVERT
Tensor sign(Tensor x) {
  if (x > 0)
    return 1;
  else if (x < 0)
    return -1;
  return 0;
}

AG_CONVERT
Tensor clampTernary(Tensor x, Tensor lo, Tensor hi) {
  return x < lo ? lo : (x > hi ? hi : x);
}

AG_CONVERT
Tensor absDiff(Tensor a, Tensor b) { return a > b ? a - b : b - a; }

AG_CONVERT
Tensor max3(Tensor a, Tensor b, Tensor c) {
  Tensor m = a;
  if (b > m)
    m = b;
  if (c > m)
    m = c;
  return m;
}

AG_CONVERT
Tensor nestedTernary(Tensor x) {
  Tensor y = x % 15 == 0 ? 15 : x % 5 == 0 ? 5 : x % 3 == 0 ? 3 : 0;
  return y + x;
}

AG_CONVERT
Tensor guardedDivision(Tensor a, Tensor b) {
  // Must never divide by zero: the guard short-circuits.
  if (b != 0 && a / b > 2)
    return a / b;
  return 0;
}

AG_CONVERT
Tensor orGuard(Tensor a, Tensor b) {
  Tensor r = 0;
  if (b == 0 || a % b == 0)
    r = 1;
  return r;
}

AG_CONVERT
Tensor notOperator(Tensor x) {
  Tensor r = x;
  if (!(x > 3))
    r = -x;
  return r;
}

AG_CONVERT
Tensor sameSign(Tensor a, Tensor b) {
  Tensor r = 0;
  if ((a > 0 && b > 0) || (a < 0 && b < 0))
    r = 1;
  return r;
}

AG_CONVERT
Tensor firstMultiple(Tensor n, Tensor k) {
  while (true) {
    if (n % k == 0)
      break;
    n += 1;
  }
  return n;
}

AG_CONVERT
Tensor foreverReturn(Tensor n) {
  for (;;) {
    if (n > 100)
      return n;
    n = n * 2 + 1;
  }
}

AG_CONVERT
Tensor digitCountDoWhile(Tensor n) {
  Tensor digits = 0;
  do {
    n /= 10;
    digits += 1;
  } while (n != 0);
  return digits;
}

AG_CONVERT
Tensor sumOfOdds(Tensor n) {
  Tensor sum = 0;
  for (Tensor i = 0; i < n; ++i) {
    if (i % 2 == 0)
      continue;
    sum += i;
  }
  return sum;
}

AG_CONVERT
Tensor breakInNestedIf(Tensor n) {
  Tensor i = 0;
  Tensor total = 0;
  while (i < n) {
    if (i > 3) {
      if (total > 10)
        break;
    }
    total += i;
    i += 1;
  }
  return total * 100 + i;
}

AG_CONVERT
Tensor earlyReturnFromNestedLoop(Tensor n) {
  for (Tensor i = 1; i < 10; ++i) {
    for (Tensor j = 1; j < 10; ++j) {
      if (i * j == n)
        return i * 10 + j;
    }
  }
  return -1;
}

AG_CONVERT
Tensor isPrime(Tensor n) {
  if (n < 2)
    return false;
  for (Tensor d = 2; d * d <= n; ++d) {
    if (n % d == 0)
      return false;
  }
  return true;
}

AG_CONVERT
Tensor whileTrueWithReturn(Tensor n) {
  Tensor steps = 0;
  while (true) {
    steps += 1;
    if (n <= 1)
      return steps;
    n = n / 2;
  }
}

AG_CONVERT
Tensor compoundAssignment(Tensor x) {
  x += 3;
  x *= 2;
  x -= 1;
  x /= 3;
  x %= 7;
  return x;
}

AG_CONVERT
Tensor incrementDecrement(Tensor x) {
  Tensor a = x++;
  Tensor b = ++x;
  Tensor c = x--;
  --x;
  return a * 1000 + b * 100 + c * 10 + x;
}

AG_CONVERT
Tensor shadowingAndBlocks(Tensor x) {
  Tensor y = x * 2;
  {
    Tensor y = x + 100; // shadows the outer y inside this block only
    if (y > 105)
      x = y;
  }
  if (y > 10) {
    Tensor z = y - 10;
    x = x + z;
  }
  return x + y;
}

AG_CONVERT
Tensor loopLocalVariables(Tensor n) {
  Tensor acc = 0;
  Tensor i = 0;
  while (i < n) {
    Tensor square = i * i; // local to each iteration, not carried
    Tensor half = square / 2;
    acc += half;
    i += 1;
  }
  return acc;
}

AG_CONVERT
Tensor callsAnnotated(Tensor a, Tensor b) {
  Tensor g = gcd(a, b);
  return ipow(g, 2) + collatz(g);
}

AG_CONVERT
Tensor callsPlainHelper(Tensor x) {
  Tensor r = squarePlusOne(x);
  if (r > 50)
    r = squarePlusOne(r % 7);
  return r;
}

AG_CONVERT
Tensor hostLoopUnrolled(Tensor x) {
  for (int i = 0; i < 4; ++i)
    x = x * 2 + i;
  return x;
}

AG_CONVERT
Tensor hostRangeFor(Tensor x) {
  std::vector<double> weights = {0.5, 1.5, 2.0};
  for (double w : weights)
    x = x * w + 1.0;
  return x;
}

AG_CONVERT
Tensor positiveSum(Tensor v) {
  Tensor sum = 0.0;
  for (Tensor e : v) {
    if (e > 0.0)
      sum += e;
  }
  return sum;
}

AG_CONVERT
Tensor triangle(Tensor n) {
  Tensor sum = 0;
  for (Tensor i = 1; i <= n; i += 1)
    sum += i;
  return sum;
}

AG_CONVERT
Tensor fibonacci(Tensor n) {
  Tensor a = 0;
  Tensor b = 1;
  while (n > 0) {
    Tensor next = a + b;
    a = b;
    b = next;
    n -= 1;
  }
  return a;
}

AG_CONVERT
Tensor digitSum(Tensor n) {
  Tensor sum = 0;
  while (n > 0) {
    sum += n % 10;
    n /= 10;
  }
  return sum;
}

AG_CONVERT
Tensor reverseDigits(Tensor n) {
  Tensor r = 0;
  while (n > 0) {
    r = r * 10 + n % 10;
    n = n / 10;
  }
  return r;
}

AG_CONVERT
Tensor countBits(Tensor n) {
  Tensor bits = 0;
  while (n > 0) {
    bits += n % 2;
    n /= 2;
  }
  return bits;
}

AG_CONVERT
Tensor logisticSteps(Tensor r) {
  Tensor x = 0.5;
  for (int i = 0; i < 30; ++i)
    x = r * x * (1.0 - x);
  return x;
}

AG_CONVERT
Tensor classifyLoop(Tensor n) {
  Tensor small = 0;
  Tensor medium = 0;
  Tensor large = 0;
  for (Tensor i = 0; i < n; ++i) {
    Tensor v = (i * 37) % 100;
    if (v < 30)
      small += 1;
    else if (v < 70)
      medium += 1;
    else
      large += 1;
  }
  return small * 10000 + medium * 100 + large;
}

AG_CONVERT
Tensor floatHalvings(Tensor x) {
  Tensor count = 0;
  while (x > 1.0) {
    x = x / 3.0 + 0.1;
    count += 1;
  }
  return count;
}

AG_CONVERT
Tensor assertNonNegative(Tensor x) {
  assert(x >= 0 && "x must be non-negative");
  return x * 2;
}

AG_CONVERT
Tensor printSteps(Tensor n) {
  Tensor steps = 0;
  while (n > 1) {
    std::cout << "n = " << n << "\n";
    n = n / 2;
    steps += 1;
  }
  return steps;
}

// Prints, then an evaluation error in a later iteration for n in 0..5:
// each line is printed once on every backend (native code prints, then the
// interpreter re-runs the graph to report the error, skipping those lines).
AG_CONVERT
Tensor printThenDivide(Tensor n) {
  Tensor acc = 0;
  for (Tensor i = 0; i < 6; i += 1) {
    std::cout << "i = " << i << ", acc = " << acc << "\n";
    acc = acc + 60 / (n - i);
  }
  return acc;
}

// Issue 10, semantic fidelity (front-a): each region of a staged construct
// is traced from the values before it.
AG_CONVERT
Tensor branchReadsOtherBranch(Tensor n, Tensor m) {
  Tensor s = 0, i = 0;
  if (n > 0) {
    i = m;
    s = 1;
  } else {
    s = i;
  }
  return s;
}

AG_CONVERT
Tensor elseIfReadsFirstBranch(Tensor n, Tensor m) {
  Tensor t = 10, s = 0;
  if (n > 2) {
    t = m * 3;
    s = t;
  } else if (n > -2) {
    s = t * 2;
  } else {
    s = t - m;
  }
  return s;
}

AG_CONVERT
Tensor loopBranchReadsBefore(Tensor n, Tensor m) {
  Tensor s = 0;
  for (Tensor k = 0; k < 5; k += 1) {
    Tensor t = k;
    if (n > k)
      t = m * k;
    else
      s = s + t;
    s = s + 1;
  }
  return s;
}

// A loop with a break nested in a staged branch: `f` is assigned on both.
AG_CONVERT
Tensor smallestFactor(Tensor n) {
  Tensor f;
  if (n > 1) {
    Tensor d = 2;
    while (d * d <= n) {
      if (n % d == 0)
        break;
      d += 1;
    }
    f = ag::where(d * d <= n, d, n);
  } else {
    f = n;
  }
  return f;
}

// A loop that yields a value defined outside it (issue 16).
AG_CONVERT
Tensor keepLastOuter(Tensor x, Tensor n) {
  Tensor y = x * 0, i = 0;
  while (i < n) {
    y = x;
    i += 1;
  }
  return y;
}

AG_CONVERT
Tensor constantOnMultiplesOfThree(Tensor n) {
  Tensor total = 0;
  for (Tensor i = 0; i < n; i += 1) {
    Tensor y = i;
    if (i % 3 == 0)
      y = 7;
    total += y;
  }
  return total;
}

AG_CONVERT
Tensor resetRowEveryOther(Tensor x, Tensor n) {
  Tensor row = x;
  Tensor i = 0;
  while (i < n) {
    if (i % 2 == 0)
      row = Tensor{5.0, 6.0, 7.0};
    else
      row = row + x;
    i += 1;
  }
  return row;
}

AG_CONVERT
Tensor innerKeepsOuter(Tensor a, Tensor n) {
  Tensor r = 0;
  for (Tensor i = 0; i < n; i += 1) {
    Tensor j = 0;
    while (j < n) {
      r = a;
      j += 1;
    }
    r = r + i;
  }
  return r;
}

// Reading elements of a non-const host vector in a staged loop.
AG_CONVERT
Tensor hostCoefficients(Tensor x, Tensor deg) {
  std::vector<int> c = {1, -2, 5, 3};
  Tensor r = 0, k = 0;
  while (k < deg) {
    r = r * x + c[2] - c.at(1) + c.front();
    k += 1;
  }
  return r;
}

// A float outside the integer range cast to an integer is undefined in C++:
// an error eagerly and in the graph alike.
AG_CONVERT
Tensor truncateToInt(Tensor x) {
  Tensor r = ag::cast(x, ag::DType::Int64);
  if (r < 0)
    r = -r;
  return r;
}

} // namespace programs
