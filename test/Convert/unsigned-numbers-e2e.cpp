// C++'s unsigned and narrow integers as staged numbers: a `size_t` counter
// incremented under a staged `if`, a `for (size_t i ...)` loop with a staged
// `break`, an `unsigned` parameter modified in a staged loop, `unsigned
// char`, `char` and `uint16_t` accumulators. The graph has int32/int64
// only: the twin holds these values in int64 and computes C++'s
// wrap-around, conversions and unsigned comparisons, divisions and shifts
// itself (ag::detail::integer_, integerOp_). Before, each was "cannot be
// held in type 'size_t'". Eager and graph results are compared over
// boundary values, wrap included (0u - 1, 2^64 - 1, -1 < 1u).
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -Wno-sign-compare -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iostream>

// Counts, with a decrement that wraps below zero.
AG_CONVERT size_t countAbove(ag::Tensor x, double t) {
  size_t count = 0;
  for (ag::Tensor v : x) {
    if (v > t)
      ++count;
    else
      count--;
  }
  return count;
}

// A size_t loop counter with a staged break; printf %zu and %u.
AG_CONVERT long firstAbove(ag::Tensor x, double t, size_t n) {
  long found = -1;
  for (size_t i = 0; i < n; ++i) {
    if (x[i] > t) {
      found = static_cast<long>(i);
      std::printf("found at %zu (%u)\n", i, static_cast<unsigned>(i));
      break;
    }
  }
  return found;
}

// An unsigned parameter counted down past zero; compared with a literal.
AG_CONVERT unsigned countdown(ag::Tensor x, unsigned k) {
  while (ag::sum(x) > 0.0 && k < 4000000000u) {
    x = x - 1.0;
    k = k - 1;
  }
  return k;
}

// Unsigned arithmetic of a staged value: / % >> ~ - and comparisons, in 32
// and 64 bits, from a value wrapped below zero; mixed int/unsigned.
AG_CONVERT uint64_t mix(ag::Tensor x) {
  unsigned u = 0;
  uint64_t w = 0;
  if (ag::sum(x) > 0.0) {
    u = u - static_cast<unsigned>(x.item<long>());
    w = w - x.item<long>();
  }
  uint64_t r = 0;
  r += u / 3u + u % 7u + (u >> 3) + (~u) + (-u);
  r += w / 3 + w % 1000 + (w >> 1) + (w >> 0) + w / (w - 1) + w * 3;
  r += (u > 5u) + (w > 5u) * 10 + (-1 < u) * 100;
  int neg = x.item<int>() - 10;
  r += (neg < u) * 1000 + (neg < static_cast<int>(u)) * 10000;
  std::printf("u %u w %llu neg+u %u\n", u, static_cast<unsigned long long>(w),
              neg + u);
  return r;
}

// Narrow types wrap on every store: unsigned char, char, uint16_t.
AG_CONVERT long narrow(ag::Tensor x, int n) {
  unsigned char c = 250;
  char s = 126;
  char letter = 'a';
  uint16_t h = 65530;
  for (int i = 0; i < n; ++i) {
    if (x > 0.0) {
      c += 3;
      s++;
      letter += 2;
      h = h + 2;
    }
  }
  std::cout << "char " << letter << " " << +s << "\n";
  return c * 1000000L + s * 1000L + h;
}

// Conversions of a 64-bit unsigned value to double, and back.
AG_CONVERT double toDouble(ag::Tensor x) {
  uint64_t w = 1;
  if (x > 0.0)
    w = w - 2; // 2^64 - 1
  double d = w;
  uint64_t back = 1.5e19;
  if (x > 0.0) {
    back = d / 2;
    back += 0.75; // computed in double
  }
  return static_cast<double>(back % 1000) + d * 1e-19;
}

// A staged int passed to an unsigned parameter (the staged twin converts
// it as C++ does: -3 is 4294967293).
AG_CONVERT unsigned twice(unsigned k) { return k * 2; }
AG_CONVERT long callsTwice(ag::Tensor x) {
  int n = x.item<int>();
  return twice(n - 3) + twice(n);
}

int main(int argc, char **argv) {
  bool graph = argc > 1 && !std::strcmp(argv[1], "graph");
  ag::Tensor x = {0.5, 2.0, 3.0, -1.0, 7.0};
  for (double t : {-2.0, 2.5, 10.0}) {
    size_t c = graph ? ag::function(&countAbove)(x, t) : countAbove(x, t);
    long f = graph ? ag::function(&firstAbove)(x, t, size_t(5))
                   : firstAbove(x, t, 5);
    std::printf("count %zu first %ld\n", c, f);
  }
  for (unsigned k : {0u, 3u, 4294967295u}) {
    ag::Tensor y = {2.0, 1.0};
    unsigned r = graph ? ag::function(&countdown)(y, k) : countdown(y, k);
    std::printf("countdown %u\n", r);
  }
  for (double v : {0.0, 1.0, 5.0, 12.0}) {
    ag::Tensor s = ag::Tensor(v);
    unsigned long long m = graph ? ag::function(&mix)(s) : mix(s);
    long n = graph ? ag::function(&narrow)(s, 3) : narrow(s, 3);
    double d = graph ? ag::function(&toDouble)(s) : toDouble(s);
    long t = graph ? ag::function(&callsTwice)(s) : callsTwice(s);
    std::printf("mix %llu narrow %ld double %.17g twice %ld\n", m, n, d, t);
  }
}

// CHECK: found at 0 (0)
// CHECK-NEXT: count 5 first 0
// CHECK-NEXT: found at 2 (2)
// CHECK-NEXT: count 18446744073709551615 first 2
// CHECK-NEXT: count 18446744073709551611 first -1
// CHECK-NEXT: countdown 4294967295
// CHECK-NEXT: countdown 1
// CHECK-NEXT: countdown 4294967295
// CHECK-NEXT: u 0 w 0 neg+u 4294967286
// CHECK-NEXT: char a 126
// CHECK-NEXT: mix 4294977295 narrow 250191530 double 9.9999999999999998e-20 twice 4294967290
// CHECK-NEXT: u 4294967295 w 18446744073709551615 neg+u 4294967286
// CHECK-NEXT: char g -127
// CHECK-NEXT: mix 15372286730059831315 narrow 2873000 double 809.84467440737092 twice 4294967294
// CHECK-NEXT: u 4294967291 w 18446744073709551611 neg+u 4294967286
// CHECK-NEXT: char g -127
// CHECK-NEXT: mix 15372286730059820300 narrow 2873000 double 809.84467440737092 twice 14
// CHECK-NEXT: u 4294967284 w 18446744073709551604 neg+u 4294967286
// CHECK-NEXT: char g -127
// CHECK-NEXT: mix 15372286730059821271 narrow 2873000 double 809.84467440737092 twice 42
