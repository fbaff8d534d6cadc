//===- agsmith_harness.h - Runs generated functions eagerly and as graphs -===//
//
// Included at the end of every translation unit agsmith.py generates. Each
// generated function runs on each of its inputs three ways: eagerly, as a
// graph through ag::function (the default evaluator, scalar register code
// included) and as the same graph on the general evaluator. Values (dtype,
// shape and bits; any NaN equals any NaN), everything printed to stdout and
// whether the call failed (and the failure's message) must agree. A
// difference prints "MISMATCH seed=<seed> ..." to stderr; run.py collects
// those lines and shows the program.
//
//===----------------------------------------------------------------------===//
#ifndef AGSMITH_HARNESS_H
#define AGSMITH_HARNESS_H

#include <ag/ag.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <streambuf>
#include <string>
#include <tuple>
#include <unistd.h>
#include <vector>

namespace agsmith {

/// What one call did.
struct Outcome {
  bool threw = false;
  std::string error; // the first line's message, without its location
  ag::Tensor value;
  std::string printed;
};

/// Captures file descriptor 1, so printf, std::cout and the runtime's graph
/// prints (whatever they write through) are all seen, in order.
class CaptureStdout {
public:
  CaptureStdout() {
    std::fflush(stdout);
    std::cout.flush();
    file_ = std::tmpfile();
    saved_ = dup(1);
    dup2(fileno(file_), 1);
  }
  std::string finish() {
    std::fflush(stdout);
    std::cout.flush();
    dup2(saved_, 1);
    close(saved_);
    std::string out;
    std::rewind(file_);
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, file_)) > 0)
      out.append(buf, n);
    std::fclose(file_);
    return out;
  }

private:
  FILE *file_;
  int saved_;
};

/// The message of an ag::Error without its location and source excerpt:
/// eager errors carry no location, graph errors do.
inline std::string messageOf(const std::exception &e) {
  std::string s = e.what();
  s = s.substr(0, s.find('\n'));
  if (!s.empty() && s.back() == ':')
    s.pop_back();
  size_t at = s.find("error: ");
  return at == std::string::npos ? s : s.substr(at + 7);
}

inline Outcome observe(const std::function<ag::Tensor()> &call) {
  Outcome out;
  CaptureStdout capture;
  try {
    out.value = call();
  } catch (const std::exception &e) {
    out.threw = true;
    out.error = messageOf(e);
  }
  out.printed = capture.finish();
  return out;
}

/// Same dtype, shape and bits (any NaN equals any NaN; -0 differs from 0).
inline bool sameBits(const ag::Tensor &a, const ag::Tensor &b) {
  if (!a.defined() || !b.defined())
    return a.defined() == b.defined();
  if (a.isStaged() || b.isStaged() || a.dtype() != b.dtype() ||
      a.shape() != b.shape())
    return false;
  size_t size = ag::dtypeSize(a.dtype());
  const char *pa = static_cast<const char *>(a.rawData());
  const char *pb = static_cast<const char *>(b.rawData());
  for (int64_t i = 0; i < a.numel(); ++i) {
    if (ag::isFloat(a.dtype()) && std::isnan(a.elementAsDouble(i)) &&
        std::isnan(b.elementAsDouble(i)))
      continue;
    if (std::memcmp(pa + i * size, pb + i * size, size) != 0)
      return false;
  }
  return true;
}

inline std::string describe(const Outcome &o) {
  std::ostringstream os;
  if (o.threw) {
    os << "<threw: " << o.error << ">";
  } else if (!o.value.defined()) {
    os << "<undefined tensor>";
  } else if (o.value.isStaged()) {
    os << "<staged tensor>";
  } else {
    os << ag::dtypeName(o.value.dtype()) << ag::shapeToString(o.value.shape())
       << " " << o.value;
    if (ag::isFloat(o.value.dtype())) {
      os << " (bits";
      for (int64_t i = 0; i < o.value.numel(); ++i) {
        char buf[32];
        std::snprintf(buf, sizeof buf, " %a", o.value.elementAsDouble(i));
        os << buf;
      }
      os << ")";
    }
  }
  if (!o.printed.empty()) {
    os << " printing \"";
    for (char c : o.printed)
      if (c == '\n')
        os << "\\n";
      else
        os << c;
    os << "\"";
  }
  return os.str();
}

inline std::string sameAs(const Outcome &eager, const Outcome &other) {
  if (eager.threw != other.threw)
    return "one failed";
  if (eager.threw && eager.error != other.error)
    return "failure messages differ";
  if (!eager.threw && !sameBits(eager.value, other.value))
    return "values differ";
  if (eager.printed != other.printed)
    return "printed output differs";
  return "";
}

class NullBuf : public std::streambuf {
protected:
  int overflow(int c) override { return c; }
};

/// HOOK(eval): evaluate `graph` on the general (not scalar-register)
/// evaluator. Today the only way to force it is verbose mode (it disables
/// ScalarCode, see runtime/exec/Evaluator.cpp Run::runControl), logging to a
/// null stream; replace this with the evaluator switch `eval` is adding.
inline std::vector<ag::Tensor> runGeneral(ag::Graph graph,
                                          const std::vector<ag::Tensor> &args) {
  static NullBuf nullBuf;
  static std::ostream nullStream(&nullBuf);
  ag::RunOptions options;
  options.verbose = true;
  options.log = &nullStream;
  std::map<std::string, ag::Tensor> feeds;
  std::vector<std::string> names = graph.inputNames();
  for (size_t i = 0; i < names.size() && i < args.size(); ++i)
    feeds[names[i]] = args[i];
  std::map<std::string, ag::Tensor> out = graph.run({}, feeds, options);
  std::vector<ag::Tensor> results;
  for (const std::string &name : graph.outputNames())
    results.push_back(out[name]);
  return results;
}

template <typename T>
void collectTensor(std::vector<ag::Tensor> &v, const T &x) {
  if constexpr (std::is_same_v<T, ag::Tensor>)
    v.push_back(x);
}

class Runner {
public:
  Runner(int argc, char **argv) {
    for (int i = 1; i < argc; ++i)
      if (std::string(argv[i]) == "--no-general")
        general_ = false;
    if (const char *env = std::getenv("AGSMITH_NO_GENERAL"))
      general_ = std::string(env) != "1";
  }

  template <typename... A>
  void check(long seed, ag::Tensor (*f)(A...),
             const std::vector<std::tuple<A...>> &inputs) {
    std::fprintf(stderr, "BEGIN seed=%ld\n", seed);
    std::fflush(stderr);
    ++functions_;
    auto graph = ag::function(f);
    for (size_t i = 0; i < inputs.size(); ++i) {
      const auto &args = inputs[i];
      Outcome eager = observe([&] { return std::apply(f, args); });
      Outcome lazy = observe([&] { return std::apply(graph, args); });
      report(seed, i, "graph", eager, lazy);
      if (!general_)
        continue;
      Outcome gen = observe([&] {
        ag::Graph g = std::apply(
            [&](const auto &...a) { return graph.graph(a...); }, args);
        std::vector<ag::Tensor> tensors;
        std::apply([&](const auto &...a) { (collectTensor(tensors, a), ...); },
                   args);
        return runGeneral(g, tensors).at(0);
      });
      report(seed, i, "general", eager, gen);
    }
    std::fprintf(stderr, "END seed=%ld\n", seed);
    std::fflush(stderr);
  }

  int finish() {
    std::fprintf(stderr, "DONE functions=%ld calls=%ld mismatches=%ld\n",
                 functions_, calls_, mismatches_);
    return mismatches_ ? 1 : 0;
  }

private:
  void report(long seed, size_t input, const char *mode, const Outcome &eager,
              const Outcome &other) {
    ++calls_;
    std::string why = sameAs(eager, other);
    if (why.empty())
      return;
    ++mismatches_;
    std::fprintf(stderr,
                 "MISMATCH seed=%ld input=%zu mode=%s: %s\n  eager: %s\n  %s: "
                 "%s\n",
                 seed, input, mode, why.c_str(), describe(eager).c_str(), mode,
                 describe(other).c_str());
    std::fflush(stderr);
  }

  bool general_ = true;
  long functions_ = 0, calls_ = 0, mismatches_ = 0;
};

} // namespace agsmith

#endif // AGSMITH_HARNESS_H
