//===- ag-opt.cpp - mlir-opt for the ag dialect ---------------------------===//
//
// Parses, verifies, transforms and prints ag IR: the ag dialect, the ag
// passes and pipeline (`--ag-optimize`), and the upstream transforms that
// apply to it (canonicalize, cse, inline, symbol-dce,
// loop-invariant-code-motion, sccp, control-flow-sink, view-op-graph, ...).
//
//===----------------------------------------------------------------------===//

#include "InputGuard.h"
#include "common/ToolSupport.h"

#include "ag/Error.h"
#include "ag/Lowering/Lowering.h"
#include "ag/Lowering/Passes.h"
#include "ag/Native/Native.h"

#include "ag/Dialect/AGDialect.h"
#include "ag/Transforms/Passes.h"

#include "mlir/Debug/Counter.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

namespace {

/// Whether `loc` names a file other than the input.
bool namesOtherFile(mlir::Location loc, llvm::StringRef input) {
  bool other = false;
  loc->walk([&](mlir::Location l) {
    if (auto file = mlir::dyn_cast<mlir::FileLineColLoc>(l))
      other |= file.getFilename().getValue() != input;
    return mlir::WalkResult::advance();
  });
  return other;
}

/// Whether `text` holds control characters a terminal would act on.
bool hasControlChars(llvm::StringRef text) {
  return ag::escapeControlChars(text.str(), /*keepNewlines=*/true) != text;
}

/// Whether a file or name in `loc` holds control characters.
bool locationHasControlChars(mlir::Location loc) {
  bool found = false;
  loc->walk([&](mlir::Location l) {
    if (auto file = mlir::dyn_cast<mlir::FileLineColLoc>(l))
      found |= hasControlChars(file.getFilename().getValue());
    else if (auto named = mlir::dyn_cast<mlir::NameLoc>(l))
      found |= hasControlChars(named.getName().getValue());
    return mlir::WalkResult::advance();
  });
  return found;
}

/// MLIR's diagnostic printer opens any file a location names to quote it
/// (/etc/passwd, /dev/zero), and prints messages, file names and source
/// lines as they are (a graph's strings can hold terminal escape
/// sequences). Parse and verify the input first; if an error is located
/// outside the input file or would print a control character, print the
/// errors ourselves (no snippet from other files, control characters
/// escaped) and return true.
bool reportedUnsafeDiagnostics(const llvm::MemoryBuffer &input,
                               mlir::DialectRegistry &registry,
                               const mlir::MlirOptMainConfig &config) {
  mlir::MLIRContext context(registry, mlir::MLIRContext::Threading::DISABLED);
  context.allowUnregisteredDialects(config.shouldAllowUnregisteredDialects());
  context.printOpOnDiagnostic(false);
  llvm::StringRef name = input.getBufferIdentifier();
  // A raw control character in the input reaches the terminal in a quoted
  // source line.
  bool unsafe = hasControlChars(input.getBuffer());
  bool any = false;
  std::string rendered;
  context.getDiagEngine().registerHandler([&](mlir::Diagnostic &d) {
    any = true;
    ag::Diagnostic diag;
    diag.loc = ag::lowering::toNodeSource(d.getLocation()).loc;
    diag.loc.showSource = diag.loc.file == name;
    diag.message = d.str();
    unsafe |= namesOtherFile(d.getLocation(), name) ||
              locationHasControlChars(d.getLocation()) ||
              hasControlChars(diag.message);
    for (mlir::Diagnostic &note : d.getNotes()) {
      ag::SourceLoc loc = ag::lowering::toNodeSource(note.getLocation()).loc;
      loc.showSource = loc.file == name;
      diag.notes.push_back({loc, note.str()});
      unsafe |= namesOtherFile(note.getLocation(), name) ||
                locationHasControlChars(note.getLocation()) ||
                hasControlChars(diag.notes.back().message);
    }
    std::string text = diag.render();
    // render() says "error:"; keep MLIR's severity word for the rest.
    if (d.getSeverity() == mlir::DiagnosticSeverity::Warning)
      text.replace(text.find("error: "), 7, "warning: ");
    rendered += text;
  });
  mlir::ParserConfig parserConfig(&context);
  auto module = mlir::parseSourceString<mlir::ModuleOp>(input.getBuffer(),
                                                        parserConfig, name);
  if (!any || !unsafe)
    return false;
  llvm::errs() << rendered;
  return true;
}

llvm::cl::OptionCategory mlirCategory("MLIR options");

/// mlir::registerAndParseCLIOptions, with --help reduced to the options that
/// matter for ag IR: MLIR's pass list (ag's passes among them) and its
/// common flags; libLLVM's backend flags move to --help-hidden.
std::pair<std::string, std::string>
registerAndParseOptions(int argc, char **argv,
                        mlir::DialectRegistry &registry) {
  static llvm::cl::opt<std::string> inputFilename(
      llvm::cl::Positional, llvm::cl::desc("<input file>"), llvm::cl::init("-"),
      llvm::cl::cat(mlirCategory));
  static llvm::cl::opt<std::string> outputFilename(
      "o", llvm::cl::desc("Output filename"), llvm::cl::value_desc("filename"),
      llvm::cl::init("-"), llvm::cl::cat(mlirCategory));
  mlir::MlirOptMainConfig::registerCLOptions(registry);
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  mlir::registerPassManagerCLOptions();
  mlir::registerDefaultTimingManagerCLOptions();
  mlir::tracing::DebugCounter::registerCLOptions();

  // "canonicalize" names the one option holding every registered pass.
  ag::tools::moveToCategory({"canonicalize",
                             "pass-pipeline",
                             "split-input-file",
                             "verify-diagnostics",
                             "verify-each",
                             "show-dialects",
                             "list-passes",
                             "dump-pass-pipeline",
                             "allow-unregistered-dialect",
                             "emit-bytecode",
                             "mlir-print-debuginfo",
                             "mlir-pretty-debuginfo",
                             "mlir-print-op-generic",
                             "mlir-print-local-scope",
                             "mlir-print-ir-before-all",
                             "mlir-print-ir-after-all",
                             "mlir-print-ir-after-failure",
                             "mlir-pass-statistics",
                             "mlir-timing",
                             "mlir-disable-threading",
                             "mlir-elide-elementsattrs-if-larger"},
                            mlirCategory);
  ag::tools::hideOptionsOutside({&mlirCategory});
  ag::tools::setVersionPrinter("ag-opt");

  std::string header = "ag optimizer driver\n\nAvailable Dialects: ";
  llvm::raw_string_ostream os(header);
  llvm::interleaveComma(registry.getDialectNames(), os);
  os << "\n";
  llvm::cl::ParseCommandLineOptions(argc, argv, header);
  return {inputFilename.getValue(), outputFilename.getValue()};
}

} // namespace

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  registry.insert<ag::ir::AGDialect>();
  // The upstream transforms that are useful (and sound) on ag IR. Not all of
  // them: LLVM 19's remove-dead-values crashes on region ops without an
  // else region (an ag.if or an scf.if alike).
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  mlir::registerInlinerPass();
  mlir::registerSymbolDCEPass();
  mlir::registerSymbolPrivatizePass();
  mlir::registerLoopInvariantCodeMotionPass();
  mlir::registerSCCPPass();
  mlir::registerControlFlowSinkPass();
  mlir::registerTopologicalSortPass();
  mlir::registerStripDebugInfoPass();
  mlir::registerLocationSnapshotPass();
  mlir::registerPrintOpStatsPass();
  mlir::registerViewOpGraphPass();
  mlir::registerPrintIRPass();
  ag::registerAGPasses();
  ag::registerAGLoweringPasses();
  ag::registerAGNativePasses();

  llvm::InitLLVM init(argc, argv);
  auto [inputFilename, outputFilename] =
      registerAndParseOptions(argc, argv, registry);
  mlir::MlirOptMainConfig config =
      mlir::MlirOptMainConfig::createFromCLOptions();
  if (config.shouldShowDialects())
    return mlir::asMainReturnCode(
        mlir::MlirOptMain(argc, argv, inputFilename, outputFilename, registry));

  std::string errorMessage;
  std::unique_ptr<llvm::MemoryBuffer> input =
      mlir::openInputFile(inputFilename, &errorMessage);
  if (!input) {
    llvm::errs() << errorMessage << "\n";
    return 1;
  }
  // Input is untrusted: refuse what crashes MLIR 19's parser before it runs.
  if (auto bad = ag::detail::findUnsafeSyntax(input->getBuffer())) {
    llvm::SourceMgr sourceMgr;
    unsigned id = sourceMgr.AddNewSourceBuffer(std::move(input), llvm::SMLoc());
    sourceMgr.PrintMessage(
        sourceMgr.FindLocForLineAndColumn(id, bad->line, bad->col),
        llvm::SourceMgr::DK_Error, bad->message);
    return 1;
  }
  if (!config.shouldVerifyDiagnostics() && config.inputSplitMarker().empty() &&
      reportedUnsafeDiagnostics(*input, registry, config))
    return 1;
  auto output = mlir::openOutputFile(outputFilename, &errorMessage);
  if (!output) {
    llvm::errs() << errorMessage << "\n";
    return 1;
  }
  if (mlir::failed(
          mlir::MlirOptMain(output->os(), std::move(input), registry, config)))
    return 1;
  output->keep();
  return 0;
}
