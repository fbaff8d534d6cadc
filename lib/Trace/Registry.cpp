//===- Registry.cpp - Twins of AG_CONVERT functions -----------------------===//
//
// ag-convert emits a static initializer per twin that registers it under
// the original function's address; ag::function looks it up. Initializers
// of different translation units may run on different threads (dlopen), so
// the table is locked.
//
//===----------------------------------------------------------------------===//

#include "Registry.h"
#include "TraceBuilder.h"

#include "ag/Trace/Trace.h"
#include "ag/staging.h"

#include "llvm/Support/Path.h"

#include <algorithm>
#include <mutex>
#include <string>
#include <unordered_map>

namespace ag::detail {

namespace {

struct TwinEntry {
  const void *twin;
  std::string name, file;
  unsigned line;
  size_t order; // of registration: overloads share a name
};

struct Registry {
  std::mutex mutex;
  std::unordered_map<const void *, TwinEntry> twins;
  size_t registered = 0;
};

Registry &registry() {
  static Registry instance; // constructed on first use by any initializer
  return instance;
}

} // namespace

bool registerTwin(const void *original, const void *twin, const char *name,
                  const char *file, unsigned line) {
  Registry &r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  r.twins[original] =
      TwinEntry{twin, name ? name : "", file ? file : "", line, r.registered++};
  return true;
}

const void *lookupTwin(const void *original) {
  Registry &r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto it = r.twins.find(original);
  return it == r.twins.end() ? nullptr : it->second.twin;
}

namespace {
/// An ag::Error at the calling twin's current statement, with the chain of
/// converted calls.
[[noreturn]] void failAtCall(std::string message) {
  std::vector<trace::Scope> &stack = trace::scopeStack();
  Diagnostic diag = trace::TraceBuilder::diagnose(
      trace::sourceLocOf(stack.empty() ? Loc{} : stack.back().here()),
      std::move(message));
  if (!trace::TraceBuilder::active())
    diag.phase = Diagnostic::Phase::Evaluation;
  throw Error(std::move(diag));
}

/// The originals whose twins callTwin is running while tracing, per thread.
std::vector<const void *> &tracedTwinCalls() {
  thread_local std::vector<const void *> calls;
  return calls;
}
/// "f -> g -> f": the converted functions being traced from the innermost
/// `name` on (the trace scopes name them), then `name` again.
std::string cycleThrough(llvm::StringRef name) {
  const std::vector<trace::Scope> &stack = trace::scopeStack();
  auto from =
      std::find_if(stack.rbegin(), stack.rend(),
                   [&](const trace::Scope &s) { return s.function == name; });
  std::string cycle;
  if (from != stack.rend())
    for (auto it = std::prev(from.base()); it != stack.end(); ++it)
      cycle += it->function + " -> ";
  return cycle + name.str();
}
} // namespace

void missingTwin(const char *name) {
  // The same error whether the caller is traced or runs eagerly.
  failAtCall(std::string("'") + name +
             "' is AG_CONVERT but its twin is not registered: the file "
             "defining it was not converted (add it to ag_convert(... "
             "SOURCES ...))");
}

TwinCall::TwinCall(const void *original, const char *name) {
  twin_ = lookupTwin(original);
  if (!twin_)
    missingTwin(name);
  // Eagerly, recursion ends when the user's code says so; traced, both
  // branches of every staged `if` are followed, so it never would.
  if (!trace::TraceBuilder::active())
    return;
  std::vector<const void *> &calls = tracedTwinCalls();
  if (std::find(calls.begin(), calls.end(), original) != calls.end())
    failAtCall(std::string("recursive call to converted function '") + name +
               "' (" + cycleThrough(name) +
               ", through a function pointer, a plain helper or another "
               "file) is not supported: tracing it would never end");
  calls.push_back(original);
  tracked_ = true;
}

TwinCall::~TwinCall() {
  if (tracked_)
    tracedTwinCalls().pop_back();
}

} // namespace ag::detail

namespace ag::trace {

std::string registeredName(const void *original) {
  detail::Registry &r = detail::registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto it = r.twins.find(original);
  return it == r.twins.end() ? std::string() : it->second.name;
}

bool hasTwinsFromFile(llvm::StringRef file) {
  detail::Registry &r = detail::registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  llvm::StringRef base = llvm::sys::path::filename(file);
  for (const auto &[original, entry] : r.twins)
    if (entry.file == file || llvm::sys::path::filename(entry.file) == base)
      return true;
  return false;
}

const void *lookupTwinByName(const std::string &name) {
  detail::Registry &r = detail::registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  const detail::TwinEntry *first = nullptr;
  for (const auto &[original, entry] : r.twins)
    if (entry.name == name && (!first || entry.order < first->order))
      first = &entry;
  return first ? first->twin : nullptr;
}

} // namespace ag::trace
