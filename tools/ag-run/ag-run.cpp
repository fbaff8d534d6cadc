//===- ag-run.cpp - Evaluate a saved ag graph -----------------------------===//
//
//   ag-run graph.mlir --feed a=27 --fetch counter [--threads N] [--verbose]
//                     [--dot out.dot] [--stats] [--source-dir DIR]...
//
// Prints `name = value` per fetch (all results when no --fetch is given,
// which also runs every effect on the taken paths). A malformed graph prints
// its MLIR diagnostics and exits 1 before anything runs; an evaluation error
// prints the diagnostic at the user's source line and exits 1.
//
//===----------------------------------------------------------------------===//

#include "GraphImpl.h"

#include "ag/Graph.h"
#include "ag/Error.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/InitLLVM.h"

#include <cctype>
#include <cstdint>
#include <stdexcept>
#include <fstream>
#include <iostream>
#include <new>

namespace {

// libLLVM registers its own global `-threads` option, so ag-run parses its
// few flags itself instead of through llvm::cl.
struct Options {
  std::string input;
  std::vector<std::string> feeds, fetches, sourceDirs;
  int threads = 0;
  uint64_t maxIterations = 0, maxBytes = 0;
  double timeout = 0;
  bool verbose = false, stats = false, json = false;
  std::string dot;
};

constexpr const char *kUsage =
    "usage: ag-run <graph.mlir> [--feed name=value]... [--fetch "
    "name[,name]]...\n"
    "              [--threads N] [--verbose] [--dot out.dot] [--stats]\n"
    "              [--max-iterations N] [--timeout S] [--max-memory B]\n"
    "              [--source-dir DIR]... [--diagnostics=json]\n"
    "  --feed     bind a parameter; value is a number, true/false or [..] "
    "list\n"
    "  --fetch    a result (result0, ...) or a named value (default: every\n"
    "             result and every effect on the taken paths)\n"
    "  --threads  worker threads (default: AG_NUM_THREADS or the cores)\n"
    "  --max-iterations N  fail a loop that runs more than N iterations\n"
    "  --timeout SECONDS   fail the evaluation after this long\n"
    "  --max-memory BYTES  fail when live tensors exceed this (K/M/G suffix)\n"
    "  --verbose  trace computing / running / released\n"
    "  --dot      write the graph as Graphviz\n"
    "  --stats    print evaluation counters to stderr\n"
    "  --diagnostics=json  print errors as JSON objects (for tools)\n"
    "  --source-dir  errors may quote source lines from files under this\n"
    "             directory (default: none; the graph file names them)\n";

[[noreturn]] void usageError(const std::string &message) {
  std::cerr << "ag-run: error: " << message << "\n" << kUsage;
  std::exit(1);
}

Options parseArgs(int argc, char **argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg = argv[i];
    auto [flag, inlineValue] = arg.split('=');
    bool hasInline = arg.contains('=') && flag.starts_with("--");
    auto value = [&]() -> std::string {
      if (hasInline)
        return inlineValue.str();
      if (i + 1 >= argc)
        usageError("missing value after " + flag.str());
      return argv[++i];
    };
    if (flag == "--feed" || flag == "-feed") {
      o.feeds.push_back(value());
    } else if (flag == "--fetch" || flag == "-fetch") {
      llvm::SmallVector<llvm::StringRef> names;
      std::string v = value();
      llvm::StringRef(v).split(names, ',', -1, /*KeepEmpty=*/false);
      for (llvm::StringRef n : names)
        o.fetches.push_back(n.trim().str());
    } else if (flag == "--threads" || flag == "-threads") {
      std::string v = value();
      if (llvm::StringRef(v).getAsInteger(10, o.threads) || o.threads < 0)
        usageError("--threads expects a non-negative integer, got '" + v + "'");
    } else if (flag == "--max-iterations") {
      std::string v = value();
      if (llvm::StringRef(v).getAsInteger(10, o.maxIterations) ||
          !o.maxIterations)
        usageError("--max-iterations expects a positive integer, got '" + v +
                   "'");
    } else if (flag == "--timeout") {
      std::string v = value();
      if (llvm::StringRef(v).getAsDouble(o.timeout) || !(o.timeout > 0) ||
          o.timeout > 1e9)
        usageError("--timeout expects a positive number of seconds, got '" + v +
                   "'");
    } else if (flag == "--max-memory") {
      std::string v = value();
      llvm::StringRef digits = v;
      uint64_t scale = 1;
      if (digits.consume_back("K") || digits.consume_back("k"))
        scale = 1ull << 10;
      else if (digits.consume_back("M") || digits.consume_back("m"))
        scale = 1ull << 20;
      else if (digits.consume_back("G") || digits.consume_back("g"))
        scale = 1ull << 30;
      if (digits.getAsInteger(10, o.maxBytes) || !o.maxBytes ||
          o.maxBytes > UINT64_MAX / scale)
        usageError("--max-memory expects a positive number of bytes, got '" +
                   v + "'");
      o.maxBytes *= scale;
    } else if (arg == "--verbose" || arg == "-verbose") {
      o.verbose = true;
    } else if (arg == "--stats" || arg == "-stats") {
      o.stats = true;
    } else if (flag == "--diagnostics") {
      std::string v = value();
      if (v != "json" && v != "text")
        usageError("--diagnostics expects 'text' or 'json', got '" + v + "'");
      o.json = v == "json";
    } else if (flag == "--source-dir") {
      o.sourceDirs.push_back(value());
    } else if (flag == "--dot" || flag == "-dot") {
      o.dot = value();
    } else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      std::exit(0);
    } else if (arg.starts_with("-") && arg != "-") {
      usageError("unknown option '" + arg.str() + "'");
    } else if (o.input.empty()) {
      o.input = arg.str();
    } else {
      usageError("more than one graph file given");
    }
  }
  if (o.input.empty())
    usageError("no graph file given");
  return o;
}

} // namespace

namespace {

/// A feed that is not a value of its parameter's type (thrown, not exited
/// on, so test/Fuzz/FeedFuzzer.cpp can drive parseFeed).
struct FeedError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void feedError(const std::string &message) {
  throw FeedError(message);
}

[[noreturn]] void fatal(const std::string &message) {
  std::cerr << "ag-run: error: " << message << "\n";
  std::exit(1);
}

/// Parses `text` ("27", "-2.5", "true", "[[1, 2], [3, 4]]") into a tensor of
/// the parameter's type. Each element must be a literal of that type: a value
/// that would be truncated or wrap (2.5 or 1e20 for an int64 parameter) is
/// an error, never silently converted.
/// "float64[?, 3]": a parameter type, a dynamic dim (-1) as "?".
std::string typeString(ag::DType dtype, const ag::Shape &shape) {
  std::string out = std::string(ag::dtypeName(dtype)) + "[";
  for (size_t i = 0; i < shape.size(); ++i)
    out += (i ? ", " : "") +
           (shape[i] < 0 ? std::string("?") : std::to_string(shape[i]));
  return out + "]";
}

/// The shape a bracketed literal spells: at each depth, the length of the
/// first list there ("[[1, 2], [3, 4], [5, 6]]" is [3, 2]). Ragged literals
/// are caught by the element count check of parseFeed.
ag::Shape literalShape(llvm::StringRef text) {
  ag::Shape dims;
  std::vector<int64_t> items; // per open list: items so far
  std::vector<bool> content;  // per open list: an item has started
  for (char c : text) {
    if (c == '[') {
      if (!content.empty())
        content.back() = true;
      items.push_back(0);
      content.push_back(false);
    } else if (c == ']' && !items.empty()) {
      size_t depth = items.size() - 1;
      if (dims.size() <= depth)
        dims.resize(depth + 1, -1);
      if (dims[depth] < 0)
        dims[depth] = items.back() + (content.back() ? 1 : 0);
      items.pop_back();
      content.pop_back();
    } else if (c == ',' && !items.empty()) {
      ++items.back();
    } else if (!std::isspace(static_cast<unsigned char>(c)) &&
               !content.empty()) {
      content.back() = true;
    }
  }
  return dims;
}

ag::Tensor parseFeed(const std::string &name, llvm::StringRef text,
                     ag::DType dtype, const ag::Shape &declared) {
  // A dynamic dim (a stacked list's length) takes its size from the literal.
  ag::Shape shape = declared;
  if (llvm::any_of(declared, [](int64_t d) { return d < 0; })) {
    shape = literalShape(text);
    bool fits = shape.size() == declared.size();
    for (size_t i = 0; fits && i < shape.size(); ++i)
      fits = shape[i] >= 0 && (declared[i] < 0 || declared[i] == shape[i]);
    if (!fits)
      feedError("the feed for '" + name + "' is not a value of its type " +
            typeString(dtype, declared));
  }
  ag::Tensor t = ag::Tensor::zeros(dtype, shape);
  void *data = t.rawMutableData();
  int64_t count = 0, capacity = ag::numElements(shape);
  std::string token;
  auto mismatch = [&](llvm::StringRef literal) {
    feedError("'" + literal.str() + "' in the feed for '" + name +
          "' is not a value of its type " + typeString(dtype, declared));
  };
  auto flush = [&] {
    std::string literal = llvm::StringRef(token).trim().str();
    token.clear();
    llvm::StringRef lit = literal;
    if (lit.empty())
      return;
    if (count++ >= capacity)
      return; // counted, reported below
    int64_t i = count - 1;
    switch (dtype) {
    case ag::DType::Bool:
      if (lit != "true" && lit != "false" && lit != "0" && lit != "1")
        mismatch(lit);
      static_cast<bool *>(data)[i] = lit == "true" || lit == "1";
      break;
    case ag::DType::Int32:
    case ag::DType::Int64: {
      int64_t v;
      if (lit.getAsInteger(10, v) ||
          (dtype == ag::DType::Int32 && (v < INT32_MIN || v > INT32_MAX)))
        mismatch(lit);
      if (dtype == ag::DType::Int32)
        static_cast<int32_t *>(data)[i] = static_cast<int32_t>(v);
      else
        static_cast<int64_t *>(data)[i] = v;
      break;
    }
    case ag::DType::Float32:
    case ag::DType::Float64: {
      double v;
      if (lit.getAsDouble(v))
        mismatch(lit);
      if (dtype == ag::DType::Float32)
        static_cast<float *>(data)[i] = static_cast<float>(v);
      else
        static_cast<double *>(data)[i] = v;
      break;
    }
    }
  };
  for (char c : text) {
    if (c == '[' || c == ']' || c == ',')
      flush();
    else
      token += c;
  }
  flush();
  if (count != capacity)
    feedError("the feed for '" + name + "' has " + std::to_string(count) +
          " elements, but its type " + typeString(dtype, shape) + " has " +
          std::to_string(capacity));
  return t;
}

/// Whether `fetches` name a list (a named !ag.list value), with every
/// fetch and feed name known (else Graph::run reports the unknown one).
bool fetchesList(const ag::detail::GraphImpl &g,
                 const std::vector<std::string> &fetches,
                 const std::map<std::string, ag::Tensor> &feeds) {
  bool anyList = false;
  for (const std::string &name : fetches) {
    auto it = g.values.find(name);
    if (it == g.values.end())
      return false;
    anyList |= g.program->slot(it->second).isList;
  }
  for (const auto &[name, t] : feeds)
    if (llvm::none_of(g.inputs,
                      [&](const auto &in) { return in.name == name; }))
      return false;
  return anyList;
}

/// "list[1, [2, 3]]": a list's elements, each printed like a tensor.
std::string listString(const ag::exec::List &l) {
  std::string out = "list[";
  std::vector<ag::Tensor> elements = l.elements();
  for (size_t i = 0; i < elements.size(); ++i)
    out += (i ? ", " : "") + ag::toString(elements[i]);
  return out + "]";
}

/// Graph::run returns tensors only, so fetches that include a list run on
/// the graph's session directly, checking feeds the way Graph::run does.
std::map<std::string, std::string>
runWithLists(ag::detail::GraphImpl &g, const std::vector<std::string> &fetches,
             const std::map<std::string, ag::Tensor> &feeds,
             const ag::RunOptions &options) {
  std::vector<ag::Tensor> feedList(g.inputs.size());
  for (size_t i = 0; i < g.inputs.size(); ++i)
    if (auto it = feeds.find(g.inputs[i].name); it != feeds.end())
      feedList[i] = g.checkFeed(i, it->second);
  std::vector<ag::exec::SlotId> slots;
  for (const std::string &name : fetches)
    slots.push_back(g.values.at(name));
  std::lock_guard<std::mutex> lock(g.mutex);
  std::vector<ag::exec::Value> values;
  try {
    values = g.session->run(slots, feedList, options);
  } catch (...) {
    g.stats = g.session->lastRunStats();
    throw;
  }
  g.stats = g.session->lastRunStats();
  std::map<std::string, std::string> out;
  for (size_t i = 0; i < fetches.size(); ++i) {
    const ag::exec::Value &v = values[i];
    out[fetches[i]] = v.isList()     ? listString(v.list())
                      : v.isTensor() ? ag::toString(v.tensor())
                                     : "<token>";
  }
  return out;
}

bool jsonDiagnostics = false;

void report(const ag::Error &e) {
  if (jsonDiagnostics)
    std::cerr << e.diagnostic().toJSON() << "\n";
  else
    std::cerr << e.diagnostic().render(ag::useColor());
}

} // namespace

int run(const Options &opts);

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  // InitLLVM makes a failed `new` abort ("LLVM ERROR: out of memory"); a
  // graph too large for memory must be an error like any other.
  std::set_new_handler(nullptr);
  Options opts = parseArgs(argc, argv);
  jsonDiagnostics = opts.json;
  try {
    return run(opts);
  } catch (const ag::Error &e) {
    report(e);
  } catch (const std::bad_alloc &) {
    std::cerr << "ag-run: error: out of memory\n";
  } catch (const std::exception &e) {
    std::cerr << "ag-run: error: " << e.what() << "\n";
  }
  return 1;
}

int run(const Options &opts) {

  std::optional<ag::Graph> graph;
  try {
    ag::LoadOptions load;
    load.sourceDirs = opts.sourceDirs;
    graph.emplace(ag::Graph::load(opts.input, load));
  } catch (const ag::Error &e) {
    report(e);
    return 1;
  }

  if (!opts.dot.empty()) {
    std::ofstream out(opts.dot);
    out << graph->dot();
    if (!out)
      fatal("cannot write '" + opts.dot + "'");
  }

  std::map<std::string, ag::Tensor> feeds;
  const auto &inputs = graph->impl()->inputs;
  for (const std::string &arg : opts.feeds) {
    auto [name, value] = llvm::StringRef(arg).split('=');
    if (name.empty() || value.empty())
      fatal("expected --feed name=value, got '" + arg + "'");
    auto it = std::find_if(inputs.begin(), inputs.end(),
                           [&](const auto &in) { return in.name == name; });
    // An unknown name is reported by Graph::run, with the close names.
    try {
      feeds[name.str()] =
          it == inputs.end()
              ? ag::Tensor(0)
              : parseFeed(name.str(), value, it->dtype, it->shape);
    } catch (const FeedError &e) {
      fatal(e.what());
    }
  }

  ag::RunOptions options;
  options.threads = opts.threads;
  options.verbose = opts.verbose;
  options.maxIterations = opts.maxIterations;
  options.timeout = opts.timeout;
  options.maxBytes = opts.maxBytes;
  std::vector<std::string> fetches = opts.fetches;
  std::map<std::string, std::string> printed;
  try {
    if (fetchesList(*graph->impl(), fetches, feeds)) {
      printed = runWithLists(*graph->impl(), fetches, feeds, options);
    } else {
      for (auto &[name, t] : graph->run(fetches, feeds, options))
        printed[name] = t.defined() ? ag::toString(t) : "<token>";
    }
  } catch (const ag::Error &e) {
    report(e);
    return 1;
  }
  if (fetches.empty())
    fetches = graph->outputNames();
  std::cout.flush();
  for (const std::string &name : fetches)
    std::cout << name << " = " << printed[name] << "\n";
  if (opts.stats) {
    std::cout.flush(); // keep the counters after the values when merged
    const ag::RunStats &s = graph->lastRunStats();
    std::cerr << "ops executed: " << s.opsExecuted
              << ", buffers released: " << s.buffersReleased
              << ", peak live bytes: " << s.peakLiveBytes << "\n";
  }
  return 0;
}
