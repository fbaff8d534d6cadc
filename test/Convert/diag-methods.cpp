// AG_CONVERT on member functions and templates the converter cannot
// convert (virtual, constructors, operators, member templates, explicit
// specializations, lambdas, local classes), conditions whose staging
// depends on a template argument (pick<ag::Tensor> stages what pick<int>
// does not), and writes to the object's state the graph could not
// reproduce: a host member, a vector member (member-state-staged-e2e.cpp).
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s
#include <ag/ag.h>
#include <vector>

struct Base {
  AG_CONVERT virtual ag::Tensor run(ag::Tensor x) { return x; }
};

struct Model {
  ag::Tensor w;
  int calls = 0;
  std::vector<ag::Tensor> history;
  AG_CONVERT Model(ag::Tensor x) : w(x) {}
  AG_CONVERT ag::Tensor operator()(ag::Tensor x) { return x * w; }
  template <typename T> AG_CONVERT ag::Tensor scaled(ag::Tensor x, T k) {
    return x * k;
  }
  AG_CONVERT ag::Tensor count(ag::Tensor x) {
    calls += 1;
    return x;
  }
  AG_CONVERT ag::Tensor remember(ag::Tensor x) {
    history.push_back(x);
    return x;
  }
  AG_CONVERT ag::Tensor clip(ag::Tensor x) {
    if (x > w)
      w = x;
    return w;
  }
};

template <typename T> AG_CONVERT ag::Tensor pick(ag::Tensor x, T k) {
  if (k > 0)
    return x;
  return x * 2;
}
ag::Tensor usePick(ag::Tensor x) { return pick(x, 1) + pick(x, x); }
template <typename T> ag::Tensor plain(ag::Tensor x, T) { return x; }
template <> AG_CONVERT ag::Tensor plain<bool>(ag::Tensor x, bool) { return x; }

auto twice = [] AG_CONVERT (ag::Tensor x) { return x * 2; };

void local() {
  struct Local {
    AG_CONVERT ag::Tensor f(ag::Tensor x) { return x; }
  };
}

// CHECK: {{.*}}diag-methods.cpp:12:33: error: AG_CONVERT on virtual member function 'run' is not supported; convert a named, non-virtual member function of a named class (or a free function) and call it from there
// CHECK: {{.*}}diag-methods.cpp:19:14: error: AG_CONVERT on constructor 'Model' is not supported; convert a named, non-virtual member function of a named class (or a free function) and call it from there
// CHECK: {{.*}}diag-methods.cpp:20:25: error: AG_CONVERT on operator 'operator()' is not supported; convert a named, non-virtual member function of a named class (or a free function) and call it from there
// CHECK-NOT: 'scaled'
// CHECK: {{.*}}diag-methods.cpp:46:35: error: AG_CONVERT on explicit specialization 'plain<bool>' is not supported; convert the primary template (every instantiation gets a twin) or a non-template function
// CHECK: {{.*}}diag-methods.cpp:48:14: error: AG_CONVERT on a lambda is not supported: its captures would be frozen into the graph; write a named AG_CONVERT function and call it
// CHECK: {{.*}}diag-methods.cpp:52:27: error: AG_CONVERT on member function of a local or unnamed class 'f' is not supported; convert a named, non-virtual member function of a named class (or a free function) and call it from there
// CHECK: {{.*}}diag-methods.cpp:25:5: error: modifying member 'calls' of type 'int' in a converted member function is not supported: only ag::Tensor members become graph results written back to the object; this one would change once, while tracing, not at each call
// CHECK: {{.*}}diag-methods.cpp:29:5: error: modifying member 'history' of type 'std::vector<ag::Tensor>' in a converted member function is not supported: only ag::Tensor members become graph results written back to the object; this one would change once, while tracing, not at each call
// CHECK-NOT: modifying member 'w'
// CHECK: {{.*}}diag-methods.cpp:40:7: error: the type of this 'if' condition depends on a template parameter and it is staged in 'pick<ag::Tensor>': the twin is written once, from the template, where it reads as a host condition; write it as an ag::Tensor (e.g. 'ag::Tensor(...)') to stage it for every instantiation
// CHECK: 1 warning and 9 errors generated.
