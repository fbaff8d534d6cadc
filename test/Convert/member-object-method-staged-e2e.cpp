// A converted method calling a non-const method of a member object under
// staged control flow (`l1.update(g)` in a staged while/if, also through
// another level: `blk.step(g)` calling `l1.update(g)`): the construct
// carries the tensor members the callee's body assigns (`l1.w`, `l1.b`) and
// the method's SelfScope feeds and writes back every member the callees
// read or write, named or not in the method's own body. It was "modifying
// member 'l1' of type 'Layer' in a converted member function is not
// supported". A local object whose method assigns its tensor members works
// like any local struct of tensors. A callee writing a host member stays an
// error (diag-methods.cpp).
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cstdio>
#include <cstring>

struct Layer {
  ag::Tensor w, b;
  void update(ag::Tensor g) {
    w = w - 0.25 * g;
    b = b - 0.5 * g;
  }
  ag::Tensor out(ag::Tensor x) const { return w * x + b; }
};

struct Block {
  Layer l1;
  void step(ag::Tensor g) { l1.update(g); }
};

class Net {
public:
  Layer l1;
  Block blk;
  // TWIN: ag_scope{{[(]}}"Net::train"
  // TWIN: SelfScope ag_self{{[(]}}
  // TWIN: {"l1.w", l1.w}
  // TWIN: {"blk.l1.b", blk.l1.b}
  // TWIN: ::ag::while_{{[(]}}
  // TWIN: {"l1.w", this->l1.w}
  // TWIN: {"blk.l1.w", this->blk.l1.w}
  // TWIN: ::ag::if_
  AG_CONVERT ag::Tensor train(ag::Tensor x, ag::Tensor n) {
    ag::Tensor i = 0;
    while (i < n) {
      ag::Tensor g = l1.out(x);
      if (g > 0)
        l1.update(g);
      blk.step(g * 0.5);
      i += 1;
    }
    return i;
  }
};

AG_CONVERT ag::Tensor fit(ag::Tensor x, ag::Tensor n) {
  Layer l{ag::Tensor(2.0), ag::Tensor(1.0)};
  for (ag::Tensor i = 0; i < n; i += 1) {
    ag::Tensor g = l.out(x);
    if (g < 0)
      break;
    l.update(g);
  }
  return l.w + l.b;
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
  Net net;
  net.l1 = Layer{ag::Tensor(2.0), ag::Tensor(0.5)};
  net.blk.l1 = Layer{ag::Tensor(1.0), ag::Tensor(0.0)};
  auto train = ag::method(net, &Net::train);
  // The same bound method again: the members written back are read at the
  // next call.
  for (int n : {0, 1, 3, 2}) {
    ag::Tensor r = graph ? train(ag::Tensor(1.5), ag::Tensor(n))
                         : net.train(ag::Tensor(1.5), ag::Tensor(n));
    std::printf("%s %s %s %s %s\n", ag::toString(r).c_str(),
                ag::toString(net.l1.w).c_str(), ag::toString(net.l1.b).c_str(),
                ag::toString(net.blk.l1.w).c_str(),
                ag::toString(net.blk.l1.b).c_str());
  }
  for (int n : {0, 1, 4}) {
    ag::Tensor r = graph ? ag::function(&fit)(ag::Tensor(0.5), ag::Tensor(n))
                         : fit(ag::Tensor(0.5), ag::Tensor(n));
    std::printf("fit %s\n", ag::toString(r).c_str());
  }
}

// CHECK: 0 2 0.5 1 0
// CHECK-NEXT: 1 1.125 -1.25 0.5625 -0.875
// CHECK-NEXT: 3 1.000244140625 -1.49951171875 0.5001220703125 -0.999755859375
// CHECK-NEXT: 2 1.0000038146972656 -1.4999923706054688 0.5000019073486328 -0.9999961853027344
// CHECK-NEXT: fit 3
// CHECK-NEXT: fit 1.5
// CHECK-NEXT: fit 0.6474609375
