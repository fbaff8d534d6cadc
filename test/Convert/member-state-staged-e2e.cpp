// ag::Tensor members of the object assigned under staged control flow in a
// converted method, directly (`if (x > 0) total += x;`) or through a call
// of another of the object's methods inside a staged loop (`add(e)`, a
// converted or a plain method): the construct carries them like variables
// and ag::method writes them back. The call inside a loop was an internal
// error ("the graph ... does not verify: operand #0 does not dominate this
// use"), the direct write a conversion error.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cmath>
#include <cstdio>
#include <cstring>

struct Acc {
  ag::Tensor total = ag::Tensor(0.0);
  ag::Tensor count = ag::Tensor(int64_t(0));
  AG_CONVERT void add(ag::Tensor x) {
    if (x > 0) {
      total += x;
      count += 1;
    }
  }
  AG_CONVERT ag::Tensor addAll(ag::Tensor v) {
    for (ag::Tensor e : v)
      add(e);
    return total / ag::max(count, ag::Tensor(int64_t(1)));
  }
};
// TWIN-LABEL: ag::Tensor addAll(
// TWIN: ::ag::for_each_(
// TWIN-NEXT: {{[{][{]}}"total", this->total}, {"count", this->count}}, v,

// Welford's running mean and variance.
struct Welford {
  ag::Tensor n = ag::Tensor(0.0), mean = ag::Tensor(0.0),
             m2 = ag::Tensor(0.0);
  AG_CONVERT void push(ag::Tensor x) {
    if (ag::isnan(x))
      return;
    n += 1;
    ag::Tensor d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }
  AG_CONVERT ag::Tensor variance(ag::Tensor xs) {
    for (ag::Tensor x : xs)
      push(x);
    return n > 1 ? m2 / (n - 1) : n * 0;
  }
};

// A member of a member, a break, and a plain method writing a member.
struct Layer {
  ag::Tensor w = ag::Tensor(1.0);
};
struct Model {
  Layer l1;
  ag::Tensor steps = ag::Tensor(int64_t(0)), last = ag::Tensor(0.0);
  void note(ag::Tensor g) { last = g; }
  AG_CONVERT ag::Tensor fit(ag::Tensor target, ag::Tensor maxSteps) {
    while (steps < maxSteps) {
      ag::Tensor g = 2 * (l1.w - target);
      note(g);
      if (ag::abs(g) < 1e-3)
        break;
      l1.w = l1.w - 0.25 * g;
      steps += 1;
    }
    return l1.w;
  }
};

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
  for (ag::Tensor v : {ag::Tensor{1.0, -2.0, 3.0}, ag::Tensor{-1.0}}) {
    Acc a;
    ag::Tensor r = graph ? ag::method(a, &Acc::addAll)(v) : a.addAll(v);
    std::printf("acc %s total %s count %s\n", ag::toString(r).c_str(),
                ag::toString(a.total).c_str(), ag::toString(a.count).c_str());
  }
  double nan = std::nan("");
  for (ag::Tensor xs : {ag::Tensor{1.0, 2.0, 4.0, nan, 7.0}, ag::Tensor{3.0},
                        ag::Tensor{nan, nan}}) {
    Welford w;
    ag::Tensor v = graph ? ag::method(w, &Welford::variance)(xs)
                         : w.variance(xs);
    std::printf("var %s n %s mean %s\n", ag::toString(v).c_str(),
                ag::toString(w.n).c_str(), ag::toString(w.mean).c_str());
  }
  for (double t : {3.0, 1.0}) {
    Model m;
    ag::Tensor target(t), cap(int64_t(50));
    ag::Tensor r = graph ? ag::method(m, &Model::fit)(target, cap)
                         : m.fit(target, cap);
    std::printf("fit %s w %s steps %s last %s\n", ag::toString(r).c_str(),
                ag::toString(m.l1.w).c_str(), ag::toString(m.steps).c_str(),
                ag::toString(m.last).c_str());
  }
}


// CHECK: acc 2 total 4 count 2
// CHECK-NEXT: acc 0 total 0 count 0
// CHECK-NEXT: var 7 n 4 mean 3.5
// CHECK-NEXT: var 0 n 1 mean 3
// CHECK-NEXT: var 0 n 0 mean 0
// CHECK-NEXT: fit 2.99951171875 w 2.99951171875 steps 12 last -0.0009765625
// CHECK-NEXT: fit 1 w 1 steps 0 last 0
