//===- ag-run.cpp - Evaluate a saved ag graph -----------------------------===//
//
//   ag-run graph.mlir --feed a=27 --fetch counter [--threads N] [--verbose]
//                     [--dot out.dot] [--stats] [--source-dir DIR]...
//                     [--profile trace.json] [--profile-summary]
//   ag-run --inspect store-dir [--run N] [--show NAME] [--gc --keep N]
//                     [--store dir]
//
// Prints `name = value` per fetch (all results when no --fetch is given,
// which also runs every effect on the taken paths). A malformed graph prints
// its MLIR diagnostics and exits 1 before anything runs; an evaluation error
// prints the diagnostic at the user's source line and exits 1.
//
//===----------------------------------------------------------------------===//

#include "ag/Error.h"
#include "ag/Graph.h"
#include "ag/Store.h"

#include "common/ToolSupport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <dlfcn.h>
#include <fstream>
#include <iostream>
#include <limits>
#include <new>
#include <stdexcept>

namespace {

llvm::cl::OptionCategory runCategory("ag-run options");

/// ag-run's command line. Constructed in main (see parseArgs): libLLVM
/// registers options of its own under some of these names.
struct Options {
  llvm::cl::opt<std::string> input{llvm::cl::Positional,
                                   llvm::cl::desc("<graph.mlir>"),
                                   llvm::cl::cat(runCategory)};
  llvm::cl::list<std::string> feeds{
      "feed", llvm::cl::value_desc("name=value"),
      llvm::cl::desc("Bind a parameter; value is a number, true/false or a "
                     "[..] list"),
      llvm::cl::cat(runCategory)};
  llvm::cl::list<std::string> fetchArgs{
      "fetch", llvm::cl::value_desc("name[,name]"),
      llvm::cl::desc("A result (result0, ...) or a named value (default: "
                     "every result and every effect on the taken paths)"),
      llvm::cl::cat(runCategory)};
  llvm::cl::opt<std::string> threadsArg{
      "threads", llvm::cl::value_desc("N"),
      llvm::cl::desc("Worker threads (default: AG_NUM_THREADS or the cores)"),
      llvm::cl::cat(runCategory)};
  llvm::cl::opt<std::string> maxIterationsArg{
      "max-iterations", llvm::cl::value_desc("N"),
      llvm::cl::desc("Fail a loop that runs more than N iterations"),
      llvm::cl::cat(runCategory)};
  llvm::cl::opt<std::string> timeoutArg{
      "timeout", llvm::cl::value_desc("seconds"),
      llvm::cl::desc("Fail the evaluation after this long"),
      llvm::cl::cat(runCategory)};
  llvm::cl::opt<std::string> maxMemoryArg{
      "max-memory", llvm::cl::value_desc("bytes"),
      llvm::cl::desc("Fail when live tensors exceed this (K/M/G suffix)"),
      llvm::cl::cat(runCategory)};
  llvm::cl::opt<bool> verbose{
      "verbose", llvm::cl::desc("Trace computing / running / released"),
      llvm::cl::cat(runCategory)};
  llvm::cl::opt<std::string> dot{"dot", llvm::cl::value_desc("out.dot"),
                                 llvm::cl::desc("Write the graph as Graphviz"),
                                 llvm::cl::cat(runCategory)};
  llvm::cl::opt<bool> printLowered{
      "print-lowered",
      llvm::cl::desc("Print the graph as the native backend lowers it "
                     "(func/arith/math/scf, remarks for what it declines) "
                     "and exit"),
      llvm::cl::cat(runCategory)};
  llvm::cl::opt<bool> stats{
      "stats",
      llvm::cl::desc("Print evaluation counters and wall time to stderr"),
      llvm::cl::cat(runCategory)};
  llvm::cl::opt<std::string> profile{
      "profile", llvm::cl::value_desc("trace.json"),
      llvm::cl::desc("Write a Chrome trace of the evaluation (one slice per "
                     "node; open in Perfetto or chrome://tracing)"),
      llvm::cl::cat(runCategory)};
  llvm::cl::opt<bool> profileSummary{
      "profile-summary",
      llvm::cl::desc("Print the 10 slowest nodes with their source lines to "
                     "stderr"),
      llvm::cl::cat(runCategory)};
  llvm::cl::opt<std::string> store{
      "store", llvm::cl::value_desc("dir"),
      llvm::cl::desc("Keep node results in this directory across runs (or "
                     "AG_STORE): stored results are not recomputed, and each "
                     "run is recorded in dir/runs"),
      llvm::cl::cat(runCategory)};
  llvm::cl::opt<std::string> backend{
      "backend", llvm::cl::value_desc("interpreter|native|auto"),
      llvm::cl::desc("What runs the graph (default: interpreter, or "
                     "AG_BACKEND): native compiles a scalar graph to machine "
                     "code; auto switches after two runs"),
      llvm::cl::init("interpreter"), llvm::cl::cat(runCategory)};
  llvm::cl::opt<std::string> diagnostics{
      "diagnostics", llvm::cl::value_desc("text|json"),
      llvm::cl::desc("Print errors as text or as JSON objects (for tools)"),
      llvm::cl::init("text"), llvm::cl::cat(runCategory)};
  llvm::cl::list<std::string> loads{
      "load", llvm::cl::value_desc("lib.so"),
      llvm::cl::desc("Load a shared library first: the AG_NODE functions it "
                     "registers become callable nodes"),
      llvm::cl::cat(runCategory)};
  llvm::cl::opt<std::string> inspect{
      "inspect", llvm::cl::value_desc("store-dir"),
      llvm::cl::desc("List the runs recorded in a store (no graph is run)"),
      llvm::cl::cat(runCategory)};
  llvm::cl::opt<std::string> runArg{
      "run", llvm::cl::value_desc("N"),
      llvm::cl::desc("With --inspect: list run N's nodes"),
      llvm::cl::cat(runCategory)};
  llvm::cl::opt<std::string> show{
      "show", llvm::cl::value_desc("name"),
      llvm::cl::desc("With --inspect: print a stored value of run N (default: "
                     "the newest run)"),
      llvm::cl::cat(runCategory)};
  llvm::cl::opt<bool> gc{
      "gc",
      llvm::cl::desc("With --inspect and --keep N: remove all but the N newest "
                     "runs and the values only they reference"),
      llvm::cl::cat(runCategory)};
  llvm::cl::opt<std::string> keepArg{
      "keep", llvm::cl::value_desc("N"),
      llvm::cl::desc("With --gc: how many runs to keep"),
      llvm::cl::cat(runCategory)};
  llvm::cl::list<std::string> sourceDirs{
      "source-dir", llvm::cl::value_desc("dir"),
      llvm::cl::desc("Errors may quote source lines from files under this "
                     "directory (default: none; the graph file names them)"),
      llvm::cl::cat(runCategory)};

  // Checked values of the options above.
  std::vector<std::string> fetches;
  int threads = 0;
  uint64_t maxIterations = 0, maxBytes = 0;
  double timeout = 0;
  bool json = false;
  int64_t run = -1;
  uint64_t keep = 0;
};

[[noreturn]] void usageError(const std::string &message) {
  std::cerr << "ag-run: error: " << message
            << "\nTry 'ag-run --help' for more information.\n";
  std::exit(1);
}

/// The options named in Options that libLLVM registers too ("threads" at
/// load time, "stats" when a command line is first parsed) are removed
/// first: ag-run's meanings win.
std::unique_ptr<Options> parseArgs(int argc, char **argv) {
  const char *name[] = {argv[0]};
  llvm::cl::ParseCommandLineOptions(1, name);
  for (llvm::StringRef taken : {"threads", "stats", "verbose", "timeout"}) {
    auto &registered = llvm::cl::getRegisteredOptions();
    if (auto it = registered.find(taken); it != registered.end())
      it->second->removeArgument();
  }
  auto o = std::make_unique<Options>();
  ag::tools::setVersionPrinter("ag-run");
  llvm::cl::HideUnrelatedOptions(runCategory);
  llvm::cl::ResetAllOptionOccurrences();
  llvm::cl::ParseCommandLineOptions(
      argc, argv,
      "Evaluates a saved ag graph: prints `name = value` per fetch.\n");

  if (!o->inspect.getNumOccurrences()) {
    for (llvm::cl::Option *store : std::initializer_list<llvm::cl::Option *>{
             &o->runArg, &o->show, &o->gc, &o->keepArg})
      if (store->getNumOccurrences())
        usageError("--" + store->ArgStr.str() + " needs --inspect store-dir");
  } else {
    if (!o->input.empty())
      usageError("--inspect reads a store; it takes no graph file (got '" +
                 o->input + "')");
    if (o->runArg.getNumOccurrences()) {
      const std::string &v = o->runArg;
      if (llvm::StringRef(v).getAsInteger(10, o->run) || o->run < 0)
        usageError("--run expects a run number, got '" + v + "'");
    }
    if (o->gc != static_cast<bool>(o->keepArg.getNumOccurrences()))
      usageError("--gc and --keep N go together");
    if (o->gc && (o->runArg.getNumOccurrences() || o->show.getNumOccurrences()))
      usageError("--gc takes no --run or --show");
    if (o->keepArg.getNumOccurrences()) {
      const std::string &v = o->keepArg;
      if (llvm::StringRef(v).getAsInteger(10, o->keep))
        usageError("--keep expects a number of runs, got '" + v + "'");
    }
  }
  if (o->input.empty() && !o->inspect.getNumOccurrences())
    usageError("no graph file given");
  for (const std::string &arg : o->fetchArgs) {
    llvm::SmallVector<llvm::StringRef> names;
    llvm::StringRef(arg).split(names, ',', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef n : names)
      o->fetches.push_back(n.trim().str());
  }
  if (o->threadsArg.getNumOccurrences()) {
    const std::string &v = o->threadsArg;
    if (llvm::StringRef(v).getAsInteger(10, o->threads) || o->threads < 0)
      usageError("--threads expects a non-negative integer, got '" + v + "'");
  }
  if (o->maxIterationsArg.getNumOccurrences()) {
    const std::string &v = o->maxIterationsArg;
    if (llvm::StringRef(v).getAsInteger(10, o->maxIterations) ||
        !o->maxIterations)
      usageError("--max-iterations expects a positive integer, got '" + v +
                 "'");
  }
  if (o->timeoutArg.getNumOccurrences()) {
    const std::string &v = o->timeoutArg;
    if (llvm::StringRef(v).getAsDouble(o->timeout) || !(o->timeout > 0) ||
        o->timeout > 1e9)
      usageError("--timeout expects a positive number of seconds, got '" + v +
                 "'");
  }
  if (o->maxMemoryArg.getNumOccurrences()) {
    const std::string &v = o->maxMemoryArg;
    llvm::StringRef digits = v;
    uint64_t scale = 1;
    if (digits.consume_back("K") || digits.consume_back("k"))
      scale = 1ull << 10;
    else if (digits.consume_back("M") || digits.consume_back("m"))
      scale = 1ull << 20;
    else if (digits.consume_back("G") || digits.consume_back("g"))
      scale = 1ull << 30;
    if (digits.getAsInteger(10, o->maxBytes) || !o->maxBytes ||
        o->maxBytes > UINT64_MAX / scale)
      usageError("--max-memory expects a positive number of bytes, got '" + v +
                 "'");
    o->maxBytes *= scale;
  }
  if (o->diagnostics != "json" && o->diagnostics != "text")
    usageError("--diagnostics expects 'text' or 'json', got '" +
               o->diagnostics + "'");
  o->json = o->diagnostics == "json";
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
  return std::string(ag::dtypeName(dtype)) + ag::shapeToString(shape);
}

/// A feed literal's structure: its leaves (the element texts, trimmed) and
/// the shape its brackets spell. Nested lists must be rectangular and every
/// element must sit at the same depth, so that "[1, 2, 3, 4]" is not a
/// [2, 2] value and "[0]" not a scalar. Iterative: a literal of a million
/// '[' cannot overflow the stack.
struct FeedLiteral {
  std::vector<llvm::StringRef> leaves;
  ag::Shape shape;
};

/// The shape of a parsed literal from the length of its lists at each depth
/// (`dims`, -1 where none closed) and the depth of its elements (-1: none).
ag::Shape literalShape(const std::vector<int64_t> &dims, int64_t leafDepth,
                       const ag::Shape &declared) {
  // The rank: the depth of the elements, or for an all-empty literal the
  // declared rank (its inner dims then come from the type, or are 0).
  size_t rank = leafDepth >= 0 ? static_cast<size_t>(leafDepth)
                               : std::max(dims.size(), declared.size());
  ag::Shape shape(dims.begin(), dims.begin() + std::min(dims.size(), rank));
  for (size_t d = shape.size(); d < rank; ++d)
    shape.push_back(d < declared.size() && declared[d] >= 0 ? declared[d] : 0);
  for (int64_t &d : shape)
    d = std::max<int64_t>(d, 0);
  return shape;
}

FeedLiteral parseLiteral(const std::string &name, llvm::StringRef text,
                         const ag::Shape &declared) {
  auto bad = [&](const std::string &why) {
    feedError("the feed for '" + ag::escapeControlChars(name) + "' " + why);
  };
  FeedLiteral lit;
  std::vector<int64_t> items; // per open list: items so far
  int64_t leafDepth = -1;     // the depth every element sits at
  // shape[d] once a list at depth d has closed; -1 before.
  std::vector<int64_t> dims;
  size_t i = 0, n = text.size();
  auto skipBlanks = [&] {
    while (i < n && std::isspace(static_cast<unsigned char>(text[i])))
      ++i;
  };
  bool expectValue = true; // after '[' or ',' (or at the start)
  bool closedTop = false;
  while (true) {
    skipBlanks();
    if (i == n)
      break;
    if (closedTop)
      bad("has text after its value: '" +
          ag::escapeControlChars(text.substr(i).str()) + "'");
    char c = text[i];
    if (c == '[') {
      if (!expectValue)
        bad("is missing a ',' before '['");
      items.push_back(0);
      if (dims.size() < items.size())
        dims.push_back(-1);
      ++i;
      continue;
    }
    if (c == ']') {
      if (items.empty())
        bad("has an unmatched ']'");
      if (expectValue && items.back() > 0)
        bad("has an empty element before ']'");
      size_t depth = items.size() - 1;
      if (dims[depth] < 0)
        dims[depth] = items.back();
      else if (dims[depth] != items.back())
        bad("is not rectangular: lists at depth " + std::to_string(depth) +
            " have " + std::to_string(dims[depth]) + " and " +
            std::to_string(items.back()) + " elements");
      if (items.back() == 0) {
        // "[]": no elements below, so the remaining dims come from the type.
        if (leafDepth >= 0 && leafDepth != static_cast<int64_t>(depth) + 1)
          bad("mixes lists and numbers at one depth");
      }
      items.pop_back();
      if (!items.empty())
        ++items.back();
      else
        closedTop = true;
      expectValue = false;
      ++i;
      continue;
    }
    if (c == ',') {
      if (expectValue || items.empty())
        bad("has a misplaced ','");
      expectValue = true;
      ++i;
      continue;
    }
    // An element: up to the next delimiter.
    if (!expectValue)
      bad("is missing a ',' between elements");
    size_t start = i;
    while (i < n && text[i] != '[' && text[i] != ']' && text[i] != ',')
      ++i;
    llvm::StringRef leaf = text.slice(start, i).trim();
    int64_t depth = static_cast<int64_t>(items.size());
    if (leafDepth < 0)
      leafDepth = depth;
    else if (leafDepth != depth)
      bad("mixes lists and numbers at one depth");
    lit.leaves.push_back(leaf);
    if (items.empty())
      closedTop = true;
    else
      ++items.back();
    expectValue = false;
  }
  if (!items.empty())
    bad("has an unmatched '['");
  if (lit.leaves.empty() && !closedTop)
    bad("is empty");
  if (leafDepth >= 0 && dims.size() > static_cast<size_t>(leafDepth))
    bad("mixes lists and numbers at one depth"); // "[[], 1]"
  lit.shape = literalShape(dims, leafDepth, declared);
  return lit;
}

ag::Tensor parseFeed(const std::string &name, llvm::StringRef text,
                     ag::DType dtype, const ag::Shape &declared) {
  FeedLiteral lit = parseLiteral(name, text, declared);
  bool fits = lit.shape.size() == declared.size();
  for (size_t i = 0; fits && i < declared.size(); ++i)
    fits = declared[i] < 0 || declared[i] == lit.shape[i];
  if (!fits)
    feedError("the feed for '" + ag::escapeControlChars(name) + "' has shape " +
              ag::shapeToString(lit.shape) + ", but its type is " +
              typeString(dtype, declared));
  ag::Tensor t = ag::Tensor::zeros(dtype, lit.shape);
  if (t.numel() != static_cast<int64_t>(lit.leaves.size()))
    feedError("the feed for '" + ag::escapeControlChars(name) + "' has " +
              std::to_string(lit.leaves.size()) + " elements, but its type " +
              typeString(dtype, lit.shape) + " has " +
              std::to_string(t.numel()));
  void *data = t.rawMutableData();
  auto mismatch = [&](llvm::StringRef literal) {
    feedError("'" + ag::escapeControlChars(literal.str()) +
              "' in the feed for '" + ag::escapeControlChars(name) +
              "' is not a value of its type " + typeString(dtype, declared));
  };
  for (size_t i = 0; i < lit.leaves.size(); ++i) {
    llvm::StringRef leaf = lit.leaves[i];
    switch (dtype) {
    case ag::DType::Bool:
      if (leaf != "true" && leaf != "false" && leaf != "0" && leaf != "1")
        mismatch(leaf);
      static_cast<bool *>(data)[i] = leaf == "true" || leaf == "1";
      break;
    case ag::DType::Int32:
    case ag::DType::Int64: {
      int64_t v;
      if (leaf.getAsInteger(10, v) ||
          (dtype == ag::DType::Int32 && (v < INT32_MIN || v > INT32_MAX)))
        mismatch(leaf);
      if (dtype == ag::DType::Int32)
        static_cast<int32_t *>(data)[i] = static_cast<int32_t>(v);
      else
        static_cast<int64_t *>(data)[i] = v;
      break;
    }
    case ag::DType::Float32:
    case ag::DType::Float64: {
      double v;
      if (leaf.getAsDouble(v))
        mismatch(leaf);
      // getAsDouble rounds 1e400 to infinity, and a float32 parameter would
      // make 1e39 one: only a literal infinity may become infinite.
      llvm::StringRef magnitude = leaf.ltrim("+-");
      bool literalInf = magnitude.equals_insensitive("inf") ||
                        magnitude.equals_insensitive("infinity");
      if (!literalInf &&
          (std::isinf(v) || (dtype == ag::DType::Float32 &&
                             std::fabs(v) > std::numeric_limits<float>::max())))
        feedError("'" + ag::escapeControlChars(leaf.str()) +
                  "' in the feed for '" + ag::escapeControlChars(name) +
                  "' is out of the range of its type " +
                  typeString(dtype, declared));
      if (dtype == ag::DType::Float32)
        static_cast<float *>(data)[i] = static_cast<float>(v);
      else
        static_cast<double *>(data)[i] = v;
      break;
    }
    }
  }
  return t;
}

/// "list[1, [2, 3]]": a list's elements, each printed like a tensor.
std::string listString(const std::vector<ag::Tensor> &elements) {
  std::string out = "list[";
  for (size_t i = 0; i < elements.size(); ++i)
    out += (i ? ", " : "") + ag::toString(elements[i]);
  return out + "]";
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
int inspect(const Options &opts);

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  // InitLLVM makes a failed `new` abort ("LLVM ERROR: out of memory"); a
  // graph too large for memory must be an error like any other.
  std::set_new_handler(nullptr);
  std::unique_ptr<Options> opts = parseArgs(argc, argv);
  jsonDiagnostics = opts->json;
  try {
    return opts->inspect.getNumOccurrences() ? inspect(*opts) : run(*opts);
  } catch (const ag::Error &e) {
    report(e);
  } catch (const std::bad_alloc &) {
    std::cerr << "ag-run: error: out of memory\n";
  } catch (const std::exception &e) {
    std::cerr << "ag-run: error: " << e.what() << "\n";
  }
  return 1;
}

namespace {

/// Loads the libraries named by --load (their static registrations run as
/// they load), then the graph. Null after reporting a malformed graph.
std::optional<ag::Graph> loadGraph(const Options &opts) {
  // A graph reaches only registered nodes: those of the libraries named
  // here.
  for (const std::string &lib : opts.loads)
    if (!dlopen(lib.c_str(), RTLD_NOW | RTLD_GLOBAL)) {
      const char *why = dlerror();
      usageError("cannot load '" + lib + "': " + (why ? why : "unknown"));
    }
  try {
    ag::LoadOptions load;
    load.sourceDirs.assign(opts.sourceDirs.begin(), opts.sourceDirs.end());
    load.maxBytes = opts.maxBytes; // constants are made while loading
    return ag::Graph::load(opts.input, load);
  } catch (const ag::Error &e) {
    report(e);
    return std::nullopt;
  }
}

/// The tensors of --feed name=value, typed as the graph's parameters.
std::map<std::string, ag::Tensor> parseFeeds(const Options &opts,
                                             const ag::Graph &graph) {
  std::map<std::string, ag::Tensor> feeds;
  const std::vector<ag::Parameter> inputs = graph.parameters();
  for (const std::string &arg : opts.feeds) {
    auto [name, value] = llvm::StringRef(arg).split('=');
    if (name.empty() || value.empty())
      fatal("expected --feed name=value, got '" + arg + "'");
    auto it = std::find_if(inputs.begin(), inputs.end(),
                           [&](const auto &in) { return in.name == name; });
    if (feeds.count(name.str()))
      fatal("--feed " + ag::escapeControlChars(name.str()) + " is given twice");
    // An unknown name is reported by Graph::run, with the close names.
    try {
      feeds[name.str()] = it == inputs.end() ? ag::Tensor(0)
                                             : parseFeed(name.str(), value,
                                                         it->dtype, it->shape);
    } catch (const FeedError &e) {
      fatal(e.what());
    }
  }
  return feeds;
}

ag::RunOptions runOptions(const Options &opts) {
  ag::RunOptions options;
  options.threads = opts.threads;
  options.verbose = opts.verbose;
  options.maxIterations = opts.maxIterations;
  options.timeout = opts.timeout;
  options.maxBytes = opts.maxBytes;
  options.profile = opts.profile;
  options.profileSummary = opts.profileSummary;
  options.store = opts.store;
  if (opts.backend == "native")
    options.backend = ag::RunOptions::Backend::Native;
  else if (opts.backend == "auto")
    options.backend = ag::RunOptions::Backend::Auto;
  else if (opts.backend != "interpreter")
    usageError("--backend must be interpreter, native or auto, not '" +
               opts.backend.getValue() + "'");
  return options;
}

/// --stats: the run's counters (and the store's) on stderr.
void printStats(const ag::RunStats &s) {
  std::cout.flush(); // keep the counters after the values when merged
  char ms[32];
  std::snprintf(ms, sizeof ms, "%.3f", s.seconds * 1e3);
  std::cerr << "ops executed: " << s.opsExecuted
            << ", buffers released: " << s.buffersReleased
            << ", peak live bytes: " << s.peakLiveBytes << ", wall time: " << ms
            << " ms\n";
  if (s.nativeCalls || s.nativeFallbacks || !s.nativeReasons.empty()) {
    std::cerr << "native: " << s.nativeCalls << " compiled calls, "
              << s.nativeFallbacks << " run by the interpreter instead\n";
    for (const std::string &why : s.nativeReasons)
      std::cerr << "  on the interpreter: " << why << "\n";
  }
  if (s.storeRun)
    std::cerr << "store: run " << s.storeRun
              << ", nodes cached: " << s.nodesCached
              << ", values read: " << s.valuesLoaded
              << ", values written: " << s.valuesStored << "\n";
}

} // namespace

int run(const Options &opts) {
  std::optional<ag::Graph> graph = loadGraph(opts);
  if (!graph)
    return 1;

  if (opts.printLowered) {
    std::cout << graph->loweredMlir();
    return 0;
  }

  if (!opts.dot.empty()) {
    std::ofstream out(opts.dot);
    out << graph->dot();
    if (!out)
      fatal("cannot write '" + opts.dot + "'");
  }

  std::map<std::string, ag::Tensor> feeds = parseFeeds(opts, *graph);
  ag::RunOptions options = runOptions(opts);
  std::vector<std::string> fetches = opts.fetches;
  std::map<std::string, std::string> printed;
  try {
    for (auto &[name, v] : graph->evaluate(fetches, feeds, options))
      printed[name] =
          v.kind == ag::FetchedValue::Kind::List     ? listString(v.elements)
          : v.kind == ag::FetchedValue::Kind::Tensor ? ag::toString(v.tensor)
                                                     : "<token>";
  } catch (const ag::Error &e) {
    report(e);
    // Where the time went up to the failure: a failed run is profiled too.
    if (opts.profileSummary)
      ag::printProfileSummary(std::cerr, graph->lastRunStats());
    return 1;
  }
  if (fetches.empty())
    fetches = graph->outputNames();
  std::cout.flush();
  for (const std::string &name : fetches)
    std::cout << name << " = " << printed[name] << "\n";
  const ag::RunStats &s = graph->lastRunStats();
  if (opts.stats || opts.verbose)
    printStats(s);
  if (opts.profileSummary) {
    std::cout.flush();
    ag::printProfileSummary(std::cerr, s);
  }
  return 0;
}

//===----------------------------------------------------------------------===//
// --inspect: the runs and values of a store (docs/store.md)
//===----------------------------------------------------------------------===//

namespace {

/// `text` (escaped: records are input) left-aligned in `width` columns;
/// wider text is kept whole, followed by one space.
std::string pad(const std::string &raw, size_t width) {
  std::string text = ag::escapeControlChars(raw);
  text.append(text.size() < width ? width - text.size() : 1, ' ');
  return text;
}

std::string runStatus(const ag::Run &run) {
  return run.status == "running" ? "running (or killed)" : run.status;
}

std::string errorLine(const ag::StoredError &e) {
  std::string where;
  if (!e.loc.file.empty()) {
    where = e.loc.file;
    if (e.loc.line)
      where += ":" + std::to_string(e.loc.line);
    if (e.loc.col)
      where += ":" + std::to_string(e.loc.col);
    where += ": ";
  }
  return where + ag::escapeControlChars(e.message);
}

std::string seconds(double s) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6f", s);
  return text;
}

void listRuns(const ag::Store &store) {
  std::vector<ag::Run> runs = store.runs();
  if (runs.empty()) {
    std::cout << "no runs in '" << store.dir() << "'\n";
    return;
  }
  std::cout << pad("run", 7) << pad("status", 21) << pad("program", 16)
            << pad("start", 26) << pad("end", 26) << "nodes\n";
  for (const ag::Run &run : runs) {
    size_t ran = 0, cached = 0;
    for (const ag::StoredNode &node : run.nodes) {
      ran += node.status == "ran" || node.status == "not-stored";
      cached += node.status == "cached";
    }
    std::cout << pad(std::to_string(run.id), 7) << pad(runStatus(run), 21)
              << pad(run.program, 16) << pad(run.start, 26)
              << pad(run.end.empty() ? "-" : run.end, 26) << run.nodes.size()
              << " (" << ran << " ran, " << cached << " cached)\n";
    if (run.error)
      std::cout << "       error: " << errorLine(*run.error) << "\n";
  }
}

void listNodes(const ag::Run &run) {
  std::cout << "run " << run.id << " (" << ag::escapeControlChars(run.program)
            << "): " << ag::escapeControlChars(runStatus(run)) << ", "
            << ag::escapeControlChars(run.start) << " to "
            << (run.end.empty() ? "-" : ag::escapeControlChars(run.end))
            << "\n";
  if (run.error)
    std::cout << "error: " << errorLine(*run.error) << "\n";
  std::cout << pad("node", 20) << pad("variable", 12) << pad("status", 11)
            << pad("seconds", 11) << pad("thread", 7) << pad("bytes", 10)
            << pad("location", 20) << "key\n";
  for (const ag::StoredNode &node : run.nodes)
    // A node in a loop: "step [12]", its iteration (outermost first).
    std::cout << pad(node.iteration.empty()
                         ? node.name
                         : node.name + " [" + node.iteration + "]",
                     20)
              << pad(node.variable.empty() ? "-" : node.variable, 12)
              << pad(node.status, 11) << pad(seconds(node.seconds), 11)
              << pad(node.thread < 0 ? "-" : std::to_string(node.thread), 7)
              << pad(std::to_string(node.bytes), 10)
              << pad(node.location.empty() ? "-" : node.location, 20)
              << (node.key.empty() ? "-" : ag::escapeControlChars(node.key))
              << "\n";
}

/// Prints `name = value` for tensors, scalars, lists and strings; for other
/// host values, their type and that ag-run has no printer for it.
void showValue(const ag::Store &store, const ag::Run &run,
               const std::string &name) {
  std::string key = run.keyOf(name);
  std::string type = store.typeOf(key);
  ag::detail::registerCodec<std::string>();
  bool printable = type == "tensor" || type == "scalar" || type == "list" ||
                   type == ag::detail::typeName<std::string>();
  if (!printable) {
    std::cout << ag::escapeControlChars(name) << ": a host value of type "
              << ag::escapeControlChars(type)
              << "; ag-run has no printer for it (read it with "
                 "ag::Store(dir).run("
              << run.id << ").value<T>(\"" << ag::escapeControlChars(name)
              << "\"))\n";
    return;
  }
  ag::exec::Value v = store.read(key);
  std::string text;
  if (v.isList())
    text = listString(v.list().elements());
  else if (v.isTensor())
    text = ag::toString(v.tensor());
  else if (const std::any *a = v.hostValue();
           a && std::any_cast<std::string>(a)) {
    text.clear();
    ag::appendJSONString(text, *std::any_cast<std::string>(a));
  }
  std::cout << ag::escapeControlChars(name) << " = " << text << "\n";
}

} // namespace

int inspect(const Options &opts) {
  ag::Store store(opts.inspect);
  if (opts.gc) {
    ag::GcResult r = store.gc(opts.keep);
    std::cout << "removed " << r.runsRemoved << " run"
              << (r.runsRemoved == 1 ? "" : "s") << " and " << r.valuesRemoved
              << " value" << (r.valuesRemoved == 1 ? "" : "s");
    if (r.temporariesRemoved)
      std::cout << " and " << r.temporariesRemoved << " temporary file"
                << (r.temporariesRemoved == 1 ? "" : "s")
                << " of writers that died";
    std::cout << " (" << r.bytesRemoved << " bytes)\n";
    return 0;
  }
  if (opts.run < 0 && opts.show.empty()) {
    listRuns(store);
    return 0;
  }
  ag::Run run;
  if (opts.run >= 0) {
    run = store.run(opts.run);
  } else {
    std::vector<ag::Run> runs = store.runs();
    if (runs.empty())
      fatal("no runs in '" + opts.inspect + "'");
    run = runs.back();
  }
  if (!opts.show.empty())
    showValue(store, run, opts.show);
  else
    listNodes(run);
  return 0;
}
