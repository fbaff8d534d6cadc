// printf("%s", e.what()), fprintf(stderr, ...), fprintf(stdout, ...),
// puts(e.what()) and fputs(e.what(), stderr) in a graph-level try's catch
// print the message the graph caught with printf's formatting (a '-' flag,
// width and precision, literal or '*') between the format's other pieces,
// in order with the other effects, on the same stream as eagerly. They
// used to be a conversion error (only std::cout << e.what() was allowed).
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include -I%S/Inputs > %t.cpp
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include -I%S/Inputs %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager 2> %t.eager.err
// RUN: %t.exe graph > %t.graph 2> %t.graph.err
// RUN: diff %t.eager %t.graph
// RUN: diff %t.eager.err %t.graph.err
// RUN: FileCheck %s < %t.graph
// RUN: FileCheck --check-prefix=ERR %s < %t.graph.err
// RUN: %t.exe save 2>&1 | FileCheck --check-prefix=SAVE %s

#include "try-load.h"

#include <cstdio>
#include <string>

AG_CONVERT
double guarded(std::string path, double scale, int width) {
  double r = -1;
  try {
    r = load(path) * scale;
  } catch (const std::invalid_argument &e) {
    printf("invalid [%-12s] scale %.1f width %d\n", e.what(), scale, width);
    std::fprintf(stderr, "warning: %s (%d)\n", e.what(), width);
  } catch (const std::exception &e) {
    std::printf("[%*.*s]|%5.2f|\n", width, 4, e.what(), scale);
    puts(e.what());
    fputs(e.what(), stderr);
    fprintf(stdout, "%s%%\n", e.what());
    r = -2;
  }
  printf("result %g\n", r);
  return r;
}
// TWIN: ::ag::printf_({{.*}}, "invalid [", {});
// TWIN-NEXT: ::ag::detail::effect_node_(
// TWIN-NEXT: {{.*}}"ag::detail::printfText",
// TWIN-NEXT: &::ag::detail::printfText, 1L, true, 12L, -1L, e.what());
// TWIN-NEXT: ::ag::printf_({{.*}}, "] scale %.1f width %d\n",
// TWIN-NEXT: {scale, width});
// TWIN: ::ag::detail::formatText_("warning: "));
// TWIN: &::ag::detail::printfText, 2L, false, 0L, -1L, e.what());
// TWIN: ::ag::detail::formatText_(" (%d)\n", width));

// Prints to stdout only: the graph can still be saved (its values are
// numbers or nodes' results).
AG_NODE std::string pathOf(long shard) {
  return shard < 0 ? "" : "shard" + std::to_string(shard);
}
AG_CONVERT
double quiet(long shard) {
  double r = 0;
  try {
    r = load(pathOf(shard));
  } catch (const std::exception &e) {
    printf("skipped: %s\n", e.what());
  }
  return r;
}

int main(int argc, char **argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "save") {
    ag::function(&quiet).graph(-1L).save(std::string(argv[0]) + ".mlir");
    std::printf("saved\n");
    return 0;
  }
  for (std::string p : {"abc", "", "!x"})
    mode == "graph" ? ag::function(&guarded)(p, 2.0, 8) : guarded(p, 2.0, 8);
}
// CHECK: result 6
// CHECK-NEXT: [    empt]| 2.00|
// CHECK-NEXT: empty path
// CHECK-NEXT: empty path%
// CHECK-NEXT: result -2
// CHECK-NEXT: invalid [bad path !x  ] scale 2.0 width 8
// CHECK-NEXT: result -1
// ERR: empty pathwarning: bad path !x (8)
// SAVE: saved
