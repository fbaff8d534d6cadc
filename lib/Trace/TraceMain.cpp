//===- TraceMain.cpp - main() of the lit driver for tracing twins --------===//
//
// test/Trace links a file converted by ag-convert with this main() and runs
//   <exe> [--locations] <function> <type>...
// where each type is bool, int32, int64, float32 or float64, optionally with
// a shape (float32[2,3]). It traces the twin registered as <function> and
// prints the module (with --locations: one line per op or block argument
// with its full location), or the rendered ag::Error on stderr (exit 1).
//
//===----------------------------------------------------------------------===//

#include "Registry.h"

#include "ag/Error.h"
#include "ag/Trace/Trace.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>
#include <iostream>
#include <optional>

using namespace ag;

namespace {

std::optional<trace::ArgSpec> parseType(const std::string &text,
                                        unsigned index) {
  trace::ArgSpec spec;
  spec.name = "arg" + std::to_string(index);
  size_t bracket = text.find('[');
  std::string name = text.substr(0, bracket);
  const std::pair<const char *, DType> dtypes[] = {{"bool", DType::Bool},
                                                   {"int32", DType::Int32},
                                                   {"int64", DType::Int64},
                                                   {"float32", DType::Float32},
                                                   {"float64", DType::Float64}};
  bool found = false;
  for (auto [dtypeName, dtype] : dtypes)
    if (name == dtypeName) {
      spec.dtype = dtype;
      found = true;
    }
  if (!found)
    return std::nullopt;
  if (bracket != std::string::npos) {
    const char *p = text.c_str() + bracket + 1;
    while (*p && *p != ']') {
      char *end;
      spec.shape.push_back(std::strtoll(p, &end, 10));
      if (end == p)
        return std::nullopt;
      p = *end == ',' ? end + 1 : end;
    }
  }
  return spec;
}

std::vector<Tensor> call(const void *twinAddress,
                         const std::vector<Tensor> &args) {
  // A function's address, registered as data: clang (unlike GCC) refuses to
  // cast a const object pointer to a function pointer directly.
  void *twin = const_cast<void *>(twinAddress);
  switch (args.size()) {
  case 0:
    return {reinterpret_cast<Tensor (*)()>(twin)()};
  case 1:
    return {reinterpret_cast<Tensor (*)(Tensor)>(twin)(args[0])};
  case 2:
    return {
        reinterpret_cast<Tensor (*)(Tensor, Tensor)>(twin)(args[0], args[1])};
  default:
    return {reinterpret_cast<Tensor (*)(Tensor, Tensor, Tensor)>(twin)(
        args[0], args[1], args[2])};
  }
}

void printLocations(mlir::ModuleOp module) {
  module->walk([](mlir::Operation *op) {
    llvm::outs() << op->getName() << " " << op->getLoc() << "\n";
    for (mlir::Region &region : op->getRegions())
      for (mlir::Block &block : region)
        for (mlir::BlockArgument arg : block.getArguments())
          llvm::outs() << "  ^arg" << arg.getArgNumber() << " " << arg.getLoc()
                       << "\n";
  });
}

} // namespace

int main(int argc, char **argv) {
  int first = 1;
  bool locations = argc > 1 && std::strcmp(argv[1], "--locations") == 0;
  if (locations)
    ++first;
  if (first >= argc || argc - first - 1 > 3) {
    std::cerr << "usage: " << argv[0]
              << " [--locations] <function> <type>...  (at most 3 tensors "
                 "returning one)\n";
    return 2;
  }
  std::string name = argv[first];
  std::vector<trace::ArgSpec> specs;
  for (int i = first + 1; i < argc; ++i) {
    std::optional<trace::ArgSpec> spec = parseType(argv[i], specs.size());
    if (!spec) {
      std::cerr << "bad type '" << argv[i] << "'\n";
      return 2;
    }
    specs.push_back(*spec);
  }
  const void *twin = trace::lookupTwinByName(name);
  if (!twin) {
    std::cerr << "no twin registered for '" << name << "'\n";
    return 2;
  }
  mlir::MLIRContext context;
  try {
    auto module = trace::traceFunction(
        context, name, specs,
        [&](const std::vector<Tensor> &args) { return call(twin, args); });
    if (locations)
      printLocations(*module);
    else
      module->print(llvm::outs());
    return 0;
  } catch (const Error &e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
}
