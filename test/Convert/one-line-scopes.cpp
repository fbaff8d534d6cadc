// A converted function followed by more code on the line of its closing
// brace (the `}` of a namespace, another function) gets its twin right
// after that brace, in the function's own scope, and the rest of the line
// keeps its line and column. Two one-line namespaces each with an `f`, a
// nested one, an anonymous one with two functions on one line, and a class
// with two inline methods on one line; each runs eagerly and as a graph.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: FileCheck %s --check-prefix=OUT --strict-whitespace < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>
#include <iostream>

namespace a { ag::Tensor helper(ag::Tensor x) { return x + 1; } AG_CONVERT ag::Tensor f(ag::Tensor x) { return helper(x) * 2; } }
namespace b { ag::Tensor helper(ag::Tensor x) { return x - 1; } AG_CONVERT ag::Tensor f(ag::Tensor x) { if (x > 0) return helper(x); return x; } }
namespace o { namespace i { AG_CONVERT ag::Tensor g(ag::Tensor x) { ag::Tensor s = x - x; while (x > 0) { s += x; x -= 1; } return s; } } }
namespace { AG_CONVERT ag::Tensor h(ag::Tensor x) { return x * x; } AG_CONVERT ag::Tensor k(ag::Tensor x) { return h(x) + 1; } }
namespace p::q { AG_CONVERT ag::Tensor m(ag::Tensor x) { return x > 2 ? x : -x; } } static const int lineOfM = __LINE__;
struct S { ag::Tensor w = 3; AG_CONVERT ag::Tensor fwd(ag::Tensor x) { if (x > 0) return x * w; return x; } AG_CONVERT ag::Tensor id(ag::Tensor x) { return x; } };

// The twin of a::f, then back to line 16 up to the column after its brace.
// OUT:      namespace a {{.*}} AG_CONVERT ag::Tensor f(ag::Tensor x) {{.*}} return helper(x) * 2; }{{$}}
// OUT-NEXT: AG_BEGIN_TWIN
// OUT-NEXT: #line 16 "{{.*}}one-line-scopes.cpp"
// OUT-NEXT: ag::Tensor ag_twin_f(ag::Tensor x) {
// OUT:      AG_END_TWIN
// OUT-NEXT: #line 16 "{{.*}}one-line-scopes.cpp"
// OUT-NEXT: {{^[ ]{128}[}]$}}

template <typename F> int check(const char *name, F f) {
  auto graph = ag::function(f);
  int bad = 0;
  for (double v : {-2.0, 0.0, 1.0, 2.5, 5.0}) {
    ag::Tensor e = f(ag::Tensor(v)), g = graph(ag::Tensor(v));
    if (!e.identical(g)) {
      std::cout << name << "(" << v << "): eager " << e << " graph " << g << "\n";
      ++bad;
    }
  }
  return bad;
}

int main() {
  int bad = check("a::f", &a::f) + check("b::f", &b::f) +
            check("o::i::g", &o::i::g) + check("h", &h) + check("k", &k) +
            check("p::q::m", &p::q::m);
  S s;
  for (double v : {-2.0, 3.0}) {
    ag::Tensor x(v);
    if (!s.fwd(x).identical(ag::method(s, &S::fwd)(x)) ||
        !s.id(x).identical(ag::method(s, &S::id)(x)))
      ++bad;
  }
  std::cout << "line " << lineOfM << ", mismatches: " << bad << "\n";
  // CHECK: line 20, mismatches: 0
}
