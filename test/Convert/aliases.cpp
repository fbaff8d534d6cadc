// Reads through an alias of a staged variable (a lambda capturing it by
// reference, a const reference) after the variable changes under staged
// control flow: liveness counts every such variable as read later, so it is
// merged or carried and the alias sees the graph's value, not a stale one
// (nor a value from inside a region, which did not verify).
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>
#include <iostream>

AG_CONVERT
ag::Tensor lambdaAfterIf(ag::Tensor n, ag::Tensor m) {
  ag::Tensor x = m;
  auto get = [&] { return x * 1; };
  if (n > 0)
    x = x * 2;
  return get();
}

AG_CONVERT
ag::Tensor constRefAfterIf(ag::Tensor n, ag::Tensor m) {
  ag::Tensor x = m;
  const ag::Tensor &r = x;
  if (n > 0)
    x = x + 10;
  return r;
}

// The lambda reads x at the top of each iteration: x is carried.
AG_CONVERT
ag::Tensor lambdaInLoop(ag::Tensor n, ag::Tensor m) {
  ag::Tensor x = m, s = 0, k = 0;
  auto get = [&]() { return x; };
  while (k < n) {
    s = s + get();
    x = x + 1;
    k += 1;
  }
  return s;
}

// Implicit capture of everything by reference, called after a loop.
AG_CONVERT
ag::Tensor implicitCaptureAfterLoop(ag::Tensor n, ag::Tensor m) {
  ag::Tensor x = m, k = 0;
  auto twice = [&] { return x + x; };
  while (k < n) {
    x = x * 2;
    k += 1;
  }
  return twice();
}

template <typename F> int check(const char *name, F f) {
  auto graph = ag::function(f);
  int bad = 0;
  for (long n = -2; n <= 4; ++n)
    for (long m = -3; m <= 3; m += 3) {
      ag::Tensor e = f(ag::Tensor(n), ag::Tensor(m));
      try {
        ag::Tensor g = graph(ag::Tensor(n), ag::Tensor(m));
        if (!e.identical(g)) {
          std::cout << name << "(" << n << ", " << m << "): eager " << e
                    << " graph " << g << "\n";
          ++bad;
        }
      } catch (const ag::Error &err) {
        std::cout << name << ": " << err.what() << "\n";
        return bad + 1;
      }
    }
  return bad;
}

int main() {
  int bad = 0;
  bad += check("lambdaAfterIf", &lambdaAfterIf);
  bad += check("constRefAfterIf", &constRefAfterIf);
  bad += check("lambdaInLoop", &lambdaInLoop);
  bad += check("implicitCaptureAfterLoop", &implicitCaptureAfterLoop);
  std::cout << "mismatches: " << bad << "\n";
  // CHECK-NOT: eager
  // CHECK: mismatches: 0
}
