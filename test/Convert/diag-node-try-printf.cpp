// printf-family calls printing e.what() in a graph-level catch (printf,
// fprintf to stdout or stderr, puts, fputs) become effects of the graph;
// what they cannot do as the eager code does is an error at the user's
// argument: a format that is not a string literal (the graph splits it
// where e.what() goes), a conversion other than %s for e.what(), and a
// value known only when the graph runs printed to stderr next to it
// (fprintf(stderr, ...) formats its other values while tracing).
// RUN: not ag-convert %s -- -std=c++17 -I%ag_include 2>&1 | FileCheck %s

#include <ag/ag.h>
#include <cstdio>
#include <stdexcept>
#include <string>

AG_NODE double fit(double ridge);

AG_CONVERT
double formats(double r, const char *format) {
  double loss = 0;
  try {
    loss = fit(r);
  } catch (const std::exception &e) {
    printf(format, e.what());
    printf("%d\n", e.what());
  }
  return loss;
}
// CHECK: diag-node-try-printf.cpp:23:12: error: e.what() of a caught exception is printed with a format that is not a string literal: it is known only when the graph runs, where it is printed with a '%s' (a '-' flag, a width and a precision allowed) of a string literal format
// CHECK: diag-node-try-printf.cpp:24:20: error: e.what() of a caught exception is printed by a '%d' conversion

AG_CONVERT
double toStderr(ag::Tensor r) {
  double first = fit(r.item<double>()), loss = 0;
  try {
    loss = fit(first);
  } catch (const std::exception &e) {
    std::fprintf(stderr, "%s after loss %.3f\n", e.what(), first);
    std::fprintf(stderr, "%s at %.3f\n", e.what(), r.item<double>());
  }
  return loss;
}
// CHECK: diag-node-try-printf.cpp:37:60: error: this node result (of type 'double') cannot be printed by fprintf: it exists only when the graph runs, not while tracing; fprintf to stderr (which prints e.what() of a caught exception when the graph runs) formats its other values while tracing; print it with printf to stdout
// CHECK: diag-node-try-printf.cpp:38:52: error: this node result (of type 'double') cannot be printed by fprintf
