//===- ag-run.cpp - Evaluate a saved ag graph -----------------------------===//
//
//   ag-run graph.mlir --feed a=27 --fetch counter [--threads N] [--verbose]
//                     [--dot out.dot] [--stats]
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

#include <fstream>
#include <iostream>

namespace {

// libLLVM registers its own global `-threads` option, so ag-run parses its
// few flags itself instead of through llvm::cl.
struct Options {
  std::string input;
  std::vector<std::string> feeds, fetches;
  int threads = 0;
  bool verbose = false, stats = false, json = false;
  std::string dot;
};

constexpr const char *kUsage =
    "usage: ag-run <graph.mlir> [--feed name=value]... [--fetch name[,name]]...\n"
    "              [--threads N] [--verbose] [--dot out.dot] [--stats]\n"
    "  --feed     bind a parameter; value is a number, true/false or [..] list\n"
    "  --fetch    a result (result0, ...) or a named value (default: every\n"
    "             result and every effect on the taken paths)\n"
    "  --threads  worker threads (default: AG_NUM_THREADS or the cores)\n"
    "  --verbose  trace computing / running / released\n"
    "  --dot      write the graph as Graphviz\n"
    "  --stats    print evaluation counters to stderr\n"
    "  --diagnostics=json  print errors as JSON objects (for tools)\n";

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
    } else if (arg == "--verbose" || arg == "-verbose") {
      o.verbose = true;
    } else if (arg == "--stats" || arg == "-stats") {
      o.stats = true;
    } else if (flag == "--diagnostics") {
      std::string v = value();
      if (v != "json" && v != "text")
        usageError("--diagnostics expects 'text' or 'json', got '" + v + "'");
      o.json = v == "json";
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

[[noreturn]] void fatal(const std::string &message) {
  std::cerr << "ag-run: error: " << message << "\n";
  std::exit(1);
}

/// Parses `text` ("27", "-2.5", "true", "[[1, 2], [3, 4]]") into a tensor of
/// the parameter's type. Each element must be a literal of that type: a value
/// that would be truncated or wrap (2.5 or 1e20 for an int64 parameter) is
/// an error, never silently converted.
ag::Tensor parseFeed(const std::string &name, llvm::StringRef text,
                     ag::DType dtype, const ag::Shape &shape) {
  ag::Tensor t = ag::Tensor::zeros(dtype, shape);
  void *data = t.rawMutableData();
  int64_t count = 0, capacity = ag::numElements(shape);
  std::string token;
  auto mismatch = [&](llvm::StringRef literal) {
    fatal("'" + literal.str() + "' in the feed for '" + name +
          "' is not a value of its type " + ag::dtypeName(dtype) +
          ag::shapeToString(shape));
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
    fatal("the feed for '" + name + "' has " + std::to_string(count) +
          " elements, but its type " + ag::dtypeName(dtype) +
          ag::shapeToString(shape) + " has " + std::to_string(capacity));
  return t;
}

bool jsonDiagnostics = false;

void report(const ag::Error &e) {
  if (jsonDiagnostics)
    std::cerr << e.diagnostic().toJSON() << "\n";
  else
    std::cerr << e.diagnostic().render(ag::useColor());
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  Options opts = parseArgs(argc, argv);
  jsonDiagnostics = opts.json;

  std::optional<ag::Graph> graph;
  try {
    graph.emplace(ag::Graph::load(opts.input));
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
    feeds[name.str()] = it == inputs.end()
                            ? ag::Tensor(0)
                            : parseFeed(name.str(), value, it->dtype, it->shape);
  }

  ag::RunOptions options;
  options.threads = opts.threads;
  options.verbose = opts.verbose;
  std::vector<std::string> fetches = opts.fetches;
  std::map<std::string, ag::Tensor> results;
  try {
    results = graph->run(fetches, feeds, options);
  } catch (const ag::Error &e) {
    report(e);
    return 1;
  }
  if (fetches.empty())
    fetches = graph->outputNames();
  std::cout.flush();
  for (const std::string &name : fetches) {
    const ag::Tensor &t = results[name];
    std::cout << name << " = ";
    if (t.defined())
      std::cout << t;
    else
      std::cout << "<token>";
    std::cout << "\n";
  }
  if (opts.stats) {
    std::cout.flush(); // keep the counters after the values when merged
    const ag::RunStats &s = graph->lastRunStats();
    std::cerr << "ops executed: " << s.opsExecuted
              << ", buffers released: " << s.buffersReleased
              << ", peak live bytes: " << s.peakLiveBytes << "\n";
  }
  return 0;
}
