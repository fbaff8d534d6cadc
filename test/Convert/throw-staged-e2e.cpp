// `throw e;` in a converted function. Under staged control flow (a staged
// if or loop, or a converted function called there) it becomes an ag.assert
// that always fails, with the exception's type and message: the graph
// throws an ag::Error located at the throw, only when it takes that path,
// and a catch of std::exception around the call sees the message. On every
// path of the trace (host code at the top of the function) it is C++'s own
// throw, at once. It was "'throw' is not supported in a converted
// function".
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph
// RUN: %t.exe where 2>&1 | FileCheck --check-prefix=WHERE %s

#include <ag/ag.h>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

// TWIN: ::ag::detail::throw_{{[(]}}{[[#@LINE+3]], 5, [[#@LINE+3]], 49}, "std::invalid_argument",
AG_CONVERT ag::Tensor checkedSqrt(ag::Tensor x) {
  if (x < 0)
    throw std::invalid_argument("negative input");
  return ag::sqrt(x);
}

// A throw in a staged loop, after a lowered return in the same function,
// and in an else whose then returns.
AG_CONVERT ag::Tensor firstAbove(ag::Tensor v, ag::Tensor limit) {
  ag::Tensor i = 0;
  for (ag::Tensor e : v) {
    if (e > limit)
      return i;
    if (e < 0)
      throw std::domain_error("negative element");
    i += 1;
  }
  if (i > 3)
    return i * 10;
  else
    throw std::runtime_error("nothing above " + std::to_string(3));
}

// A converted callee whose throw is on every path of its own body, called
// under a staged if: staged there.
AG_CONVERT ag::Tensor fail(ag::Tensor x, int code) {
  if (code > 0)
    throw std::out_of_range("code " + std::to_string(code));
  return x;
}
AG_CONVERT ag::Tensor pick(ag::Tensor x) {
  if (x > 100)
    return fail(x, 7);
  return x + 1;
}

// Host code: C++'s throw while tracing (the host argument is in the trace
// key, so every call with it throws).
AG_CONVERT ag::Tensor scaled(ag::Tensor x, int k) {
  if (k == 0)
    throw std::invalid_argument("k is zero");
  return x * k;
}

template <typename F> void show(F f) {
  try {
    std::printf("%s\n", ag::toString(f()).c_str());
  } catch (const std::exception &e) {
    // Eager: the user's exception; graph: an ag::Error carrying its text.
    for (const char *m : {"negative input", "negative element", "nothing above 3",
                          "code 7", "k is zero"})
      if (std::strstr(e.what(), m))
        std::printf("caught: %s\n", m);
  }
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && std::strcmp(argv[1], "eager");
  if (argc > 1 && !std::strcmp(argv[1], "where")) {
    try {
      ag::function(&checkedSqrt)(ag::Tensor(-2.0));
    } catch (const ag::Error &e) {
      std::fprintf(stderr, "%s\n", e.what());
    }
    return 0;
  }
#define RUN(f, ...) [&] { return graph ? ag::function(&f)(__VA_ARGS__) : f(__VA_ARGS__); }
  for (double v : {4.0, -1.0, 9.0})
    show(RUN(checkedSqrt, ag::Tensor(v)));
  ag::Tensor v = ag::Tensor{1.0, 2.0, 5.0, 0.5, 3.0};
  ag::Tensor w = ag::Tensor{1.0, -2.0, 5.0};
  for (double limit : {4.0, 6.0, 0.0}) {
    show(RUN(firstAbove, v, ag::Tensor(limit)));
    show(RUN(firstAbove, w, ag::Tensor(limit)));
  }
  show(RUN(firstAbove, ag::Tensor{1.0, 2.0}, ag::Tensor(9.0)));
  for (double x : {5.0, 500.0})
    show(RUN(pick, ag::Tensor(x)));
  for (int k : {2, 0, 3})
    show(RUN(scaled, ag::Tensor(1.5), k));
}

// CHECK: 2
// CHECK-NEXT: caught: negative input
// CHECK-NEXT: 3
// CHECK-NEXT: 2
// CHECK-NEXT: caught: negative element
// CHECK-NEXT: 50
// CHECK-NEXT: caught: negative element
// CHECK-NEXT: 0
// CHECK-NEXT: 0
// CHECK-NEXT: caught: nothing above 3
// CHECK-NEXT: 6
// CHECK-NEXT: caught: code 7
// CHECK-NEXT: 3
// CHECK-NEXT: caught: k is zero
// CHECK-NEXT: 4.5

// WHERE: throw-staged-e2e.cpp:28:5: error: assertion failed: throw std::invalid_argument: negative input
