// Every AG_NODE and AG_CONVERT function defined in a converted file gets a
// code fingerprint (for the store's keys), registered under the name the graph
// records: a node's registered name, a twin's scope name. AG_NODE_VERSION
// mixes a tag in. The program prints what the runtime registry holds.
// clang-format off
// RUN: cd %S && ag-convert --twins-only fingerprints.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s --check-prefix=RUNTIME
// REQUIRES: ag-runtime
// clang-format on
#include <ag/ag.h>
#include <iostream>

namespace stats {
AG_NODE double scale(double x) { return x * 2; }
AG_NODE double shift(double x) { return scale(x) + 1; }
template <typename T> AG_NODE T twice(T x) { return x + x; }
} // namespace stats

struct Model {
  AG_NODE static double fit(double x) { return stats::shift(x) / 3; }
};

AG_NODE double tagged(double x) { return x - 1; }
AG_NODE_VERSION(tagged, "v2");

// Mutual recursion: each reaches the other.
AG_NODE int ping(int n);
AG_NODE int pong(int n) { return n > 0 ? ping(n - 1) : 0; }
AG_NODE int ping(int n) { return n > 0 ? pong(n - 1) : 1; }

AG_CONVERT
ag::Tensor predict(ag::Tensor x) {
  return x * Model::fit(1.0) + stats::twice(2.0) + tagged(3.0);
}

int main() {
  ag::Tensor x(1.0);
  std::cout << ag::function(&predict)(x).item<double>() << "\n";
  for (const char *name :
       {"stats::scale", "stats::shift", "Model::fit", "stats::twice<double>",
        "tagged", "ping", "pong", "predict"})
    std::cout << name << " " << ag::exec::codeFingerprint(name) << "\n";
}

// clang-format off
// Node names as registerNode has them; the twin's as its FunctionScope.
// CHECK: static const bool ag_fp_stats__scale = ::ag::detail::fingerprint_("stats::scale", "[[SCALE:[0-9a-f]{32}]]");
// CHECK-NEXT: static const bool ag_fp_stats__shift = ::ag::detail::fingerprint_("stats::shift", "[[SHIFT:[0-9a-f]{32}]]");
// CHECK-NEXT: static const bool ag_fp_stats__twice_double_ = ::ag::detail::fingerprint_("stats::twice<double>", "[[TWICE:[0-9a-f]{32}]]");
// CHECK-NEXT: static const bool ag_fp_Model__fit = ::ag::detail::fingerprint_("Model::fit", "[[FIT:[0-9a-f]{32}]]");
// CHECK-NEXT: static const bool ag_fp_tagged = ::ag::detail::fingerprint_("tagged", "[[TAGGED:[0-9a-f]{32}]]");
// CHECK-NEXT: static const bool ag_fp_pong = ::ag::detail::fingerprint_("pong", "[[PONG:[0-9a-f]{32}]]");
// CHECK-NEXT: static const bool ag_fp_ping = ::ag::detail::fingerprint_("ping", "[[PING:[0-9a-f]{32}]]");
// CHECK-NEXT: static const bool ag_fp_predict = ::ag::detail::fingerprint_("predict", "[[PREDICT:[0-9a-f]{32}]]");

// RUNTIME: 7
// RUNTIME-NEXT: stats::scale {{[0-9a-f]{32}$}}
// RUNTIME-NEXT: stats::shift {{[0-9a-f]{32}$}}
// RUNTIME-NEXT: Model::fit {{[0-9a-f]{32}$}}
// RUNTIME-NEXT: stats::twice<double> {{[0-9a-f]{32}$}}
// RUNTIME-NEXT: tagged {{[0-9a-f]{32}$}}
// RUNTIME-NEXT: ping {{[0-9a-f]{32}$}}
// RUNTIME-NEXT: pong {{[0-9a-f]{32}$}}
// RUNTIME-NEXT: predict {{[0-9a-f]{32}$}}
