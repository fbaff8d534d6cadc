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

#include "ag/staging.h"

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

void missingTwin(const char *name) {
  std::vector<trace::Scope> &stack = trace::scopeStack();
  // At the calling statement, with the chain of converted calls; the same
  // error whether the caller is traced or runs eagerly.
  Diagnostic diag = trace::TraceBuilder::diagnose(
      trace::sourceLocOf(stack.empty() ? Loc{} : stack.back().here()),
      std::string("'") + name +
          "' is AG_CONVERT but its twin is not registered: the file defining "
          "it was not converted (add it to ag_convert(... SOURCES ...))");
  if (!trace::TraceBuilder::active())
    diag.phase = Diagnostic::Phase::Evaluation;
  throw Error(std::move(diag));
}

} // namespace ag::detail

namespace ag::trace {

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
