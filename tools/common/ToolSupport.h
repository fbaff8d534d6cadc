//===- ToolSupport.h - What every ag tool's command line shares -*- C++ -*-===//
//
// The ag tools behave like LLVM tools: `--version` names ag's own version and
// the LLVM it was built with, and `--help` lists the tool's own options (in
// their category) instead of every flag libLLVM registers.
//
//===----------------------------------------------------------------------===//
#ifndef AG_TOOLS_TOOLSUPPORT_H
#define AG_TOOLS_TOOLSUPPORT_H

#include "ag/Version.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace ag::tools {

/// Installs the `--version` printer of `tool`:
///   ag-opt (ag) 0.1.0
///     built with LLVM 19.1.7
inline void setVersionPrinter(llvm::StringRef tool) {
  llvm::cl::SetVersionPrinter([name = tool.str()](llvm::raw_ostream &os) {
    os << name << " (ag) " << AG_VERSION_STRING << "\n"
       << "  built with LLVM " << LLVM_VERSION_STRING << "\n";
  });
}

/// Hides from `--help` every option outside `shown` (and outside LLVM's
/// generic --help/--version), such as the hundreds of backend flags libLLVM
/// registers. They stay accepted and listed by `--help-hidden`, unlike
/// cl::HideUnrelatedOptions, which hides them from both.
inline void
hideOptionsOutside(llvm::ArrayRef<const llvm::cl::OptionCategory *> shown) {
  for (auto &entry : llvm::cl::getRegisteredOptions()) {
    llvm::cl::Option *opt = entry.second;
    // LLVM's own --help/--version category has no public handle.
    bool keep = llvm::any_of(opt->Categories, [&](auto *cat) {
      return llvm::is_contained(shown, cat) ||
             cat->getName() == "Generic Options";
    });
    if (!keep && opt->getOptionHiddenFlag() == llvm::cl::NotHidden)
      opt->setHiddenFlag(llvm::cl::Hidden);
  }
}

/// Moves the already registered options `names` (libLLVM's or MLIR's) into
/// `category`, so `--help` lists them there.
inline void moveToCategory(llvm::ArrayRef<llvm::StringRef> names,
                           llvm::cl::OptionCategory &category) {
  auto &options = llvm::cl::getRegisteredOptions();
  for (llvm::StringRef name : names) {
    auto it = options.find(name);
    if (it == options.end())
      continue;
    it->second->Categories.assign(1, &category);
  }
}

} // namespace ag::tools

#endif // AG_TOOLS_TOOLSUPPORT_H
