// AG_NODE declarations the graph cannot call are errors at the declaration: a reference or pointer result, a non-const lvalue reference parameter, a non-copyable and non-movable type by value (parameter or result), a non-static member, a variadic function, a move-only type by value or by rvalue reference.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include <ag/ag.h>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

struct Table { std::vector<double> x; };

AG_NODE const Table &lookup(const std::string &name);
AG_NODE Table *find(int id);
AG_NODE void normalize(Table &t);
AG_NODE int lockAndCount(std::mutex m);
AG_NODE std::unique_ptr<Table> owned(int n);
struct Loader {
  AG_NODE Table load(const std::string &path);
};
AG_NODE int sum(int n, ...);
AG_NODE std::mutex makeLock();
AG_NODE int consume(std::unique_ptr<Table> p, std::unique_ptr<Table> &&q);

AG_CONVERT
ag::Tensor uses(ag::Tensor x) {
  const Table &t = lookup("a");
  std::unique_ptr<Table> p = owned(2);
  return x;
}
// CHECK: {{.*}}diag-node-declarations.cpp:12:22: error: AG_NODE function 'lookup' returns a reference ('const Table &'): a graph value must own its data, and this one would refer to memory the graph does not keep alive; return the value itself
// CHECK-NEXT: {{ *}}12 | AG_NODE const Table &lookup(const std::string &name);
// CHECK-NEXT: {{ *}}|               ~~~~~~~^
// CHECK: {{.*}}diag-node-declarations.cpp:13:16: error: AG_NODE function 'find' returns a pointer ('Table *'): a graph value must own its data, and this one would refer to memory the graph does not keep alive; return the value itself
// CHECK: {{.*}}diag-node-declarations.cpp:14:31: error: parameter 't' of AG_NODE function 'normalize' is a non-const lvalue reference ('Table &'): a node gets graph values, it cannot modify its caller's variables; take it by value or by const reference and return the new value
// CHECK: {{.*}}diag-node-declarations.cpp:15:37: error: AG_NODE function 'lockAndCount' takes 'std::mutex' by value, which can be neither copied nor moved: a graph holds its values by copy or move; make the type movable or take a const reference
// CHECK: {{.*}}diag-node-declarations.cpp:18:17: error: AG_NODE on a non-static member function 'load' is not supported; make it a static member or a free function taking the object
// CHECK: {{.*}}diag-node-declarations.cpp:20:13: error: AG_NODE on a variadic function 'sum' is not supported; give it a fixed parameter list
// CHECK: {{.*}}diag-node-declarations.cpp:21:20: error: AG_NODE function 'makeLock' returns 'std::mutex' by value, which can be neither copied nor moved: a graph holds its values by copy or move; make the type movable
// CHECK: {{.*}}diag-node-declarations.cpp:22:44: error: AG_NODE function 'consume' takes 'std::unique_ptr<Table>' by value, which can be moved but not copied: a graph value may have several consumers, so a node cannot take it away from the others; take it by const reference ('const std::unique_ptr<Table> &')
// CHECK: {{.*}}diag-node-declarations.cpp:22:72: error: AG_NODE function 'consume' takes 'std::unique_ptr<Table>' by rvalue reference, which can be moved but not copied: {{.*}}
// CHECK: 9 errors generated.
