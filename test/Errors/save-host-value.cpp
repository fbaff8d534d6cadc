// Graph::save of a graph holding a host value captured while tracing (a
// node's std::string argument) fails: the error is located at the argument
// and names it as the user wrote it, with its type as the user writes it
// (not GCC's std::__cxx11::basic_string<char>). It used to name only the
// node and the statement.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include
// RUN: %cxx -std=c++17 -I%ag_include %t.cpp -o %t %ag_link
// RUN: not %t %t.mlir 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace

#include <ag/Node.h>
#include <ag/ag.h>

#include <iostream>
#include <string>

struct Doc {
  std::string text;
};
AG_NODE Doc readDoc(const std::string &path) { return {path + "!"}; }
AG_NODE long length(const Doc &d) { return static_cast<long>(d.text.size()); }

AG_CONVERT
long count(std::string path) {
  std::string where = path + ".txt";
  Doc d = readDoc(where);
  return length(d);
}

int main(int, char **argv) {
  auto fn = ag::function(&count);
  std::cout << fn(std::string("abc")) << std::endl;
  try {
    fn.graph(std::string("abc")).save(argv[1]);
  } catch (const ag::Error &e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
}

//      CHECK:8
// CHECK-NEXT:[[FILE]]:26:19: error: cannot save this graph: it holds 'where', a host value of type std::string passed to node 'readDoc', captured while tracing; it cannot be written to a file (compute it in the graph with a node, or pass it as a tensor)
// CHECK-NEXT:  Doc d = readDoc(where);
// CHECK-NEXT:                  ^~~~~
// CHECK-EMPTY:
