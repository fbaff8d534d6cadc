// -p <build dir> takes the compiler flags from compile_commands.json.
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "command": "c++ -std=c++17 -I%ag_include -c %s", "file": "%s"}]' > %t/compile_commands.json
// RUN: ag-convert -p %t --twins-only %s | FileCheck %s

#include <ag/ag.h>

AG_CONVERT
ag::Tensor twice(ag::Tensor x) { return x + x; }
// CHECK: ag::Tensor ag_twin_twice(ag::Tensor x) {
// CHECK-NEXT:   ::ag::FunctionScope ag_scope("twice", ag_source_file, [[# @LINE-2]], 12, {"x"});
