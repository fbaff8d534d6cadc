//===- PartitionTest.cpp - Native regions inside interpreted programs -----===//
//
// native::partition (lib/Backend/Native/Partition.cpp): a function the
// native backend declines as a whole runs its runs of native ops as machine
// code, called as host nodes of the interpreter's program. The counter of
// region calls the interpreter ran instead tells native runs from silent
// fallbacks, which give the same values.
//
//===----------------------------------------------------------------------===//

#include "ag/Native/Native.h"

#include "ag/Dialect/AGDialect.h"
#include "ag/Dialect/AGOps.h"
#include "ag/Lowering/Lowering.h"
#include "ag/detail/TensorImpl.h"
#include "ag/runtime/Evaluator.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

using namespace mlir;

namespace {

struct Parsed {
  MLIRContext context;
  OwningOpRef<ModuleOp> module;
  std::shared_ptr<ag::exec::Program> program;
};

std::unique_ptr<Parsed> parse(const char *text) {
  auto p = std::make_unique<Parsed>();
  p->context.getOrLoadDialect<ag::ir::AGDialect>();
  p->module = parseSourceString<ModuleOp>(text, &p->context);
  if (!p->module)
    return nullptr;
  auto func = *p->module->getOps<ag::ir::FuncOp>().begin();
  auto program = ag::lowering::lowerFunction(func);
  if (failed(program))
    return nullptr;
  p->program = *program;
  return p;
}

// A scalar loop and a reduction of a matmul, independent of each other,
// beside a stack; the loop divides by its parameter.
const char *kGraph = R"(
ag.func @f(%n: tensor<i64> loc("n"), %d: tensor<i64> loc("d"),
           %a: tensor<3x3xf64> loc("a"), %v: tensor<2xi64> loc("v"))
    -> (tensor<i64>, tensor<f64>, tensor<2x2xi64>) {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %acc = ag.for %i = %zero to %n step %one iter_args(%s = %zero)
      -> (tensor<i64>) {
    %q = ag.div %i, %d : tensor<i64> loc("f.cpp":4:12)
    %t = ag.add %s, %q : tensor<i64>
    ag.yield %t : tensor<i64>
  } loc("f.cpp":3:3)
  %m = ag.matmul %a, %a : tensor<3x3xf64>, tensor<3x3xf64>
  %r = ag.reduce_sum %m : tensor<3x3xf64>
  %c = ag.stack %v, %v : tensor<2xi64> loc("f.cpp":9:5)
  ag.return %acc, %r, %c : tensor<i64>, tensor<f64>, tensor<2x2xi64>
}
)";

std::vector<ag::Tensor> feeds(int64_t d) {
  std::vector<double> a = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  return {ag::Tensor(int64_t(10)), ag::Tensor(d),
          ag::Tensor::fromVector(a, {3, 3}),
          ag::Tensor::fromVector(std::vector<int64_t>{1, 2}, {2})};
}

TEST(NativePartition, RunsIndependentPartsNatively) {
  auto p = parse(kGraph);
  ASSERT_TRUE(p);
  auto func = *p->module->getOps<ag::ir::FuncOp>().begin();
  ag::native::Partition part =
      ag::native::partition(*p->module, func.getSymName(), *p->program);
  ASSERT_TRUE(part.program);
  // The loop and the matmul + sum: two parts of one run (independent).
  EXPECT_EQ(part.regions, 2u);
  EXPECT_EQ(part.nativeOps, 3u);
  // for, matmul, reduce_sum, stack -> two host nodes and the stack.
  ASSERT_EQ(part.program->nodes().size(), 3u);
  // The loop's part is heavy (a trip count unknown): the evaluator may run
  // it as a task beside independent work, as it would the loop node.
  EXPECT_EQ(part.program->nodes()[0].kind, ag::exec::NodeKind::Host);
  EXPECT_TRUE(part.program->nodes()[0].heavy);
  ASSERT_EQ(part.remarks.size(), 1u);
  EXPECT_EQ(part.remarks[0], "f.cpp:9:5: remark: 'ag.stack' runs on the "
                             "interpreter; the 3 ops around it run natively");

  ag::exec::Session interpreter(p->program), partitioned(part.program);
  auto want = interpreter.run(p->program->results(), feeds(3));
  auto got = partitioned.run(part.program->results(), feeds(3));
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i)
    EXPECT_TRUE(got[i].tensor().identical(want[i].tensor())) << i;
  // Both regions ran as machine code.
  EXPECT_EQ(part.interpreted->load(), 0u);
  EXPECT_EQ(partitioned.lastRunStats().opsExecuted, 3u);

  // Laziness: the stack alone runs no region.
  auto only = partitioned.run({part.program->results()[2]}, feeds(3));
  EXPECT_EQ(partitioned.lastRunStats().opsExecuted, 1u);
}

TEST(NativePartition, FaultReRunsTheRegionOnTheInterpreter) {
  auto p = parse(kGraph);
  ASSERT_TRUE(p);
  auto func = *p->module->getOps<ag::ir::FuncOp>().begin();
  ag::native::Partition part =
      ag::native::partition(*p->module, func.getSymName(), *p->program);
  ASSERT_TRUE(part.program);
  ag::exec::Session interpreter(p->program), partitioned(part.program);
  std::string want, got;
  try {
    interpreter.run(p->program->results(), feeds(0));
  } catch (const ag::Error &e) {
    want = e.what();
  }
  try {
    partitioned.run(part.program->results(), feeds(0));
  } catch (const ag::Error &e) {
    got = e.what();
  }
  EXPECT_NE(want.find("integer division by zero"), std::string::npos) << want;
  EXPECT_NE(want.find("in iteration 1 of this loop"), std::string::npos)
      << want;
  EXPECT_EQ(got, want);
  EXPECT_EQ(part.interpreted->load(), 1u);
}

TEST(NativePartition, SmallRunsStayOnTheInterpreter) {
  auto p = parse(R"(
ag.func @g(%v: tensor<2xi64> loc("v")) -> tensor<2x2xi64> {
  %w = ag.add %v, %v : tensor<2xi64>
  %c = ag.stack %w, %w : tensor<2xi64>
  ag.return %c : tensor<2x2xi64>
}
)");
  ASSERT_TRUE(p);
  ag::native::Partition part =
      ag::native::partition(*p->module, "g", *p->program);
  EXPECT_FALSE(part.program);
  EXPECT_EQ(part.regions, 0u);
}

} // namespace

namespace {

// Intermediate buffers of native code come from the tensors' buffer cache
// (a fresh large malloc is an mmap whose pages fault on first touch in
// every run): a second run takes its two 4 MB intermediates from the
// cache, and a contiguous slice aliases its input rather than allocating.
TEST(NativeBuffers, IntermediatesComeFromTheBufferCache) {
  auto p = parse(R"(
ag.func @f(%x: tensor<512x1024xf64> loc("x")) -> tensor<256x1024xf64> {
  %a = ag.add %x, %x : tensor<512x1024xf64>
  %b = ag.mul %a, %x : tensor<512x1024xf64>
  %s = ag.slice %b [256, 0] to [512, 9223372036854775807] step [1, 1]
      : tensor<512x1024xf64>
  %r = ag.reduce max %a over [0] keepdims : tensor<512x1024xf64>
  %rb = ag.broadcast %r : tensor<1x1024xf64> to tensor<256x1024xf64>
  %y = ag.sub %s, %rb : tensor<256x1024xf64>
  ag.return %y : tensor<256x1024xf64>
}
)");
  ASSERT_TRUE(p);
  auto fn = ag::native::NativeFunction::compile(*p->module, "f");
  ASSERT_TRUE(bool(fn)) << llvm::toString(fn.takeError());
  ASSERT_TRUE((*fn)->buffered());
  std::vector<double> v(512 * 1024, 0.5);
  ag::Tensor x = ag::Tensor::fromVector(v, {512, 1024});
  ag::detail::setBufferCacheLimit(-1);
  ASSERT_TRUE((*fn)->runTensors({x}));
  size_t before = ag::detail::bufferCacheStats().hits;
  auto out = (*fn)->runTensors({x});
  ASSERT_TRUE(out);
  // %a and %b (4 MB each) from the cache; the result's buffer too.
  EXPECT_GE(ag::detail::bufferCacheStats().hits - before, 2u);
  EXPECT_EQ(out->at(0).tensor().data<double>()[0], 0.5 - 1.0);
}

} // namespace
