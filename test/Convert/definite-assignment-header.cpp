// A statement's header always runs: a variable declared without a value and
// assigned in a for's init-statement (also through a comma), in an if's or
// while's condition is defined after the statement. Each function runs
// eagerly and as a graph. (A do/while's condition does not count: the
// staged loop learns the type of a variable without a value from its body.)
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>

#include <iostream>

AG_CONVERT
ag::Tensor forInit(ag::Tensor n) {
  ag::Tensor s = 0, i;
  for (i = 0; i < n; i += 1)
    s += i;
  return s * 100 + i;
}

AG_CONVERT
ag::Tensor forInitComma(ag::Tensor n) {
  ag::Tensor s = 0, i, j;
  for (i = 0, j = n; i < j; i += 1, j -= 1)
    s += j - i;
  return s * 100 + i * 10 + j;
}

AG_CONVERT
ag::Tensor ifCondition(ag::Tensor x) {
  ag::Tensor y;
  if ((y = x * 2) > 4)
    y += 1;
  return y;
}

AG_CONVERT
ag::Tensor whileCondition(ag::Tensor x) {
  ag::Tensor v;
  while ((v = x - 1) > 3)
    x = v;
  return v * 100 + x;
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
  bad += check("forInit", &forInit);
  bad += check("forInitComma", &forInitComma);
  bad += check("ifCondition", &ifCondition);
  bad += check("whileCondition", &whileCondition);
  std::cout << "mismatches: " << bad << "\n";
  // CHECK-NOT: eager
  // CHECK: mismatches: 0
}
