//===- Registry.h - Twins by name, for test drivers -------------*- C++ -*-===//
#ifndef AG_LIB_TRACE_REGISTRY_H
#define AG_LIB_TRACE_REGISTRY_H

#include <string>

namespace ag::trace {

/// The twin registered under `name` (the original function's name), or
/// null; of overloads, the first registered (the first declared in its
/// file). ag::function finds twins by address; tools that only have a name
/// (the lit driver) use this.
const void *lookupTwinByName(const std::string &name);

} // namespace ag::trace

#endif // AG_LIB_TRACE_REGISTRY_H
