// Definite assignment ignores the paths that leave before the read: a
// branch that returns (directly, in a nested if/else, in a host switch) or
// a break/continue that leaves the statement does not reach what follows
// it, so a variable assigned on every other path is defined there. Each
// function runs eagerly and as a graph.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>
#include <iostream>

// The then branch returns, the else branch assigns.
AG_CONVERT
ag::Tensor thenReturns(ag::Tensor x) {
  ag::Tensor z;
  if (x > 3)
    return x;
  else
    z = x * 2;
  return z;
}

// The return is in a nested if/else whose both branches return.
AG_CONVERT
ag::Tensor nestedReturns(ag::Tensor x) {
  ag::Tensor z;
  if (x > 3) {
    if (x > 8)
      return x;
    else
      return -x;
  } else {
    z = x * 2;
  }
  return z + 1;
}

// The else branch returns in an else-if chain; the others assign.
AG_CONVERT
ag::Tensor chainReturns(ag::Tensor x) {
  ag::Tensor z;
  if (x > 6)
    z = x - 6;
  else if (x > 0)
    z = x + 100;
  else
    return x * x;
  return z * 3;
}

// A host switch in which every case either returns or assigns, then a
// staged if reading the variable.
AG_CONVERT
ag::Tensor switchReturns(ag::Tensor x, int mode) {
  ag::Tensor z;
  switch (mode) {
  case 0:
    return x;
  case 1:
    z = x + 1;
    break;
  default:
    z = x - 1;
  }
  if (x > 2)
    z = z * 10;
  return z;
}

// A staged loop whose break path leaves before the read in its body.
AG_CONVERT
ag::Tensor breakBeforeRead(ag::Tensor x) {
  ag::Tensor s = 0;
  for (ag::Tensor i = 0; i < x; i += 1) {
    ag::Tensor z;
    if (i > 5)
      break;
    else
      z = i * 2;
    s += z;
  }
  return s;
}

// A staged loop whose continue path leaves before the read in its body.
AG_CONVERT
ag::Tensor continueBeforeRead(ag::Tensor x) {
  ag::Tensor s = 0, i = 0;
  while (i < x) {
    i += 1;
    ag::Tensor z;
    if (i % 3 == 0) {
      continue;
    } else {
      z = i;
    }
    s += z;
  }
  return s;
}

// An else-if chain in which two branches break, and a nested if whose
// both branches break.
AG_CONVERT
ag::Tensor chainBreaks(ag::Tensor x) {
  ag::Tensor s = 0;
  for (ag::Tensor i = 0; i < 20; i += 1) {
    ag::Tensor z;
    if (i > x)
      break;
    else if (i * i > 50)
      break;
    else
      z = i * 3;
    ag::Tensor w;
    if (s > 40) {
      if (s > 60)
        break;
      else
        break;
    } else {
      w = z + 1;
    }
    s += w;
  }
  return s;
}

template <typename F, typename... Host> int check(const char *name, F f,
                                                  Host... host) {
  auto graph = ag::function(f);
  int bad = 0;
  for (long v = -4; v <= 12; ++v) {
    ag::Tensor e = f(ag::Tensor(v), host...), g = graph(ag::Tensor(v), host...);
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
  bad += check("thenReturns", &thenReturns);
  bad += check("nestedReturns", &nestedReturns);
  bad += check("chainReturns", &chainReturns);
  for (int mode : {0, 1, 2})
    bad += check("switchReturns", &switchReturns, mode);
  bad += check("breakBeforeRead", &breakBeforeRead);
  bad += check("continueBeforeRead", &continueBeforeRead);
  bad += check("chainBreaks", &chainBreaks);
  std::cout << "mismatches: " << bad << "\n";
  // CHECK: mismatches: 0
}
