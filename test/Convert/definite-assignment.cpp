// Definite assignment looks through jumps that stay inside a statement: a
// break/continue of a loop nested in a staged branch does not leave the
// branch, so a variable assigned after that loop on both branches is
// defined after the if. A `while (true)` / `for (;;)` whose body assigns
// before any break defines it too. Each function runs eagerly and as a
// graph.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>
#include <iostream>

// A host loop with a break in the then branch.
AG_CONVERT
ag::Tensor hostBreak(ag::Tensor x) {
  ag::Tensor r;
  if (x > 0) {
    int steps = 0;
    for (int i = 0; i < 3; ++i) {
      if (i == 1)
        break;
      ++steps;
    }
    r = x + steps;
  } else {
    r = -x;
  }
  return r;
}

// A staged loop with a break in the then branch.
AG_CONVERT
ag::Tensor stagedBreak(ag::Tensor x) {
  ag::Tensor r;
  if (x > 0) {
    ag::Tensor k = 0;
    while (true) {
      k += 1;
      if (k * k > x)
        break;
    }
    r = k;
  } else {
    r = -x;
  }
  return r;
}

// A staged loop with a continue in the else branch.
AG_CONVERT
ag::Tensor stagedContinue(ag::Tensor x) {
  ag::Tensor r;
  if (x > 0) {
    r = x;
  } else {
    ag::Tensor s = 0;
    for (ag::Tensor k = 0; k < 5 - x; k += 1) {
      if (k % 2 == 0)
        continue;
      s += k;
    }
    r = s;
  }
  return r;
}

// A do/while body whose inner loop breaks, then assigns.
AG_CONVERT
ag::Tensor innerBreakInDo(ag::Tensor x) {
  ag::Tensor r;
  ag::Tensor n = 0;
  do {
    ag::Tensor j = 0;
    while (j < 10) {
      if (j > x)
        break;
      j += 1;
    }
    r = j + n;
    n += 1;
  } while (n < 2);
  return r;
}

// while (true) assigning before its break.
AG_CONVERT
ag::Tensor foreverAssignsFirst(ag::Tensor x) {
  ag::Tensor r;
  while (true) {
    r = x * 2;
    if (r > 10)
      break;
    x += 3;
  }
  return r;
}

// Nested: a switch's break inside a staged branch.
AG_CONVERT
ag::Tensor switchBreak(ag::Tensor x, int mode) {
  ag::Tensor r;
  if (x > 0) {
    int scale = 1;
    switch (mode) {
    case 1:
      scale = 10;
      break;
    default:
      break;
    }
    r = x * scale;
  } else {
    r = x;
  }
  return r;
}

template <typename F> int check(const char *name, F f) {
  auto graph = ag::function(f);
  int bad = 0;
  for (long v = -4; v <= 12; ++v) {
    ag::Tensor e = f(ag::Tensor(v)), g = graph(ag::Tensor(v));
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
  bad += check("hostBreak", &hostBreak);
  bad += check("stagedBreak", &stagedBreak);
  bad += check("stagedContinue", &stagedContinue);
  bad += check("innerBreakInDo", &innerBreakInDo);
  bad += check("foreverAssignsFirst", &foreverAssignsFirst);
  auto sw = ag::function(&switchBreak);
  for (long v = -2; v <= 2; ++v)
    for (int mode = 0; mode < 2; ++mode)
      if (!switchBreak(ag::Tensor(v), mode).identical(sw(ag::Tensor(v), mode)))
        ++bad;
  std::cout << "mismatches: " << bad << "\n";
  // CHECK-NOT: eager
  // CHECK: mismatches: 0
}
