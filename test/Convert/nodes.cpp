// Calls of AG_NODE functions in converted code become ag::detail::node_ (effect_node_ for AG_NODE_EFFECT), with the user's location and the registered name; each node defined here is registered.
// RUN: cd %S && ag-convert --twins-only nodes.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -
#include <ag/ag.h>
#include <string>
#include <vector>

namespace io {
struct Record {
  std::string name;
  double value;
};
AG_NODE std::vector<Record> parse(const std::string &text, char sep = ',');
AG_NODE_EFFECT void log(const std::string &line);
} // namespace io

struct Stats {
  AG_NODE static double mean(const std::vector<io::Record> &records);
};

template <typename T> AG_NODE T twice(T x) { return x + x; }

AG_NODE int count(const std::vector<io::Record> &records) {
  return static_cast<int>(records.size());
}
AG_NODE int count(const std::vector<io::Record> &records, int limit);

double helper(double x) { return x; }

AG_CONVERT
ag::Tensor summary(const std::string &text) {
  auto records = io::parse(text);
  io::log("parsed " + text);
  ag::Tensor m = Stats::mean(records) + helper(1.0);
  ag::Tensor n = count(records) + twice(2.5) + twice<int>(1);
  return m * n;
}

double Stats::mean(const std::vector<io::Record> &records) {
  double sum = 0;
  for (const io::Record &r : records)
    sum += r.value;
  return records.empty() ? 0 : sum / records.size();
}

// CHECK-LABEL: ag::Tensor ag_twin_summary(const std::string &text) {
// CHECK:        ::ag::Lazy<::std::vector<::io::Record>> records = ::ag::detail::node_(
// CHECK-NEXT:       {32, 18, 32, 32, "records"}, "io::parse",
// CHECK-NEXT:       {{[{][{]}}}, {{[{][{]}}32, 28, 32, 31, "text"}, {}}}, &::io::parse, text, ',');
// CHECK-NEXT:   ::ag::at({33, 3, 33, 27});
// CHECK-NEXT:   ::ag::detail::effect_node_({33, 3, 33, 27}, "io::log",
// CHECK:        ::ag::at({34, 18, 34, 51, "m"});
// CHECK-NEXT:   ag::Tensor m = ::ag::detail::node_({34, 18, 34, 37}, "Stats::mean",
// CHECK-NEXT:                                      &::Stats::mean, records) +
// CHECK-NEXT:                  helper(1.0);
// The int node results are converted to double as C++ does (numberAs_).
// CHECK:          {35, 18, 35, 31}, "count(const std::vector<io::Record> &)",
// CHECK-NEXT:       static_cast<int (*)(const ::std::vector<::io::Record> &)>(&::count),
// CHECK-NEXT:       records)) +
// CHECK-NEXT:   ::ag::detail::node_({35, 35, 35, 44}, "twice<double>",
// CHECK-NEXT:                       static_cast<double (*)(double)>(&::twice<double>),
// CHECK-NEXT:                       2.5) +
// CHECK-NEXT:   ::ag::detail::numberAs_<double>(
// CHECK-NEXT:       ::ag::detail::node_({35, 48, 35, 60}, "twice<int>",
// CHECK-NEXT:                           static_cast<int (*)(int)>(&::twice<int>), 1));
// CHECK:      {{\[\[}}maybe_unused]] static const bool ag_node_twice = ::ag::detail::registerNode(
// CHECK-NEXT:     static_cast<double (*)(double)>(&::twice<double>), "twice<double>");
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_node_twice_1 = ::ag::detail::registerNode(
// CHECK-NEXT:     static_cast<int (*)(int)>(&::twice<int>), "twice<int>");
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_node_count = ::ag::detail::registerNode(
// CHECK-NEXT:     static_cast<int (*)(const ::std::vector<::io::Record> &)>(&::count),
// CHECK-NEXT:     "count(const std::vector<io::Record> &)");
// CHECK-NEXT: {{\[\[}}maybe_unused]] static const bool ag_node_mean =
// CHECK-NEXT:     ::ag::detail::registerNode(&::Stats::mean, "Stats::mean");

// A file calling nodes includes their codecs (<ag/ag.h> leaves cereal out).
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | FileCheck %s --check-prefix=CODEC
// CODEC: {{^}}#include <ag/Codec.h>{{$}}
// CODEC-NEXT: static const char ag_source_file[]
