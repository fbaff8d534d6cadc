// Parameters holding several tensors (std::vector/std::array of ag::Tensor,
// aggregate structs, nested) are flattened by ag::function into graph
// inputs; the twin names them after the fields (`p.w`, `xs[]` numbered when
// traced) and registers the names for ag::function's errors. Host fields
// (`scale`) are no inputs.
// RUN: cd %S && ag-convert --twins-only aggregate-params.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>

#include <array>
#include <vector>

struct Inner {
  ag::Tensor a;
  double scale;
};
struct Params {
  ag::Tensor w, b;
  Inner in;
  std::vector<ag::Tensor> layers;
};

AG_CONVERT
ag::Tensor f(const Params &p, int n, const std::vector<ag::Tensor> &xs,
             std::array<ag::Tensor, 2> pair, ag::Tensor x) {
  ag::Tensor s = p.w * x + p.b + p.in.a * p.in.scale + pair[0] * pair[1];
  for (const ag::Tensor &l : p.layers)
    s = s + l;
  for (size_t i = 0; i < xs.size(); ++i)
    s = s * xs[i];
  return s * n;
}

struct Out {
  ag::Tensor y, loss;
};

AG_CONVERT
Out g(Params p) { return Out{p.w, p.b}; }

// CHECK-LABEL: ag::Tensor ag_twin_f(const Params &p, int n, const std::vector<ag::Tensor> &xs,
// CHECK-NEXT:                        std::array<ag::Tensor, 2> pair, ag::Tensor x) {
// CHECK-NEXT:    ::ag::FunctionScope ag_scope(
// CHECK-NEXT:        "f", ag_source_file, 25, 12,
// CHECK-NEXT:        {"p.w", "p.b", "p.in.a", "p.layers[]", "xs[]", "pair[]", "x"});
// CHECK:       static const bool ag_positions_f =
// CHECK-NEXT:      ::ag::detail::registerTensorPositions(
// CHECK-NEXT:          reinterpret_cast<const void *>(&f),
// CHECK-NEXT:          {"p.w", "p.b", "p.in.a", "p.layers[]", "xs[]", "pair[]", "x"});
// CHECK-LABEL: Out ag_twin_g(Params p) {
// CHECK-NEXT:    ::ag::FunctionScope ag_scope("g", ag_source_file, 40, 5,
// CHECK-NEXT:                                 {"p.w", "p.b", "p.in.a", "p.layers[]"});
