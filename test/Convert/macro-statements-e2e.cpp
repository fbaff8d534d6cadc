// A host statement that is a whole macro expansion (`if`, `return`, a loop,
// a block) is copied as the macro invocation when it stages nothing: the
// macro expands in the twin too. Rebuilding it would need text that only
// the macro's body has (`return 0` in `#define CHECK(x) if (x) return 0`).
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>
#include <iostream>

#define CHECK(x) if (x) return 0
#define CHECK_BLOCK(x) if (x) { return ag::Tensor(-1); }
#define REPEAT(n, s) for (int ag_i = 0; ag_i < (n); ++ag_i) s
#define BAIL return x * 0

// TWIN-LABEL: ag::Tensor ag_twin_guarded(ag::Tensor x, int n) {
// TWIN: ::ag::at({[[@LINE+3]], 3, [[@LINE+3]], 14});
// TWIN-NEXT: CHECK(n < 0);
AG_CONVERT ag::Tensor guarded(ag::Tensor x, int n) {
  CHECK(n < 0);
  CHECK_BLOCK(n > 100);
  REPEAT(n, x = x * 2;);
  if (n == 7)
    BAIL;
  ag::Tensor y = x;
  if (y > 10)
    y = y - 10;
  return y;
}

int main() {
  auto g = ag::function(&guarded);
  for (int n : {-1, 0, 2, 3, 7, 200}) {
    // CHECK: -1: 0 0
    // CHECK-NEXT: 0: 3 3
    // CHECK-NEXT: 2: 2 2
    // CHECK-NEXT: 3: 14 14
    // CHECK-NEXT: 7: 0 0
    // CHECK-NEXT: 200: -1 -1
    std::cout << n << ": " << guarded(3.0, n) << " " << g(3.0, n) << "\n";
  }
}
