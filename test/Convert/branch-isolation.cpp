// Every region of a staged construct is traced from the values before the
// construct: a variable one branch assigns (even when it is dead after the
// if) must not leak into a sibling branch, the body of a loop traced twice,
// or the statements guarded after a lowered jump. Each function runs eagerly
// and as a graph on many inputs; any difference (or a graph that does not
// verify) is printed.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s
// RUN: ag-convert --twins-only %s -- -std=c++17 -I%ag_include | FileCheck %s --check-prefix=TWIN

#include <ag/ag.h>
#include <iostream>
#include <vector>

// The reduced case of issue 10: `i` is dead after the if, but the else
// branch reads its value from before the if.
// TWIN-LABEL: ag_twin_readOther(
// TWIN: ::ag::if_(
// TWIN-NEXT: {{[{]}}"s", s}, ::ag::dead_("i", i)},
AG_CONVERT
ag::Tensor readOther(ag::Tensor n, ag::Tensor m) {
  ag::Tensor s = 0, i = 0;
  if (n > 0) {
    i = m;
    s = 1;
  } else {
    s = i;
  }
  return s;
}

// The then branch computes the value inside its region: reading it in the
// else branch made a graph that does not verify.
AG_CONVERT
ag::Tensor computedInThen(ag::Tensor n, ag::Tensor m) {
  ag::Tensor s = 0, i = 3;
  if (n > 0) {
    i = m * 2;
    s = i - 1;
  } else {
    s = i + 1;
  }
  return s;
}

// An else-if chain: the innermost else reads what the first branch writes.
AG_CONVERT
ag::Tensor elseIfChain(ag::Tensor n, ag::Tensor m) {
  ag::Tensor t = 10, s = 0;
  if (n > 2) {
    t = m;
    s = t;
  } else if (n > -2) {
    s = t * 2;
  } else {
    t = t + m;
    s = t * 3;
  }
  return s;
}

// Nested in the then branch, read by the outer else.
AG_CONVERT
ag::Tensor nestedThen(ag::Tensor n, ag::Tensor m) {
  ag::Tensor a = 1, b = 0;
  if (n > 0) {
    if (m > 0)
      a = m + 1;
    else
      a = m - 1;
    b = a;
  } else {
    b = a * 5;
  }
  return b;
}

// Inside a staged loop: `t` is killed on the then path before any read, so
// it is not carried; the else path reads the value from before the if.
AG_CONVERT
ag::Tensor inLoop(ag::Tensor n, ag::Tensor m) {
  ag::Tensor s = 0, k = 0;
  while (k < 4) {
    ag::Tensor t = 7;
    if (n > k) {
      t = m + k;
      s = s + t;
    } else {
      s = s + t;
    }
    k += 1;
  }
  return s;
}

// The statements guarded after a lowered continue, and a branch before it.
AG_CONVERT
ag::Tensor afterContinue(ag::Tensor n, ag::Tensor m) {
  ag::Tensor s = 0, k = 0;
  while (k < 5) {
    k += 1;
    ag::Tensor t = 2;
    if (n > k) {
      t = m;
      s = s + t;
      continue;
    }
    s = s + t * k;
  }
  return s;
}

// A lowered return inside the loop (the body is traced twice: once to learn
// the return value's type, once for real).
AG_CONVERT
ag::Tensor earlyReturn(ag::Tensor n, ag::Tensor m) {
  ag::Tensor k = 0, scratch = 1;
  while (k < 6) {
    if (k * m > n) {
      scratch = k * 100;
      return scratch + 1;
    }
    scratch = scratch + 0;
    k += 1;
  }
  return k;
}

// ?: chosen values next to a branch-local write.
AG_CONVERT
ag::Tensor ternaryAfter(ag::Tensor n, ag::Tensor m) {
  ag::Tensor x = 4, r = 0;
  if (n > m) {
    x = n - m;
    r = x > 2 ? x : -x;
  } else {
    r = x > 2 ? m : n;
  }
  return r;
}

// A range-for over a staged tensor: each row's branch is traced from the
// same values.
AG_CONVERT
ag::Tensor rows(ag::Tensor n, ag::Tensor m) {
  ag::Tensor s = 0;
  ag::Tensor v = ag::Tensor::fromVector(std::vector<long>{-2, -1, 0, 1, 2, 3}, {6});
  for (ag::Tensor row : v) {
    ag::Tensor w = 1;
    if (row * n > 0) {
      w = m;
      s = s + w;
    } else {
      s = s - w;
    }
  }
  return s;
}

template <typename F>
int check(const char *name, F f) {
  auto graph = ag::function(f);
  int bad = 0;
  for (long n = -4; n <= 6; ++n)
    for (long m = -3; m <= 3; m += 2) {
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
  bad += check("readOther", &readOther);
  bad += check("computedInThen", &computedInThen);
  bad += check("elseIfChain", &elseIfChain);
  bad += check("nestedThen", &nestedThen);
  bad += check("inLoop", &inLoop);
  bad += check("afterContinue", &afterContinue);
  bad += check("earlyReturn", &earlyReturn);
  bad += check("ternaryAfter", &ternaryAfter);
  bad += check("rows", &rows);
  std::cout << "mismatches: " << bad << "\n";
  // CHECK-NOT: eager
  // CHECK: mismatches: 0
}
