//===- ag/Frontend/Converter.h - The ag-convert driver API ------*- C++ -*-===//
//
// Runs the conversion of AG_CONVERT functions on parsed translation units.
// Part of the compiler side (Clang); never included by the ag runtime.
//
//===----------------------------------------------------------------------===//
#ifndef AG_FRONTEND_CONVERTER_H
#define AG_FRONTEND_CONVERTER_H

#include "clang/Tooling/Tooling.h"

#include <memory>
#include <string>
#include <vector>

namespace ag {
namespace frontend {

struct ConvertOptions {
  /// Emit only the twins (for reading), not the whole rewritten TU.
  bool twinsOnly = false;
};

/// The converted text of one main file.
struct ConvertedFile {
  std::string path;
  std::string text;
};

/// A factory of frontend actions that convert each main file and append
/// the result to `results` (in the order files are processed). A file with
/// errors produces diagnostics and no result.
std::unique_ptr<clang::tooling::FrontendActionFactory>
newConvertActionFactory(const ConvertOptions &options,
                        std::vector<ConvertedFile> &results);

} // namespace frontend
} // namespace ag

#endif // AG_FRONTEND_CONVERTER_H
