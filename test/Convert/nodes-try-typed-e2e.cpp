// A 'try' around node calls may have several 'catch' clauses, of any types:
// the graph matches the exception a node threw against them in order when
// it runs, as C++ does (a derived type, a user type, catch (...)), and one
// no clause matches propagates as the located error. Eager and graph runs
// print the same lines. These were conversion errors before.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe eager > %t.eager
// RUN: %t.exe graph > %t.graph
// RUN: diff %t.eager %t.graph
// RUN: FileCheck %s < %t.graph

#include <ag/ag.h>
#include <ag/Node.h>
#include <cstdio>
#include <stdexcept>
#include <string>

struct Overflow {
  int by;
};

AG_NODE double parse(const std::string &s) {
  if (s == "range")
    throw std::out_of_range("too big: " + s);
  if (s == "bad")
    throw std::invalid_argument("not a number: " + s);
  if (s == "over")
    throw Overflow{3};
  if (s == "int")
    throw 42;
  if (s == "logic")
    throw std::logic_error("plain logic");
  return static_cast<double>(s.size());
}
AG_NODE_EFFECT void note(const std::string &what) {
  std::printf("note: %s\n", what.c_str());
}

AG_CONVERT
double classify(std::string s) {
  double r = 0;
  try {
    r = parse(s);
  } catch (const std::out_of_range &e) {
    note(e.what());
    r = -1;
  } catch (const std::logic_error &e) { // invalid_argument derives from it
    note(e.what());
    r = -2;
  } catch (const Overflow &) {
    r = -3;
  }
  return r;
}
// TWIN: ::ag::detail::tryCatch_(
// TWIN: ::ag::detail::catch_<::std::out_of_range>(
// TWIN-NEXT: [&](const ::ag::detail::Caught &e) {
// TWIN: ::ag::detail::catch_<::std::logic_error>(
// TWIN-NEXT: [&](const ::ag::detail::Caught &e) {
// TWIN: ::ag::detail::catch_<::Overflow>([&](const ::ag::detail::Caught &) {

AG_CONVERT
double withDefault(std::string s) {
  double r = 0;
  try {
    r = parse(s) * 2;
  } catch (const std::runtime_error &) {
    r = -10; // nothing parse throws is a runtime_error
  } catch (...) {
    r = -20;
  }
  return r;
}
// TWIN: ::ag::detail::catch_<::std::runtime_error>(
// TWIN: ::ag::detail::catch_<void>([&](const ::ag::detail::Caught &) {

int main(int argc, char **argv) {
  bool graph = argc > 1 && std::string(argv[1]) == "graph";
  for (std::string s : {"abc", "range", "bad", "over", "logic", "int"}) {
    try {
      double c = graph ? ag::function(&classify)(s) : classify(s);
      std::printf("classify %s = %g\n", s.c_str(), c);
    } catch (const ag::Error &e) {
      std::printf("classify %s: uncaught: %s\n", s.c_str(),
                  e.message().c_str());
    } catch (int) {
      std::printf("classify %s: uncaught: node 'parse' threw an exception of "
                  "type int (not derived from std::exception)\n",
                  s.c_str());
    }
    double d = graph ? ag::function(&withDefault)(s) : withDefault(s);
    std::printf("withDefault %s = %g\n", s.c_str(), d);
  }
}
// CHECK: classify abc = 3
// CHECK-NEXT: withDefault abc = 6
// CHECK-NEXT: note: too big: range
// CHECK-NEXT: classify range = -1
// CHECK-NEXT: withDefault range = -20
// CHECK-NEXT: note: not a number: bad
// CHECK-NEXT: classify bad = -2
// CHECK-NEXT: withDefault bad = -20
// CHECK-NEXT: classify over = -3
// CHECK-NEXT: withDefault over = -20
// CHECK-NEXT: note: plain logic
// CHECK-NEXT: classify logic = -2
// CHECK-NEXT: withDefault logic = -20
// CHECK-NEXT: classify int: uncaught: node 'parse' threw an exception of type int (not derived from std::exception)
// CHECK-NEXT: withDefault int = -20
