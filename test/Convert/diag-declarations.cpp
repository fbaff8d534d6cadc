// Declarations ag-convert cannot convert: no body, constexpr, templates within
// class templates (members of class templates themselves convert:
// class-template-methods-e2e.cpp; consteval: diag-consteval.cpp; methods:
// diag-methods.cpp).
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>

AG_CONVERT ag::Tensor external(ag::Tensor x);

AG_CONVERT
constexpr int twice(int x) { return 2 * x; }

template <typename T>
AG_CONVERT ag::Tensor generic(T x) { return ag::Tensor(x); }

template <typename T> struct Box {
  struct Inner {
    AG_CONVERT ag::Tensor get(ag::Tensor x) { return x; }
  };
  template <typename U> AG_CONVERT ag::Tensor put(ag::Tensor x, U) {
    return x;
  }
};

struct Model {
  AG_CONVERT ag::Tensor apply(ag::Tensor x) { return x * 2; }
};

// CHECK:{{.*}}diag-declarations.cpp:9:23: error: AG_CONVERT function 'external' has no definition in this file; ag-convert needs its body to build the twin
// CHECK-NEXT:    9 | AG_CONVERT ag::Tensor external(ag::Tensor x);
// CHECK-NEXT:      |                       ^
// CHECK-NEXT:{{.*}}diag-declarations.cpp:12:15: error: AG_CONVERT cannot be used on a constexpr function 'twice': compile-time evaluation cannot be staged
// CHECK-NEXT:   12 | constexpr int twice(int x) { return 2 * x; }
// CHECK-NEXT:      |               ^
// CHECK-NEXT:{{.*}}diag-declarations.cpp:19:27: error: AG_CONVERT on member template or nested member of class template 'get' is not supported; convert a non-template member function of the class template itself (not of a nested class or a partial specialization), or move the body into a free AG_CONVERT function template taking the members it reads, and call that
// CHECK-NEXT:   19 |     AG_CONVERT ag::Tensor get(ag::Tensor x) { return x; }
// CHECK-NEXT:      |                           ^
// CHECK-NEXT:{{.*}}diag-declarations.cpp:21:47: error: AG_CONVERT on member template or nested member of class template 'put' is not supported; convert a non-template member function of the class template itself (not of a nested class or a partial specialization), or move the body into a free AG_CONVERT function template taking the members it reads, and call that
// CHECK-NEXT:   21 |   template <typename U> AG_CONVERT ag::Tensor put(ag::Tensor x, U) {
// CHECK-NEXT:      |                                               ^
// CHECK-NEXT:4 errors generated.
