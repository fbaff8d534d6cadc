//===- NativeRun.cpp - Runs on the native backend -------------------------===//
//
// GraphImpl::evaluateNative: the backend choice of RunOptions, and a run of
// the graph's compiled code when it applies. Everything the native code
// cannot honour goes to the interpreter: partial fetches (laziness), run
// budgets, logging and profiling, and evaluation errors (re-run so the
// interpreter reports them with their location and loop iteration).
//
//===----------------------------------------------------------------------===//

#include "GraphImpl.h"

#include "ag/Native/Native.h"

#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstdlib>
#include <cstring>

namespace ag::detail {

namespace {

RunOptions::Backend backendFor(const RunOptions &options) {
  // Read once: the environment sets the backend for the whole process.
  static const std::optional<RunOptions::Backend> fromEnv =
      []() -> std::optional<RunOptions::Backend> {
    const char *env = std::getenv("AG_BACKEND");
    if (!env || !*env)
      return std::nullopt;
    if (!std::strcmp(env, "native"))
      return RunOptions::Backend::Native;
    if (!std::strcmp(env, "auto"))
      return RunOptions::Backend::Auto;
    if (!std::strcmp(env, "interpreter"))
      return RunOptions::Backend::Interpreter;
    llvm::errs() << "ag: warning: AG_BACKEND='" << env
                 << "' is not interpreter, native or auto; ignored\n";
    return std::nullopt;
  }();
  return fromEnv ? *fromEnv : options.backend;
}

bool envSet(const char *name) {
  const char *v = std::getenv(name);
  return v && *v;
}

/// Whether the run asks for something only the evaluator does.
bool needsInterpreter(const RunOptions &options) {
  return options.verbose || options.maxIterations || options.timeout ||
         !options.profile.empty() || options.profileSummary ||
         !options.store.empty() || envSet("AG_MAX_ITERATIONS") ||
         envSet("AG_TIMEOUT") || envSet("AG_PROFILE") || envSet("AG_STORE");
}

} // namespace

std::optional<std::vector<exec::Value>>
GraphImpl::evaluateNative(const std::vector<exec::SlotId> &fetches,
                          const std::vector<Tensor> &feeds,
                          const RunOptions &options) {
  RunOptions::Backend backend = backendFor(options);
  if (backend == RunOptions::Backend::Interpreter ||
      needsInterpreter(options) || fetches != everything())
    return std::nullopt;
  if (backend == RunOptions::Backend::Auto && ++runs < 3)
    return std::nullopt;
  if (!nativeTried) {
    nativeTried = true;
    auto compiled = native::NativeFunction::compile(*module, func.getSymName());
    if (compiled) {
      native = std::move(*compiled);
    } else {
      std::string why = llvm::toString(compiled.takeError());
      if (backend == RunOptions::Backend::Native)
        llvm::errs() << why << "\n";
    }
  }
  if (!native)
    return std::nullopt;

  auto start = std::chrono::steady_clock::now();
  std::vector<exec::Scalar> args, results;
  args.reserve(feeds.size());
  for (const Tensor &feed : feeds) {
    if (!feed.defined() || feed.isStaged() || feed.rank() != 0)
      return std::nullopt;
    args.push_back(exec::Scalar::fromTensor(feed));
  }
  if (!native->run(args, results))
    return std::nullopt; // an evaluation error: the interpreter reports it
  std::vector<exec::Value> values(results.begin(), results.end());
  if (hasFinalToken)
    values.push_back(exec::Value::token());
  stats = RunStats();
  stats.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return values;
}

} // namespace ag::detail
