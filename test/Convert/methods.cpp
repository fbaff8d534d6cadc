// AG_CONVERT member functions: the twin goes inside the original, under
// `if (::ag::detail::tracing())` right after its `{` (with `#line` to the
// function and back, and the rest of the `{` line at its column), so it has
// the method's access rights and `this`. Its SelfScope lists the state
// ag::method feeds: the class's own members of type ag::Tensor,
// std::vector<ag::Tensor> or arithmetic (not const), and members of members
// named through `this`. Calls of converted methods (and static ones) stay
// calls of the original, which runs its twin while tracing. Public methods
// are registered at the end of the file (private ones cannot be bound).
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>

#include <vector>

namespace nn {
struct Inner {
  ag::Tensor v;
};

class Dense {
public:
  ag::Tensor w, b;
  const ag::Tensor fixed = 1.0;
  double gain = 2.0;
  std::vector<ag::Tensor> taps;
  Inner inner;
  AG_CONVERT ag::Tensor forward(ag::Tensor x) const;
  AG_CONVERT ag::Tensor forward(ag::Tensor x, int times) const;
  AG_CONVERT void update(ag::Tensor g) { w = w - g * gain; }
  AG_CONVERT static ag::Tensor act(ag::Tensor x) { return x > 0 ? x : x * 0; }

private:
  AG_CONVERT ag::Tensor hidden(ag::Tensor x) const { return x * inner.v; }
};

AG_CONVERT ag::Tensor Dense::forward(ag::Tensor x) const {
  return act(hidden(x) * w + b);
}

AG_CONVERT ag::Tensor Dense::forward(ag::Tensor x, int times) const {
  for (int i = 0; i < times; ++i)
    x = forward(x);
  return x;
}
} // namespace nn

// CHECK:      AG_CONVERT void update(ag::Tensor g) {
// CHECK-NEXT: #line 31 "{{.*}}methods.cpp"
// CHECK-NEXT: if (::ag::detail::tracing()) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("Dense::update", ag_source_file, 31, 19, {"g"});
// CHECK-NEXT:   ::ag::detail::SelfScope ag_self(
// CHECK-NEXT:       this, {{[{][{]}}"w", w}, {"b", b}, {"gain", gain}, {"taps", taps}});
// CHECK-NEXT:   ::ag::at({31, 42, 31, 57});
// CHECK-NEXT:   w = w - g * gain;
// CHECK-NEXT:   return;
// CHECK-NEXT: }
// CHECK-NEXT: #line 31 "{{.*}}methods.cpp"
// CHECK-NEXT: {{^ +}}w = w - g * gain; }

// Static: no SelfScope.
// CHECK:      if (::ag::detail::tracing()) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("Dense::act", ag_source_file, 32, 32, {"x"});
// CHECK-NEXT:   ::ag::at({32, 59, 32, 75});
// CHECK-NEXT:   return ::ag::cond_(

// A member of a member, named through `this` (and as const in a const
// method: the declared type decides).
// CHECK:        ::ag::FunctionScope ag_scope("Dense::hidden", ag_source_file, 35, 25, {"x"});
// CHECK-NEXT:   ::ag::detail::SelfScope ag_self(this, {{[{][{]}}"w", w},
// CHECK-NEXT:                                          {"b", b},
// CHECK-NEXT:                                          {"gain", gain},
// CHECK-NEXT:                                          {"taps", taps},
// CHECK-NEXT:                                          {"inner.v", inner.v}});

// CHECK:      AG_CONVERT ag::Tensor Dense::forward(ag::Tensor x) const {
// CHECK-NEXT: #line 38 "{{.*}}methods.cpp"
// CHECK-NEXT: if (::ag::detail::tracing()) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("Dense::forward", ag_source_file, 38, 30, {"x"});
// (and what the methods it calls on the object name: hidden's `inner.v`)
// CHECK-NEXT:   ::ag::detail::SelfScope ag_self(this, {{[{][{]}}"w", w},
// CHECK-NEXT:                                          {"b", b},
// CHECK-NEXT:                                          {"gain", gain},
// CHECK-NEXT:                                          {"taps", taps},
// CHECK-NEXT:                                          {"inner.v", inner.v}});
// CHECK-NEXT:   ::ag::at({39, 10, 39, 31});
// CHECK-NEXT:   return act(hidden(x) * w + b);
// CHECK-NEXT: }
// CHECK-NEXT: #line 38 "{{.*}}methods.cpp"
// CHECK:        return act(hidden(x) * w + b);

// CHECK:        for (int i = 0; i < times; ++i) {
// CHECK-NEXT:     ::ag::at({44, 5, 44, 18, "x"});
// CHECK-NEXT:     x = forward(x);

// CHECK:      {{^}}#line 31 "{{.*}}methods.cpp"
// CHECK-NEXT: {{^.*}} = ::ag::detail::registerMethod(&::nn::Dense::update, "Dense::update", ag_source_file, 31);
// CHECK-NEXT: #line 32 "{{.*}}methods.cpp"
// CHECK-NEXT: {{^.*}} = ::ag::detail::registerTwin(reinterpret_cast<const void *>(&::nn::Dense::act), reinterpret_cast<const void *>(&::nn::Dense::act), "Dense::act", ag_source_file, 32);
// CHECK-NEXT: #line 38 "{{.*}}methods.cpp"
// CHECK-NEXT: {{^.*}} = ::ag::detail::registerMethod(static_cast<::ag::Tensor (::nn::Dense::*)(::ag::Tensor) const>(&::nn::Dense::forward), "Dense::forward", ag_source_file, 38);
// CHECK-NEXT: #line 42 "{{.*}}methods.cpp"
// CHECK-NEXT: {{^.*}} = ::ag::detail::registerMethod(static_cast<::ag::Tensor (::nn::Dense::*)(::ag::Tensor, int) const>(&::nn::Dense::forward), "Dense::forward", ag_source_file, 42);
// CHECK-NOT:  hidden
