// A host variable of a move-only type passed to an AG_NODE function is an
// error at the argument (the graph captures host arguments by copy);
// std::move'd into the call, or a node's result, it is fine.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include <ag/ag.h>
#include <memory>

AG_NODE int deref(const std::unique_ptr<int> &p);
AG_NODE std::unique_ptr<int> boxed(int n);

AG_CONVERT
ag::Tensor uses(int n) {
  std::unique_ptr<int> p = std::make_unique<int>(n);
  std::unique_ptr<int> q = std::make_unique<int>(n);
  ag::Tensor a = deref(p);
  ag::Tensor b = deref(std::move(q)) + deref(boxed(n));
  std::unique_ptr<int> r = boxed(n);
  return a + b + deref(r);
}
// CHECK: {{.*}}diag-node-moveonly.cpp:16:24: error: this host variable of type 'std::unique_ptr<int>' cannot be passed to AG_NODE function 'deref': the graph captures a host argument by copy, and the type can only be moved; std::move it into the call, or make it a node's result
// CHECK-NEXT: {{ *}}16 | {{.*}}
// CHECK-NEXT: {{ *}}| {{ *}}^
// CHECK-NOT: error
// CHECK: 1 error generated.
