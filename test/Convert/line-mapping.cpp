// A compile error in untouched code of the rewritten TU is reported at the
// original file and line (the twins inserted above it do not shift it).
// The broken line is hidden from Clang, so ag-convert itself parses fine.
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: not %cxx -std=c++17 -fsyntax-only -I%ag_include %t.cpp 2>&1 | FileCheck %s

#include <ag/ag.h>

AG_CONVERT
ag::Tensor sign(ag::Tensor x) {
  if (x > 0)
    return 1;
  return -1;
}

#ifndef __clang__
int broken = undeclared_name;
// CHECK: {{.*}}line-mapping.cpp:[[# @LINE-1]]:14: error: {{.*}}undeclared_name{{.*}}
#endif
