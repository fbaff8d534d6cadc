// t.item<T>() for every C++ arithmetic type, eagerly and in a graph: the
// same value, or the same error. Before, only bool, int, long, long long,
// float and double linked (item<unsigned>() was an undefined reference),
// and a float outside the integer type's range gave whatever the CPU's
// conversion gave eagerly (undefined in C++) but an error in the graph.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <iostream>
#include <vector>

AG_CONVERT unsigned asUnsigned(ag::Tensor x) { return x.item<unsigned>(); }
AG_CONVERT unsigned short asUShort(ag::Tensor x) {
  return x.item<unsigned short>();
}
AG_CONVERT short asShort(ag::Tensor x) { return x.item<short>(); }
AG_CONVERT signed char asSChar(ag::Tensor x) { return x.item<signed char>(); }
AG_CONVERT unsigned char asUChar(ag::Tensor x) {
  return x.item<unsigned char>();
}
AG_CONVERT std::size_t asSize(ag::Tensor x) { return x.item<std::size_t>(); }
AG_CONVERT int asInt(ag::Tensor x) { return x.item<int>(); }
AG_CONVERT double mix(ag::Tensor x) {
  unsigned u = x.item<unsigned>();
  unsigned short s = x.item<unsigned short>();
  std::size_t z = x.item<std::size_t>();
  return u / 2.0 + s + static_cast<double>(z % 7);
}

int main(int argc, char **argv) {
  bool g = argc > 1 && !std::strcmp(argv[1], "graph");
  std::vector<ag::Tensor> xs = {
      ag::Tensor(-1L),         ag::Tensor(70000L),
      ag::Tensor(-129L),       ag::Tensor(4294967297L),
      ag::Tensor(65535),       ag::Tensor(2.75),
      ag::Tensor(-7.5),        ag::Tensor(true),
      ag::Tensor(1e19),        ag::Tensor(std::nan("")),
      ag::cast(ag::Tensor(-300.5), ag::Float32)};
  for (const ag::Tensor &x : xs) {
#define SHOW(f)                                                                \
  try {                                                                        \
    std::cout << #f << " " << +(g ? ag::function(&f)(x) : f(x)) << "\n";       \
  } catch (const ag::Error &) {                                                \
    std::cout << #f << " error\n";                                             \
  }
    SHOW(asUnsigned)
    SHOW(asUShort)
    SHOW(asShort)
    SHOW(asSChar)
    SHOW(asUChar)
    SHOW(asSize)
    SHOW(asInt)
    SHOW(mix)
  }
}

// CHECK: asUnsigned 4294967295
// CHECK: asUShort 65535
// CHECK: asSize 18446744073709551615
// CHECK: asUShort 4464
// CHECK: asSChar 127
// CHECK: asUnsigned 1
// CHECK: asInt 1
// CHECK: asUnsigned 2
// CHECK: asUnsigned 4294967289
// CHECK: asSize 18446744073709551609
// CHECK: asInt -7
// CHECK: asSize 10000000000000000000
// CHECK: asInt error
// CHECK: asUnsigned error
// CHECK: asInt error
// CHECK: asUChar 212
