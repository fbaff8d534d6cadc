// RUN: not ag-opt %s --ag-print-program -o /dev/null 2>&1 | FileCheck %s

// A graph can reach registered nodes only: ag-opt registers none, so a
// node call is a clear error naming it (ag-run --load adds a library's).

// CHECK: error: node 'ns::load' is not registered in this process
ag.func @f(%p: !ag.host<"std::string">) -> !ag.host<"Table"> {
  %t = ag.node "ns::load"(%p) : (!ag.host<"std::string">) -> !ag.host<"Table">
  ag.return %t : !ag.host<"Table">
}
