// The twin's declaration is the function's, as written, with the twin's name:
// specifiers, default arguments, trailing return types and the enclosing
// namespace are kept; noexcept is dropped (tracing may throw ag::Error).
// RUN: cd %S && ag-convert --twins-only signature.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>

namespace outer {
namespace {
AG_CONVERT
static inline auto scaled(const ag::Tensor &x, double k = 2.0) noexcept
    -> ag::Tensor {
  return x * k;
}
} // namespace
} // namespace outer

// CHECK: static inline auto ag_twin_scaled(const ag::Tensor &x, double k = 2.0)
// CHECK-NEXT:     -> ag::Tensor {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("scaled", ag_source_file, 12, 20, {"x"});
// CHECK-NEXT:   ::ag::at({14, 10, 14, 14});
// CHECK-NEXT:   return x * k;
// CHECK-NEXT: }
