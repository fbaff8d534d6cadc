//===- ag-convert.cpp - Rewrites AG_CONVERT functions into twins ----------===//
//
// ag-convert [options] <source>... [-- <compiler args>]
//
// Prints the rewritten translation unit (originals kept, graph-building
// twins inserted and registered) to stdout or to -o FILE.
//
//===----------------------------------------------------------------------===//

#include "ag/Frontend/Converter.h"

#include "common/ToolSupport.h"

#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

using namespace llvm;

static cl::OptionCategory category("ag-convert options");
static cl::opt<std::string> outputFile("o", cl::desc("Write the output here"),
                                       cl::value_desc("file"),
                                       cl::cat(category));
static cl::opt<bool>
    twinsOnly("twins-only",
              cl::desc("Print only the generated twins, for reading"),
              cl::cat(category));
static cl::extrahelp
    commonHelp(clang::tooling::CommonOptionsParser::HelpMessage);

int main(int argc, const char **argv) {
  ag::tools::setVersionPrinter("ag-convert");
  auto parser = clang::tooling::CommonOptionsParser::create(
      argc, argv, category, cl::OneOrMore,
      "Adds graph-building twins of AG_CONVERT functions to C++ sources.\n");
  if (!parser) {
    WithColor::error(errs(), "ag-convert") << toString(parser.takeError());
    return 1;
  }
  if (!outputFile.empty() && parser->getSourcePathList().size() != 1) {
    WithColor::error(errs(), "ag-convert")
        << "-o needs exactly one source file (each becomes its own TU)\n";
    return 1;
  }
  clang::tooling::ClangTool tool(parser->getCompilations(),
                                 parser->getSourcePathList());
  std::vector<ag::frontend::ConvertedFile> results;
  ag::frontend::ConvertOptions options;
  options.twinsOnly = twinsOnly;
  int status =
      tool.run(ag::frontend::newConvertActionFactory(options, results).get());
  if (status != 0 || results.size() != parser->getSourcePathList().size())
    return 1;

  std::error_code ec;
  ToolOutputFile out(outputFile.empty() ? std::string("-")
                                        : outputFile.getValue(),
                     ec, sys::fs::OF_None);
  if (ec) {
    WithColor::error(errs(), "ag-convert")
        << "cannot open '" << outputFile << "': " << ec.message() << "\n";
    return 1;
  }
  for (const ag::frontend::ConvertedFile &file : results)
    out.os() << file.text;
  out.keep();
  return 0;
}
