// A method of a member object called from a converted method works when
// its body assigns only tensor members (member-object-method-staged-e2e.cpp);
// one that also writes a host member would change it once, while tracing:
// an error at the call, with a note at the write.
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s
#include <ag/ag.h>

struct Layer {
  ag::Tensor w;
  int updates = 0;
  void update(ag::Tensor g) {
    w = w - g;
    updates += 1;
  }
};

struct Net {
  Layer l1;
  AG_CONVERT ag::Tensor train(ag::Tensor g, ag::Tensor n) {
    for (ag::Tensor i = 0; i < n; i += 1)
      if (g > 0)
        l1.update(g);
    return l1.w;
  }
};

// CHECK: {{.*}}diag-member-object-method.cpp:22:9: error: modifying member 'updates' of type 'int' in a converted member function is not supported: it is modified under staged control flow
// CHECK: {{.*}}diag-member-object-method.cpp:13:5: note: 'updates' is assigned here
// CHECK: 1 error generated.
