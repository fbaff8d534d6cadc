//===- HostNode.cpp - Registered AG_NODE functions ------------------------===//
#include "ag/runtime/HostNode.h"

#include "ag/detail/TensorImpl.h"
#include "ag/runtime/Kernels.h"

#include <algorithm>
#include <cstdlib>
#include <cxxabi.h>
#include <map>
#include <mutex>
#include <typeinfo>
#include <unordered_map>

namespace ag::exec {
namespace {
struct Registry {
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<const HostNodeEntry>> nodes;
  std::unordered_map<uint64_t, std::shared_ptr<const std::any>> constants;
  std::unordered_map<const void *, int> retries;
  std::unordered_map<const void *, std::pair<DType, Shape>> tensorResults;
  std::map<std::string, std::string> fingerprints;
  std::map<std::string, CatchMatcher> catchTypes;
  uint64_t nextConstant = 1;
};
Registry &registry() {
  static Registry *r = new Registry; // outlives static destructors
  return *r;
}

std::string demangle(const char *mangled) {
  int status = 0;
  char *name = abi::__cxa_demangle(mangled, nullptr, nullptr, &status);
  std::string out = status == 0 && name ? name : mangled;
  std::free(name);
  return out;
}
} // namespace

bool registerHostNode(HostNodeEntry entry) {
  Registry &r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  std::string name = entry.name;
  r.nodes.emplace(std::move(name),
                  std::make_shared<const HostNodeEntry>(std::move(entry)));
  return true;
}

std::shared_ptr<const HostNodeEntry> findHostNode(const std::string &name) {
  Registry &r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto it = r.nodes.find(name);
  return it == r.nodes.end() ? nullptr : it->second;
}

bool registerCatchType(const std::string &name, CatchMatcher matcher) {
  Registry &r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  r.catchTypes.emplace(name, matcher);
  return true;
}

CatchMatcher findCatchType(const std::string &name) {
  Registry &r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto it = r.catchTypes.find(name);
  return it == r.catchTypes.end() ? nullptr : it->second;
}

std::vector<std::string> hostNodeNames() {
  Registry &r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  std::vector<std::string> names;
  for (auto &[name, entry] : r.nodes)
    names.push_back(name);
  return names;
}

uint64_t addHostConstant(std::shared_ptr<const std::any> value) {
  Registry &r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  uint64_t id = r.nextConstant++;
  r.constants.emplace(id, std::move(value));
  return id;
}

std::shared_ptr<const std::any> hostConstant(uint64_t id) {
  Registry &r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto it = r.constants.find(id);
  return it == r.constants.end() ? nullptr : it->second;
}

std::vector<Value> hostNodeArgs(const HostNodeEntry &entry,
                                const std::vector<int32_t> &packs,
                                const std::vector<Value> &in, size_t first) {
  if (packs.empty())
    return std::vector<Value>(in.begin() + first, in.end());
  std::vector<Value> args;
  size_t next = first;
  for (size_t i = 0; i < packs.size(); ++i) {
    if (packs[i] < 0) {
      if (next >= in.size())
        throw kernels::KernelError("node '" + entry.name +
                                   "': too few operands");
      args.push_back(in[next++]);
      continue;
    }
    size_t count = static_cast<size_t>(packs[i]);
    if (next + count > in.size() || i >= entry.packers.size() ||
        !entry.packers[i])
      throw kernels::KernelError(
          "node '" + entry.name + "': argument " + std::to_string(i + 1) +
          " cannot take a pack of " + std::to_string(count) + " values");
    std::vector<Value> pack(in.begin() + next, in.begin() + next + count);
    next += count;
    args.push_back(entry.packers[i](pack));
  }
  return args;
}

void rethrowNodeException(const std::string &node) {
  try {
    throw;
  } catch (const Error &) {
    throw;
  } catch (const NodeException &) {
    throw; // a node calling another node's function (AG_NODE_RETRY)
  } catch (const std::exception &e) {
    throw NodeException("node '" + node + "' threw " +
                            demangle(typeid(e).name()) + ": " + e.what(),
                        e.what(), /*isStd=*/true, std::current_exception());
  } catch (...) {
    std::type_info *type = abi::__cxa_current_exception_type();
    std::string what = type ? "an exception of type " + demangle(type->name())
                            : std::string("an exception of unknown type");
    throw NodeException("node '" + node + "' threw " + what +
                            " (not derived from std::exception)",
                        what, /*isStd=*/false, std::current_exception());
  }
}

bool setNodeRetries(const void *fn, int retries) {
  Registry &r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  r.retries[fn] = retries > 0 ? retries : 0;
  return true;
}

int nodeRetries(const void *fn) {
  Registry &r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto it = r.retries.find(fn);
  return it == r.retries.end() ? 0 : it->second;
}

bool setNodeTensorResult(const void *fn, DType dtype, Shape shape) {
  Registry &r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  r.tensorResults[fn] = {dtype, std::move(shape)};
  return true;
}

bool nodeTensorResult(const void *fn, DType &dtype, Shape &shape) {
  Registry &r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto it = r.tensorResults.find(fn);
  if (it == r.tensorResults.end())
    return false;
  dtype = it->second.first;
  shape = it->second.second;
  return true;
}

bool setCodeFingerprint(const std::string &function, std::string fingerprint) {
  Registry &r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  r.fingerprints[function] = std::move(fingerprint);
  return true;
}

std::string codeFingerprint(const std::string &function) {
  Registry &r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto it = r.fingerprints.find(function);
  return it == r.fingerprints.end() ? std::string() : it->second;
}

size_t maxFanout() {
  if (const char *env = std::getenv("AG_MAX_FANOUT")) {
    char *end = nullptr;
    unsigned long long n = std::strtoull(env, &end, 10);
    if (end != env && *end == '\0' && n > 0)
      return static_cast<size_t>(n);
  }
  return 10000;
}

} // namespace ag::exec

namespace ag::detail {

std::string typeNameFromSignature(const char *signature) {
  std::string s = signature;
  size_t at = s.find("T = ");
  if (at == std::string::npos)
    return s;
  at += 4;
  // Up to the end of the template argument: `]` (clang) or `;` (GCC) at
  // bracket depth 0.
  int depth = 0;
  size_t end = at;
  for (; end < s.size(); ++end) {
    char c = s[end];
    if (c == '<' || c == '(' || c == '[')
      ++depth;
    else if ((c == '>' || c == ')') && depth > 0)
      --depth;
    else if (c == ']' && depth-- == 0)
      break;
    else if (c == ';' && depth == 0)
      break;
  }
  return s.substr(at, end - at);
}

std::string readableTypeName(std::string name) {
  auto replaceAll = [&](const std::string &from, const std::string &to) {
    for (size_t at = name.find(from); at != std::string::npos;
         at = name.find(from, at + to.size()))
      name.replace(at, from.size(), to);
  };
  replaceAll("std::__cxx11::", "std::");
  replaceAll("std::__1::", "std::");
  // Longest spelling first: clang may spell out the default arguments.
  replaceAll("std::basic_string<char, std::char_traits<char>, "
             "std::allocator<char> >",
             "std::string");
  replaceAll("std::basic_string<char, std::char_traits<char>, "
             "std::allocator<char>>",
             "std::string");
  replaceAll("std::basic_string<char>", "std::string");
  return name;
}

Tensor hostHandle(std::shared_ptr<const std::any> value, std::string type) {
  auto impl = std::make_shared<TensorImpl>();
  impl->host = std::move(value);
  impl->hostType = std::move(type);
  return Tensor(std::move(impl));
}

const std::any *hostOf(const Tensor &handle) {
  if (!handle.defined())
    return nullptr;
  return handle.impl()->host.get();
}

long hostOwners(const Tensor &handle) {
  return handle.defined() ? handle.impl()->host.use_count() : 0;
}

} // namespace ag::detail
