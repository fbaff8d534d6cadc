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
  (void)clang::tooling::runToolOnCodeWithArgs(factory->create(), code, args,
                                              "fuzz.cpp", "ag-convert-fuzz");
  return 0;
}
