// A converted method or function template gets its twin inside its own
// body: defined in a header, which ag-convert does not rewrite, it would
// silently have none (ag::method would fail, a call while tracing would run
// it unconverted). An error at the definition instead.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include "Inputs/methods-header.h"

AG_CONVERT ag::Tensor run(ag::Tensor x) { return x + 1; }

// CHECK: {{.*}}methods-header.h:5:25: error: AG_CONVERT member function 'apply' is defined in 'methods-header.h', which ag-convert does not rewrite (it rewrites only the file it converts), so it would have no twin; define it in a converted source file (a member function out of line)
// CHECK: {{.*}}methods-header.h:7:45: error: AG_CONVERT function template 'scaleBy' is defined in 'methods-header.h'
// CHECK: 2 errors generated.
