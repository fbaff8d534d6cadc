// A by-value parameter that is a struct, std::pair, std::tuple or
// std::array of tensors (or a class whose public tensor members are copied
// member by member), assigned whole or part by part under a staged loop or
// if: the twin merges (carries) it part by part like a local of that type
// (`p.x`, `s.second`, `st.2`, `a[1]`). It was rejected ("host variable 'p'
// of type 'Vec2' is modified under staged control flow", "assigning to 'v'
// or to part of it ... is not supported"), and ag::function refused pair
// and tuple parameters.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <array>
#include <cstdio>
#include <cstring>
#include <tuple>
#include <utility>

struct Vec2 {
  ag::Tensor x, y;
};

Vec2 step(Vec2 p, Vec2 v, double dt) { return {p.x + v.x * dt, p.y + v.y * dt}; }

// TWIN: ag_scope{{[(]}}"simulate"
// TWIN: {"p.x", (p).x}
// TWIN: {"v.y", (v).y}
AG_CONVERT Vec2 simulate(Vec2 p, Vec2 v, ag::Tensor n) {
  ag::Tensor i = 0;
  while (i < n) {
    p = step(p, v, 0.5);
    v.y = v.y - 1;
    i += 1;
  }
  return p;
}

using P = std::pair<ag::Tensor, ag::Tensor>;

AG_CONVERT P fib(P s, ag::Tensor n) {
  for (ag::Tensor i = 0; i < n; i += 1)
    s = P(s.second, s.first + s.second);
  return s;
}

// TWIN: ag_scope{{[(]}}"bounce"
// TWIN: {"st.0", ::std::get<0>(st)}
// TWIN: {"st.2", ::std::get<2>(st)}
AG_CONVERT ag::Tensor bounce(std::tuple<ag::Tensor, ag::Tensor, ag::Tensor> st,
                             ag::Tensor n) {
  for (ag::Tensor i = 0; i < n; i += 1) {
    std::get<0>(st) = std::get<0>(st) + std::get<1>(st);
    if (std::get<0>(st) > 5) {
      std::get<1>(st) = -std::get<1>(st);
      std::get<2>(st) += 1;
    }
  }
  return std::get<0>(st) * 100 + std::get<2>(st);
}

// TWIN: ag_scope{{[(]}}"shift"
// TWIN: {"a[0]", (a)[0]}
// TWIN: {"a[1]", (a)[1]}
AG_CONVERT ag::Tensor shift(std::array<ag::Tensor, 3> a, ag::Tensor n) {
  ag::Tensor i = 0;
  while (i < n) {
    a[0] = a[0] + a[1];
    a[1] = a[1] + a[2];
    i += 1;
  }
  return a[0] + a[1] * 10;
}

class Body {
public:
  Body(ag::Tensor p, ag::Tensor v) : pos(p), vel(v) {}
  ag::Tensor pos, vel;
};

AG_CONVERT ag::Tensor fall(Body b, ag::Tensor n) {
  for (ag::Tensor i = 0; i < n; i += 1) {
    b.vel = b.vel - 1;
    b.pos = b.pos + b.vel;
    if (b.pos < 0)
      b = Body(-b.pos, -b.vel);
  }
  return b.pos;
}

// ag::function takes a struct parameter apart but not a class with a
// constructor: a converted caller passes it.
AG_CONVERT ag::Tensor fallFrom(ag::Tensor p, ag::Tensor n) {
  return fall(Body(p, ag::Tensor(0.0)), n);
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
#define RUN(f, ...) (graph ? ag::function(&f)(__VA_ARGS__) : f(__VA_ARGS__))
  for (int n : {0, 3, 9}) {
    Vec2 r = RUN(simulate, Vec2{ag::Tensor(0.0), ag::Tensor(1.0)},
                 Vec2{ag::Tensor(1.0), ag::Tensor(2.0)}, ag::Tensor(n));
    P f = RUN(fib, P(ag::Tensor(0), ag::Tensor(1)), ag::Tensor(n));
    ag::Tensor b = RUN(bounce,
                       std::make_tuple(ag::Tensor(0), ag::Tensor(2), ag::Tensor(0)),
                       ag::Tensor(n));
    ag::Tensor a = RUN(shift,
                       std::array<ag::Tensor, 3>{ag::Tensor(1), ag::Tensor(2),
                                                 ag::Tensor(3)},
                       ag::Tensor(n));
    ag::Tensor d = RUN(fallFrom, ag::Tensor(10.0), ag::Tensor(n));
    std::printf("%s %s | %s %s | %s | %s | %s\n", ag::toString(r.x).c_str(),
                ag::toString(r.y).c_str(), ag::toString(f.first).c_str(),
                ag::toString(f.second).c_str(), ag::toString(b).c_str(),
                ag::toString(a).c_str(), ag::toString(d).c_str());
  }
}

// CHECK: 0 1 | 0 1 | 0 | 21 | 10
// CHECK-NEXT: 1.5 2.5 | 2 3 | 601 | 126 | 4
// CHECK-NEXT: 4.5 -8 | 34 55 | -599 | 417 | 15
