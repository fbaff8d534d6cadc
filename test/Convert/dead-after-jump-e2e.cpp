// A variable assigned right before a staged break/continue/return (in a
// staged if inside a staged loop) and assigned again after that if was
// taken as dead after the if: the kill after it does not cover the path
// that jumps. The if then did not yield it, and the loop's result was the
// previous iteration's value (power iteration returned the eigenvalue
// estimate of the step before convergence). liveAfter now counts the jumps
// inside the statement itself.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cstdio>
#include <cstring>

// continue after an assignment, killed on the fall-through path.
AG_CONVERT ag::Tensor g1(ag::Tensor n) {
  ag::Tensor k = 0, v = -1;
  while (k < n) {
    k += 1;
    if (k % 3 == 0) {
      v = k * 100;
      continue;
    }
    v = k;
  }
  return v;
}
// break out of an inner loop; the outer body kills the variable after it.
AG_CONVERT ag::Tensor g2(ag::Tensor n) {
  ag::Tensor i = 0, found = -1, last = 0;
  while (i < n) {
    ag::Tensor j = 0;
    while (j < i) {
      if (i * j == 12) {
        found = i * 10 + j;
        break;
      }
      found = -2;
      j += 1;
    }
    last = found;
    i += 1;
  }
  return last * 1000 + found;
}
// A return in a staged if inside a loop, the variable killed after it.
AG_CONVERT ag::Tensor g3(ag::Tensor x) {
  ag::Tensor r = 0;
  for (ag::Tensor i = 0; i < 10; i += 1) {
    if (x * i > 20) {
      r = x * i;
      return r + 0.5;
    }
    r = i;
  }
  return r;
}
// A for loop whose increment reads the variable; break before the kill.
AG_CONVERT ag::Tensor g4(ag::Tensor x) {
  ag::Tensor acc = 1;
  ag::Tensor s = 0;
  for (ag::Tensor i = 0; i < 8; i += acc) {
    if (i * x > 5) {
      acc = 100;
      s = s + 1000;
      break;
    }
    acc = 1;
    s = s + i;
  }
  return s + acc;
}
// do/while with a break and a kill after it.
AG_CONVERT ag::Tensor g5(ag::Tensor x) {
  ag::Tensor best = 0;
  ag::Tensor t = 0;
  do {
    t += 1;
    if (t * t > x) {
      best = t * 7;
      break;
    }
    best = t;
  } while (t < 50);
  return best;
}
// Range-for over a tensor with break, the variable a pair part.
AG_CONVERT ag::Tensor g6(ag::Tensor v, ag::Tensor lim) {
  ag::Tensor last = 0, cnt = 0;
  for (ag::Tensor e : v) {
    if (e > lim) {
      last = e;
      cnt = cnt + 100;
      break;
    }
    last = -e;
    cnt = cnt + 1;
  }
  return last + cnt;
}
// Nested ifs: the jump is two levels down.
AG_CONVERT ag::Tensor g7(ag::Tensor x) {
  ag::Tensor y = 0, i = 0;
  while (i < 10) {
    if (i > 2) {
      y = i * 10;
      if (x < i)
        break;
    }
    y = -i;
    i += 1;
  }
  return y;
}

// TWIN-LABEL: ag_twin_g1(
// TWIN-NOT: dead_("v"
// TWIN: return v;

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
#define RUN(f, ...) (graph ? ag::function(&f)(__VA_ARGS__) : f(__VA_ARGS__))
  for (int n : {0, 2, 3, 4, 7, 9})
    std::printf("g1 %s g2 %s\n", ag::toString(RUN(g1, ag::Tensor(n))).c_str(),
                ag::toString(RUN(g2, ag::Tensor(n))).c_str());
  for (double x : {0.0, 1.0, 3.0, 30.0, -2.0})
    std::printf("g3 %s g4 %s g5 %s g7 %s\n",
                ag::toString(RUN(g3, ag::Tensor(x))).c_str(),
                ag::toString(RUN(g4, ag::Tensor(x))).c_str(),
                ag::toString(RUN(g5, ag::Tensor(x))).c_str(),
                ag::toString(RUN(g7, ag::Tensor(x))).c_str());
  for (double l : {0.0, 2.5, 10.0})
    std::printf("g6 %s\n",
                ag::toString(RUN(g6, ag::Tensor{1.0, 2.0, 3.0}, ag::Tensor(l)))
                    .c_str());
}

// CHECK: g1 -1 g2 -1
// CHECK-NEXT: g1 2 g2 -2002
// CHECK-NEXT: g1 300 g2 -2002
// CHECK-NEXT: g1 4 g2 -2002
// CHECK-NEXT: g1 7 g2 62062
// CHECK-NEXT: g1 900 g2 -2002
// CHECK-NEXT: g3 9 g4 29 g5 7 g7 30
// CHECK-NEXT: g3 9 g4 1115 g5 14 g7 30
// CHECK-NEXT: g3 21.5 g4 1101 g5 14 g7 40
// CHECK-NEXT: g3 30.5 g4 1100 g5 42 g7 -9
// CHECK-NEXT: g3 9 g4 29 g5 7 g7 30
// CHECK-NEXT: g6 101
// CHECK-NEXT: g6 105
// CHECK-NEXT: g6 0
