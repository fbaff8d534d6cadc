// std::cout << t.item<T>() of a staged t (also under casts, in a staged
// loop and in a staged choice) prints, at each evaluation, the value the
// eager code printed: t converted to T (then the cast's type), formatted as
// std::cout formats that type. It used to fail while tracing ("cannot read
// the elements of a staged tensor"). The step keeps the 1e7 case at three
// iterations (it printed 10 million lines, 700 MB, before).
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cstdint>
#include <cstring>
#include <iostream>

AG_CONVERT
ag::Tensor show(ag::Tensor x, ag::Tensor c, ag::Tensor step) {
  ag::Tensor s = 0;
  while (x > 0) {
    std::cout << "x " << x.item<double>() << " " << x.item<int>() << " "
              << x.item<float>() << " " << x.item<bool>() << '\n';
    s += x;
    x -= step;
  }
  std::cout << "sum " << static_cast<int64_t>(s.item<double>()) << " "
            << (c > 0 ? s.item<double>() : (s * 2).item<double>())
            << std::endl;
  return s;
}
// t.item<T>() is a number of the graph (number_: T's dtype), a cast of it
// converts it (numberAs_).
// TWIN: ::ag::PrintArg::streamedAs<double>(
// TWIN-NEXT: ::ag::detail::number_(x, ::ag::DType::Float64)),
// TWIN: ::ag::PrintArg::streamedAs<int64_t>(::ag::detail::numberAs_<::int64_t>(
// TWIN-NEXT: ::ag::detail::numberAs_<::int64_t>(
// TWIN-NEXT: ::ag::detail::number_(s, ::ag::DType::Float64)))),

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
  auto g = ag::function(&show);
  for (double v : {2.5, 1e7 + 0.125, 0.0})
    for (int c : {1, 0}) {
      ag::Tensor step(v > 100 ? 4e6 : 1.0);
      ag::Tensor r = graph ? g(ag::Tensor(v), ag::Tensor(c), step)
                           : show(ag::Tensor(v), ag::Tensor(c), step);
      std::cout << "= " << r << '\n';
    }
}
// CHECK: x 2.5 2 2.5 1
// CHECK-NEXT: x 1.5 1 1.5 1
// CHECK-NEXT: x 0.5 0 0.5 1
// CHECK-NEXT: sum 4 4.5
// CHECK-NEXT: = 4.5
// CHECK: x 1e+07 10000000 1e+07 1
