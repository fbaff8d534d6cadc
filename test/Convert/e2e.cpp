// End to end: convert, compile against the ag runtime, and compare every
// function eagerly and through ag::function (traced, lazily evaluated) on
// many inputs. Covers staged if/else, while(true)+break, for+continue,
// nested loops with early return, do/while+break, for(;;)+break, a host loop
// (unrolled), &&/||/! short-circuit guarding a division, ?:, block scopes
// and shadowing, and effects (print, printf, assert).
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>
#include <cassert>
#include <cstdio>
#include <iostream>
AG_CONVERT
ag::Tensor firstAbove(ag::Tensor x) {
  ag::Tensor i = 0;
  while (true) {
    if (i * x > 20)
      break;
    i += 1;
  }
  return i;
}

AG_CONVERT
ag::Tensor ipow(ag::Tensor base) {
  ag::Tensor exp = 13;
  ag::Tensor result = 1;
  while (exp > 0) {
    if (exp % 2 == 1)
      result *= base;
    base *= base;
    exp /= 2;
  }
  return result;
}

AG_CONVERT
ag::Tensor fizz(ag::Tensor n) {
  ag::Tensor count = 0;
  for (ag::Tensor i = 1; i <= n; i += 1) {
    if (i % 15 == 0)
      continue;
    if (i % 3 == 0 || i % 5 == 0)
      count += 1;
  }
  return count;
}

AG_CONVERT
ag::Tensor nestedReturn(ag::Tensor n) {
  ag::Tensor i = 0;
  while (i < n) {
    ag::Tensor j = 0;
    while (j < n) {
      if (i * j == 12)
        return i * 100 + j;
      j += 1;
    }
    i += 1;
  }
  return -1;
}

AG_CONVERT
ag::Tensor doBreak(ag::Tensor x) {
  do {
    x -= 3;
    if (x < 0)
      break;
    x -= 1;
  } while (x > 10);
  return x;
}

AG_CONVERT
ag::Tensor pairs(ag::Tensor n) {
  ag::Tensor count = 0;
  ag::Tensor i = 0;
  while (i < n) {
    ag::Tensor j = 0;
    for (;;) {
      if (j >= i)
        break;
      if ((i + j) % 3 == 0)
        count += 1;
      j += 1;
    }
    i += 1;
  }
  return count;
}

AG_CONVERT
ag::Tensor newton(ag::Tensor x) {
  ag::Tensor g = x / 2;
  for (int i = 0; i < 20; ++i)
    g = (g + x / g) / 2;
  return g;
}

AG_CONVERT
ag::Tensor guard(ag::Tensor x) {
  ag::Tensor r = 0;
  if (x != 0 && 10 / x > 2)
    r = 10 / x;
  if (x < -5 || !(x < 5))
    r = r - 1;
  ag::Tensor s = x > 0 ? x : -x;
  return r + s;
}

AG_CONVERT
ag::Tensor scopes(ag::Tensor x) {
  ag::Tensor a = x;
  {
    ag::Tensor b = a * 2;
    a -= b;
  }
  ag::Tensor k = 0;
  while (k < 5) {
    ag::Tensor a = 100;
    x++;
    a--;
    if (x > a)
      x /= 2;
    k += 1;
  }
  --a;
  return a + x;
}

// Two staged parameters, a host parameter, and a call to another twin.
AG_CONVERT
ag::Tensor gcd(ag::Tensor a, ag::Tensor b, int scale) {
  while (b != 0) {
    ag::Tensor t = b;
    b = a % b;
    a = t;
  }
  return a * scale + guard(a);
}

AG_CONVERT
ag::Tensor effects(ag::Tensor x) {
  assert(x >= 0 && "x must be non-negative");
  if (x > 5) {
    std::cout << "big " << x << std::endl;
    printf("x=%ld\n", x.item<long>());
  } else {
    ag::print("small", x);
  }
  return x * 2;
}

template <typename F, typename G>
int check(const char *name, F eager, G graph, long from) {
  int bad = 0;
  for (long v = from; v <= 30; ++v) {
    ag::Tensor e = eager(ag::Tensor(v)), g = graph(ag::Tensor(v));
    if (!e.identical(g)) {
      std::cout << name << "(" << v << "): eager " << e << " graph " << g
                << "\n";
      ++bad;
    }
  }
  return bad;
}

int main() {
  int bad = 0;
  bad += check("firstAbove", firstAbove, ag::function(&firstAbove), 1);
  bad += check("ipow", ipow, ag::function(&ipow), -6);
  bad += check("fizz", fizz, ag::function(&fizz), -6);
  bad += check("nestedReturn", nestedReturn, ag::function(&nestedReturn), -6);
  bad += check("doBreak", doBreak, ag::function(&doBreak), -6);
  bad += check("pairs", pairs, ag::function(&pairs), -6);
  bad += check("guard", guard, ag::function(&guard), -6);
  bad += check("scopes", scopes, ag::function(&scopes), -6);
  bad += check("newton", newton, ag::function(&newton), 4);
  auto graphGcd = ag::function(&gcd);
  for (long a = 0; a <= 24; a += 3)
    for (long b = 1; b <= 18; b += 4)
      if (!gcd(ag::Tensor(a), ag::Tensor(b), 3)
               .identical(graphGcd(ag::Tensor(a), ag::Tensor(b), 3))) {
        std::cout << "gcd(" << a << ", " << b << ") differs\n";
        ++bad;
      }
  std::cout << "mismatches: " << bad << "\n";
  // CHECK: mismatches: 0

  auto f = ag::function(&effects);
  std::cout << f(ag::Tensor(7L)) << "\n";
  // CHECK-NEXT: big 7
  // CHECK-NEXT: x=7
  // CHECK-NEXT: 14
  std::cout << f(ag::Tensor(3L)) << "\n";
  // CHECK-NEXT: small{{ ?}}3
  // CHECK-NEXT: 6
  try {
    f(ag::Tensor(-1L));
  } catch (const ag::Error &e) {
    std::cout << e.what() << "\n";
    // CHECK-NEXT: {{.*}}e2e.cpp:148:10: error: {{.*}}x must be non-negative
  }
}
