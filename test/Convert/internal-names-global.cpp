// Names the rewritten TU declares at namespace scope (twins, registrations,
// the file name variable) never collide with the user's: a file naming
// anything `ag_twin_...`, `ag_registered_...`, `ag_source_file`... gets all
// of them as `ag1_...` (or the first free `ag<N>_`). A parameter named
// `ag_source_file` would otherwise hide the file name in its twin, and
// one named like its function the function in the original's redirect.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>
#include <iostream>

// TWIN: static const char ag1_source_file[] = "{{.*}}internal-names-global.cpp";
static ag::Tensor ag_twin_f(ag::Tensor x) { return x + 100; }
const int ag_registered_g = 3;

// TWIN: ag::Tensor ag1_twin_f(ag::Tensor x) {
AG_CONVERT ag::Tensor f(ag::Tensor x) {
  if (x > 5)
    return ag_twin_f(x);
  return x;
}

// TWIN: ag::Tensor ag1_twin_g(ag::Tensor ag_source_file) {
// TWIN-NEXT: ::ag::FunctionScope ag1_scope("g", ag1_source_file,
// TWIN: static const bool ag1_registered_g = ::ag::detail::registerTwin(
AG_CONVERT ag::Tensor g(ag::Tensor ag_source_file) {
  if (ag_source_file > 0)
    return ag_source_file * ag_registered_g;
  return -ag_source_file;
}

// A parameter named like its function: the original's redirect to the twin
// names the function from the global namespace.
// TWIN: ag::Tensor h(ag::Tensor h) { if (::ag::detail::tracing()) return ::ag::detail::callTwin(&::h, "h",
AG_CONVERT ag::Tensor h(ag::Tensor h) {
  if (h > 0)
    h = h * 2;
  return h;
}

int main() {
  // CHECK: 107 107
  std::cout << f(7) << " " << ag::function(&f)(7) << "\n";
  // CHECK-NEXT: 6 6
  std::cout << g(2) << " " << ag::function(&g)(2) << "\n";
  // CHECK-NEXT: 4 4
  std::cout << h(2) << " " << ag::function(&h)(2) << "\n";
}
