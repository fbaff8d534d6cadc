//===- ConvertFuzzer.cpp - C++ sources through ag-convert -----------------===//
//
// Any bytes as an annotated C++ file, converted in-process by the frontend
// ag-convert runs. Clang diagnostics and conversion errors are fine; a
// crash, an assertion or a sanitizer report is a bug.
//
//===----------------------------------------------------------------------===//

#include "ag/Frontend/Converter.h"

#include "clang/Tooling/Tooling.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#ifndef AG_FUZZ_INCLUDE_DIR
#error "AG_FUZZ_INCLUDE_DIR must name the ag include directory"
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 8192)
    return 0;
  std::string code(reinterpret_cast<const char *>(data), size);
  std::vector<ag::frontend::ConvertedFile> results;
  ag::frontend::ConvertOptions options;
  auto factory = ag::frontend::newConvertActionFactory(options, results);
  std::vector<std::string> args = {"-std=c++17", "-fsyntax-only",
                                   "-I" AG_FUZZ_INCLUDE_DIR, "-Wno-everything",
                                   "-ferror-limit=5"};
  // Parsing <ag/ag.h> and the standard library is ~95% of an input's time.
  // AG_FUZZ_PCH names a precompiled header of them (made by
  // `tools/dev.sh fuzz` with clang++-19, which must match this clang), so
  // an input's own includes of them are skipped by their include guards.
  static const char *pch = std::getenv("AG_FUZZ_PCH");
  if (pch && *pch) {
    args.push_back("-include-pch");
    args.push_back(pch);
  }
  (void)clang::tooling::runToolOnCodeWithArgs(factory->create(), code, args,
                                              "fuzz.cpp", "ag-convert-fuzz");
  return 0;
}
