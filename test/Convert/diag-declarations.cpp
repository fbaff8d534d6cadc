// Declarations ag-convert cannot convert: no body, constexpr, members of class
// templates (consteval: diag-consteval.cpp; methods: diag-methods.cpp).
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

AG_CONVERT ag::Tensor external(ag::Tensor x);

AG_CONVERT
constexpr int twice(int x) { return 2 * x; }

template <typename T>
AG_CONVERT ag::Tensor generic(T x) { return ag::Tensor(x); }

template <typename T> struct Box {
  AG_CONVERT ag::Tensor get(ag::Tensor x) { return x; }
};

struct Model {
  AG_CONVERT ag::Tensor apply(ag::Tensor x) { return x * 2; }
};

// CHECK:{{.*}}diag-declarations.cpp:7:23: error: AG_CONVERT function 'external' has no definition in this file; ag-convert needs its body to build the twin
// CHECK-NEXT:    7 | AG_CONVERT ag::Tensor external(ag::Tensor x);
// CHECK-NEXT:      |                       ^
// CHECK-NEXT:{{.*}}diag-declarations.cpp:10:15: error: AG_CONVERT cannot be used on a constexpr function 'twice': compile-time evaluation cannot be staged
// CHECK-NEXT:   10 | constexpr int twice(int x) { return 2 * x; }
// CHECK-NEXT:      |               ^
// CHECK-NEXT:{{.*}}diag-declarations.cpp:16:25: error: AG_CONVERT on member of class template 'get' is not supported; its twin would read the state of each instantiation of the class (not supported yet): move the body into a free AG_CONVERT function template taking the members it reads, and call that
// CHECK-NEXT:   16 |   AG_CONVERT ag::Tensor get(ag::Tensor x) { return x; }
// CHECK-NEXT:      |                         ^
// CHECK-NEXT:3 errors generated.
