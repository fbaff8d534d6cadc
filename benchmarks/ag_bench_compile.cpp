//===- ag_bench_compile.cpp - where the first call of a big graph goes ----===//
//
//   ag-bench-compile [leaves] [--save FILE] [--no-threads] [--verify-each]
//
// Traces the reductionTree twin (or, with another leaf count, the same tree
// built by a lambda), then times each step of the first call separately:
// tracing, every pass of ag::buildOptimizePipeline (MLIR's pass timing),
// verification, lowering, and ag::function's graph() end to end.
// --verify-each verifies after each pass (as debug builds and ag-opt do);
// --save writes the traced module for `ag-opt --ag-optimize --mlir-timing`.
//
//===----------------------------------------------------------------------===//

#include "bench_programs.h"

#include "ag/Dialect/AGOps.h"
#include "ag/Function.h"
#include "ag/Lowering/Lowering.h"
#include "ag/Trace/Trace.h"
#include "ag/Transforms/Passes.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {
using ag::Tensor;
using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start)
      .count();
}

Tensor tree(Tensor x, int leaves) {
  std::vector<Tensor> level;
  for (int i = 0; i < leaves; ++i)
    level.push_back(x + i);
  while (level.size() > 1) {
    std::vector<Tensor> next;
    for (size_t i = 0; i + 1 < level.size(); i += 2)
      next.push_back(level[i] + level[i + 1]);
    if (level.size() % 2)
      next.push_back(level.back());
    level = next;
  }
  return level[0];
}
} // namespace

int main(int argc, char **argv) {
  int leaves = kTreeLeaves;
  const char *save = nullptr;
  // As ag::function does in release builds.
#ifdef NDEBUG
  bool verifyPasses = false;
#else
  bool verifyPasses = true;
#endif
  bool threads = true;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--save") && i + 1 < argc)
      save = argv[++i];
    else if (!std::strcmp(argv[i], "--no-threads"))
      threads = false;
    else if (!std::strcmp(argv[i], "--verify-each"))
      verifyPasses = true;
    else
      leaves = std::atoi(argv[i]);
  }
  using Twin = Tensor (*)(Tensor);
  auto twin = reinterpret_cast<Twin>(const_cast<void *>(
      ag::detail::lookupTwin(reinterpret_cast<const void *>(&reductionTree))));

  mlir::MLIRContext context;
  context.enableMultithreading(threads);
  ag::trace::loadDialects(context);
  std::vector<ag::trace::ArgSpec> args = {{"x", ag::DType::Int64, {}}};

  auto start = Clock::now();
  auto module = ag::trace::traceFunction(
      context, "reductionTree", args, [&](const std::vector<Tensor> &staged) {
        return std::vector<Tensor>{
            leaves == kTreeLeaves ? twin(staged[0]) : tree(staged[0], leaves)};
      });
  double traceMs = msSince(start);
  int64_t ops = 0;
  module->walk([&](mlir::Operation *) { ++ops; });
  if (save) {
    std::error_code ec;
    llvm::raw_fd_ostream os(save, ec);
    module->print(os, mlir::OpPrintingFlags().enableDebugInfo());
  }

  mlir::PassManager pm(&context);
  ag::buildOptimizePipeline(pm);
  pm.enableVerifier(verifyPasses);
  pm.enableTiming();
  start = Clock::now();
  if (mlir::failed(pm.run(*module)))
    return 1;
  double optimizeMs = msSince(start);
  int64_t after = 0;
  module->walk([&](mlir::Operation *) { ++after; });

  start = Clock::now();
  if (mlir::failed(mlir::verify(*module)))
    return 1;
  double verifyMs = msSince(start);

  start = Clock::now();
  ag::ir::FuncOp func;
  for (auto f : module->getOps<ag::ir::FuncOp>())
    func = f;
  auto program = ag::lowering::lowerFunction(func);
  double lowerMs = msSince(start);
  if (mlir::failed(program))
    return 1;

  double graphMs = -1;
  if (leaves == kTreeLeaves) {
    start = Clock::now();
    auto f = ag::function(&reductionTree);
    ag::Graph graph = f.graph(Tensor(int64_t(1)));
    graphMs = msSince(start);
  }

  llvm::errs() << "ops traced " << ops << ", after optimize " << after
               << "\ntrace    " << traceMs << " ms\noptimize " << optimizeMs
               << " ms\nverify   " << verifyMs << " ms\nlower    " << lowerMs
               << " ms\n";
  if (graphMs >= 0)
    llvm::errs() << "ag::function graph() end to end " << graphMs << " ms ("
                 << graphMs * 1e3 / (2.0 * leaves) << " us/op)\n";
  return 0;
}
