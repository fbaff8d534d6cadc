// A call of a converted function defined in another file goes through
// ag::detail::callTwin, which needs every argument: the text of a default
// argument is in the callee's declaration, maybe not valid at the call.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include -I%S/Inputs 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <cross-file-decls.h>

AG_CONVERT
ag::Tensor f(ag::Tensor x) { return withDefault(x) + withDefault(x, 3); }

// CHECK:{{.*}}diag-cross-file-default-arg.cpp:9:37: error: this call of 'withDefault' leaves out a default argument: 'withDefault' is AG_CONVERT and defined in another file, so its twin is called through a function pointer, which has none; pass every argument
// CHECK-NEXT:    9 | ag::Tensor f(ag::Tensor x) { return withDefault(x) + withDefault(x, 3); }
// CHECK-NEXT:      |                                     ^~~~~~~~~~~~~~
// CHECK-NEXT:1 error generated.
