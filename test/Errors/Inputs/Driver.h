//===- Driver.h - main() helpers for the test/Errors programs --*- C++ -*-===//
//
// Each test program runs one ag::function call and reports like a user's
// program would:
//   <exe> [--json | --color] [--save graph.mlir] <int>...
// prints the result on stdout and exits 0, or prints the ag::Error on
// stderr and exits 1: what() by default, Diagnostic::toJSON() on stdout with
// --json, Diagnostic::render(ag::useColor()) with --color. --save writes the
// traced graph first (for ag-run), and its input names to <file>.inputs.
//
//===----------------------------------------------------------------------===//
#ifndef AG_TEST_ERRORS_DRIVER_H
#define AG_TEST_ERRORS_DRIVER_H

#include <ag/ag.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

namespace agtest {

struct Options {
  bool json = false, color = false;
  std::string save;
  std::vector<int64_t> ints;
  /// The i-th integer argument as an int64 scalar (0 when missing).
  ag::Tensor arg(size_t i) const {
    return ag::Tensor(i < ints.size() ? ints[i] : int64_t(0));
  }
};

inline Options parse(int argc, char **argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--json"))
      o.json = true;
    else if (!std::strcmp(argv[i], "--color"))
      o.color = true;
    else if (!std::strcmp(argv[i], "--save") && i + 1 < argc)
      o.save = argv[++i];
    else
      o.ints.push_back(std::strtoll(argv[i], nullptr, 10));
  }
  return o;
}

/// Runs `call`; saves `graph()` first when --save is given.
inline int run(const Options &o, const std::function<ag::Tensor()> &call,
               const std::function<ag::Graph()> &graph = nullptr) {
  try {
    if (!o.save.empty() && graph) {
      ag::Graph g = graph();
      g.save(o.save);
      // The graph's input names, one a line, for `ag-run --feed name=...`
      // (they are the twin's parameter names once ag-convert passes them,
      // arg0, arg1, ... until then).
      std::ofstream names(o.save + ".inputs");
      for (const std::string &name : g.inputNames())
        names << name << "\n";
    }
    ag::Tensor result = call();
    std::cout << "result = " << result << "\n";
    return 0;
  } catch (const ag::Error &e) {
    if (o.json)
      std::cout << e.diagnostic().toJSON() << "\n";
    else if (o.color)
      std::cerr << e.diagnostic().render(ag::useColor());
    else
      std::cerr << e.what() << "\n";
    return 1;
  }
}

} // namespace agtest

#endif // AG_TEST_ERRORS_DRIVER_H
