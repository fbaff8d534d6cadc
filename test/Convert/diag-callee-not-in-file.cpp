// Converted functions call the twins of converted callees; a callee defined
// in another file has no twin here (cross-file twin calls: not yet).
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include -I%S/Inputs 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <external-convert.h>

AG_CONVERT
ag::Tensor f(ag::Tensor x) { return externalTwice(x) + 1; }

// CHECK:{{.*}}diag-callee-not-in-file.cpp:8:37: error: call to AG_CONVERT function 'externalTwice' whose definition is not in this file; converted calls across files are not supported yet
// CHECK-NEXT:    8 | ag::Tensor f(ag::Tensor x) { return externalTwice(x) + 1; }
// CHECK-NEXT:      |                                     ^~~~~~~~~~~~~~~~
// CHECK-NEXT:1 error generated.
