// RUN: not ag-convert %s -- -std=c++20 -I%ag_include 2>&1 | FileCheck %s --strict-whitespace --match-full-lines

#include <ag/ag.h>
#include <coroutine>

struct Task {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_never initial_suspend() { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

AG_CONVERT
Task f(ag::Tensor x) {
  co_await std::suspend_never{};
  co_return;
}

// CHECK:{{.*}}diag-coroutine.cpp:18:3: error: coroutines ('co_await') are not supported in a converted function
// CHECK-NEXT:   18 |   co_await std::suspend_never{};
// CHECK-NEXT:      |   ^
// CHECK-NEXT:1 error generated.
