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

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cstdlib>
#include <cxxabi.h>
#include <map>
#include <memory>
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
  std::unordered_map<const void *, std::vector<std::string>> positions;
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

bool registerTensorPositions(const void *original,
                             std::initializer_list<const char *> names) {
  Registry &r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  r.positions[original].assign(names.begin(), names.end());
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

//===----------------------------------------------------------------------===//
// Converted member functions
//===----------------------------------------------------------------------===//

namespace {
/// Methods by the bytes of their pointer-to-member. Each gets a key of its
/// own (the address of its entry's `key`), registered as its own twin so
/// that ag::function's machinery (names, missing twins) applies as is.
struct MethodEntry {
  char key = 0;
};
std::map<std::string, std::unique_ptr<MethodEntry>> &methods() {
  static std::map<std::string, std::unique_ptr<MethodEntry>> table;
  return table;
}

SelfBinding *&currentBinding() {
  thread_local SelfBinding *binding = nullptr;
  return binding;
}
} // namespace

const void *registerMethodTwin(const void *memberPointer, size_t size,
                               const char *name, const char *file,
                               unsigned line) {
  std::string bytes(static_cast<const char *>(memberPointer), size);
  const void *key;
  {
    std::lock_guard<std::mutex> lock(registry().mutex);
    auto &entry = methods()[bytes];
    if (!entry)
      entry = std::make_unique<MethodEntry>();
    key = &entry->key;
  }
  registerTwin(key, key, name, file, line);
  return key;
}

const void *lookupMethodTwin(const void *memberPointer, size_t size) {
  std::string bytes(static_cast<const char *>(memberPointer), size);
  std::lock_guard<std::mutex> lock(registry().mutex);
  auto it = methods().find(bytes);
  return it == methods().end() ? nullptr : &it->second->key;
}

void missingMethodTwin(const char *className) {
  Diagnostic diag;
  diag.phase = Diagnostic::Phase::Trace;
  int status = 0;
  char *demangled = abi::__cxa_demangle(className, nullptr, nullptr, &status);
  std::string cls = demangled ? demangled : className;
  std::free(demangled);
  diag.message = "ag::method: this member function of '" + cls +
                 "' has no graph twin: either it is not AG_CONVERT (mark its "
                 "declaration AG_CONVERT), or the file defining it was not "
                 "converted (add it to ag_convert(<target> SOURCES ...))";
  throw Error(std::move(diag));
}

SelfBinding::SelfBinding(void *root, size_t size, SelfLayout *probe)
    : root_(static_cast<char *>(root)), size_(size), probe_(probe),
      saved_(currentBinding()) {
  currentBinding() = this;
}

SelfBinding::~SelfBinding() {
  currentBinding() = saved_;
  // A probing trace read the members as they are and may have assigned
  // staged values to them: give the object its values back.
  for (auto &[ptr, value] : llvm::reverse(savedTensors_))
    *ptr = std::move(value);
  for (auto &[ptr, value] : llvm::reverse(savedVectors_))
    *ptr = std::move(value);
}

SelfScope::SelfScope(const void *self,
                     std::initializer_list<SelfMember> members) {
  SelfBinding *binding = currentBinding();
  if (!binding || !binding->probe_ || !trace::TraceBuilder::active())
    return;
  const char *begin = binding->root_, *end = begin + binding->size_;
  const char *object = static_cast<const char *>(self);
  // Only state inside the bound object has an address that stays valid
  // from call to call.
  if (object < begin || object >= end)
    return;
  std::vector<SelfLayout::Member> &layout = binding->probe_->members;
  for (const SelfMember &member : members) {
    const char *at = static_cast<const char *>(member.ptr);
    if (at < begin || at + member.size > end)
      continue;
    size_t offset = at - begin;
    if (llvm::any_of(layout, [&](const SelfLayout::Member &m) {
          return m.offset == offset && m.kind == member.kind;
        }))
      continue;
    // Names are graph input names: keep them unique.
    std::string name = member.name;
    if (llvm::any_of(layout, [&](const SelfLayout::Member &m) {
          return m.name == name;
        }))
      name += "@" + std::to_string(offset);
    layout.push_back({member.kind, name, offset, member.size});
    // The object is not const: ag::method binds a non-const reference.
    if (member.kind == SelfMember::TensorMember) {
      auto *ptr = const_cast<Tensor *>(static_cast<const Tensor *>(member.ptr));
      binding->savedTensors_.push_back({ptr, *ptr});
    } else if (member.kind == SelfMember::VectorMember) {
      auto *ptr = const_cast<std::vector<Tensor> *>(
          static_cast<const std::vector<Tensor> *>(member.ptr));
      binding->savedVectors_.push_back({ptr, *ptr});
    }
  }
}

} // namespace ag::detail

namespace ag::trace {

std::string registeredName(const void *original) {
  detail::Registry &r = detail::registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto it = r.twins.find(original);
  return it == r.twins.end() ? std::string() : it->second.name;
}

std::vector<std::string> tensorPositionNames(const void *original) {
  detail::Registry &r = detail::registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto it = r.positions.find(original);
  return it == r.positions.end() ? std::vector<std::string>() : it->second;
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
