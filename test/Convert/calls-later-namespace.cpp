// A twin calling a converted function defined later in this file in another
// namespace cannot forward-declare its twin (the declaration would land in
// the caller's namespace): the call goes through the registry instead, and
// the program builds and runs, eagerly and as a graph.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: FileCheck %s --check-prefix=TWIN < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>
#include <iostream>

namespace geometry {
ag::Tensor grow(ag::Tensor x);
}

namespace physics {
AG_CONVERT
ag::Tensor settle(ag::Tensor x) {
  while (x < 100)
    x = geometry::grow(x);
  return x;
}
} // namespace physics

namespace geometry {
AG_CONVERT
ag::Tensor grow(ag::Tensor x) { return x * 3 + 1; }
} // namespace geometry

int main() {
  auto graph = ag::function(&physics::settle);
  int mismatches = 0;
  for (int64_t x = 0; x < 40; ++x)
    mismatches += !graph(ag::Tensor(x)).identical(physics::settle(ag::Tensor(x)));
  std::cout << "settle(1) = " << graph(ag::Tensor(int64_t(1))) << ", "
            << mismatches << " mismatches\n";
}

// TWIN: x = ::ag::detail::callTwin(&::geometry::grow, "geometry::grow", x);
// TWIN-NOT: ag::Tensor ag_twin_grow(ag::Tensor x);{{$}}
// CHECK: settle(1) = 121, 0 mismatches
