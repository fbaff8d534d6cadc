// AG_CONVERT function templates: the twin is written once, inside the
// template (under `if (::ag::detail::tracing())`), from the template's
// pattern, so C++ instantiates it with every instantiation; each
// instantiation this file makes is registered at the end of the file
// (`&scale<int>`...). A dependent expression statement gets its ::ag::at
// (it may record ops). A call of a converted free function from a template
// goes through the registry (no forward declaration fits in a body).
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>

AG_CONVERT ag::Tensor twice(ag::Tensor x) { return x * 2; }

namespace ops {
template <typename T>
AG_CONVERT ag::Tensor scale(ag::Tensor x, T k) {
  ag::Tensor s = 0;
  if (x > 0)
    s = x * k;
  return twice(s);
}
} // namespace ops

ag::Tensor useAll(ag::Tensor x) {
  return ops::scale(x, 2) + ops::scale(x, 0.5) + ops::scale<float>(x, 1);
}

// CHECK:      AG_CONVERT ag::Tensor scale(ag::Tensor x, T k) {
// CHECK-NEXT: #line 17 "{{.*}}templates.cpp"
// CHECK-NEXT: if (::ag::detail::tracing()) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("scale", ag_source_file, 17, 23, {"x"});
// CHECK-NEXT:   ::ag::at({18, 18, 18, 18, "s"});
// CHECK-NEXT:   ag::Tensor s = 0;
// CHECK-NEXT:   ::ag::at({19, 3, 19, 12});
// CHECK-NEXT:   ::ag::if_({19, 3, 19, 12}, {{[{][{]}}"s", s}}, x > 0, [&] {
// CHECK-NEXT:         ::ag::at({20, 5, 20, 13, "s"});
// CHECK-NEXT:         s = x * k;
// CHECK-NEXT:   });
// CHECK-NEXT:   ::ag::at({21, 10, 21, 17});
// CHECK-NEXT: ::ag::detail::bind_({{[{][{]}}"s", s}});
// CHECK-NEXT:   return ::ag::detail::callTwin(&twice, "twice", s);
// CHECK-NEXT: }
// CHECK-NEXT: #line 17 "{{.*}}templates.cpp"

// CHECK:      {{^}}#line 17 "{{.*}}templates.cpp"
// CHECK-NEXT: {{^.*}} = ::ag::detail::registerTwin(reinterpret_cast<const void *>(static_cast<::ag::Tensor (*)(::ag::Tensor, int)>(&::ops::scale<int>)), reinterpret_cast<const void *>(static_cast<::ag::Tensor (*)(::ag::Tensor, int)>(&::ops::scale<int>)), "scale<int>", ag_source_file, 17);
// CHECK-NEXT: {{^}}#line 17 "{{.*}}templates.cpp"
// CHECK-NEXT: {{^.*}}"scale<double>", ag_source_file, 17);
// CHECK-NEXT: {{^}}#line 17 "{{.*}}templates.cpp"
// CHECK-NEXT: {{^.*}}"scale<float>", ag_source_file, 17);
