//===- DialectTest.cpp - ag dialect builders, folders, pipeline -----------===//
//
// What the lit tests cannot reach: the C++ builders the tracer uses, a
// sweep of the constant folders against the C++ operators they must agree
// with, and the optimization pipeline driven from C++.
//
//===----------------------------------------------------------------------===//

#include "ag/Dialect/AGOps.h"
#include "ag/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace mlir;
namespace ir = ag::ir;

namespace {

class DialectTest : public ::testing::Test {
protected:
  DialectTest() : builder(&context), loc(builder.getUnknownLoc()) {
    context.loadDialect<ir::AGDialect>();
    module = ModuleOp::create(loc);
    builder.setInsertionPointToEnd(module->getBody());
  }

  RankedTensorType scalar(Type element) { return ir::getScalarType(element); }
  Type i64() { return builder.getIntegerType(64); }

  /// A function `@name(args) -> results` whose entry block is the insertion
  /// point.
  ir::FuncOp startFunc(StringRef name, TypeRange args, TypeRange results) {
    auto func = builder.create<ir::FuncOp>(
        loc, name, builder.getFunctionType(args, results));
    builder.setInsertionPointToStart(func.addEntryBlock());
    return func;
  }

  template <typename T> Value constant(T value, Type element) {
    auto type = scalar(element);
    return builder.create<ir::ConstantOp>(loc,
                                          DenseElementsAttr::get(type, value));
  }

  /// The folded scalar value of `value`, if it is a constant.
  template <typename T> std::optional<T> constantValue(Value value) {
    DenseElementsAttr attr;
    if (!matchPattern(value, m_Constant(&attr)))
      return std::nullopt;
    return attr.getSplatValue<T>();
  }

  MLIRContext context;
  OpBuilder builder;
  Location loc;
  OwningOpRef<ModuleOp> module;
};

TEST_F(DialectTest, ControlFlowBuildersMakeValidIR) {
  Type t = scalar(i64());
  ir::FuncOp func = startFunc("f", {t, scalar(builder.getI1Type())}, {t});
  Value a = func.getArgument(0), c = func.getArgument(1);

  // if with results: the caller adds the yields.
  auto ifOp = builder.create<ir::IfOp>(loc, TypeRange{t}, c);
  {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToEnd(ifOp.thenBlock());
    Value s = builder.create<ir::AddOp>(loc, a, a);
    builder.create<ir::YieldOp>(loc, s);
    builder.setInsertionPointToEnd(ifOp.elseBlock());
    builder.create<ir::YieldOp>(loc, a);
  }
  // if without results gets its terminators.
  auto effectIf = builder.create<ir::IfOp>(loc, TypeRange{}, c,
                                           /*withElseRegion=*/false);
  EXPECT_EQ(effectIf.elseBlock(), nullptr);
  EXPECT_TRUE(isa<ir::YieldOp>(effectIf.thenBlock()->back()));

  // while: both blocks come with their arguments.
  auto whileOp = builder.create<ir::WhileOp>(loc, TypeRange{t},
                                             ValueRange{ifOp.getResult(0)});
  {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToEnd(whileOp.beforeBlock());
    Value x = whileOp.beforeBlock()->getArgument(0);
    Value go = builder.create<ir::CmpOp>(loc, ir::CmpPredicate::lt, x, a);
    builder.create<ir::ConditionOp>(loc, go, ValueRange{x});
    builder.setInsertionPointToEnd(whileOp.afterBlock());
    Value y = whileOp.afterBlock()->getArgument(0);
    builder.create<ir::YieldOp>(
        loc, ValueRange{builder.create<ir::AddOp>(loc, y, a)});
  }
  // for: induction variable first, then the iter_args.
  Value one = constant<int64_t>(1, i64());
  auto forOp = builder.create<ir::ForOp>(loc, one, a, one,
                                         ValueRange{whileOp.getResult(0)});
  ASSERT_EQ(forOp.getBodyBlock()->getNumArguments(), 2u);
  {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToEnd(forOp.getBodyBlock());
    Value next = builder.create<ir::MulOp>(loc, forOp.getRegionIterArgs()[0],
                                           forOp.getInductionVar());
    builder.create<ir::YieldOp>(loc, next);
  }
  builder.create<ir::ReturnOp>(loc, forOp.getResult(0));
  EXPECT_TRUE(succeeded(verify(*module)));

  // The printed form parses back to the same text.
  std::string printed;
  llvm::raw_string_ostream os(printed);
  module->print(os);
  OwningOpRef<ModuleOp> reparsed =
      parseSourceString<ModuleOp>(printed, &context);
  ASSERT_TRUE(reparsed);
  std::string again;
  llvm::raw_string_ostream os2(again);
  reparsed->print(os2);
  EXPECT_EQ(printed, again);
}

TEST_F(DialectTest, InferredResultTypesBroadcastScalars) {
  auto vec = RankedTensorType::get({3}, builder.getF32Type());
  ir::FuncOp func = startFunc("f", {vec, scalar(builder.getF32Type())}, {});
  Value v = func.getArgument(0), s = func.getArgument(1);
  EXPECT_EQ(builder.create<ir::MulOp>(loc, s, v).getType(), vec);
  EXPECT_EQ(
      builder.create<ir::CmpOp>(loc, ir::CmpPredicate::gt, v, s).getType(),
      RankedTensorType::get({3}, builder.getI1Type()));
  EXPECT_EQ(builder.create<ir::ReduceSumOp>(loc, v).getType(),
            scalar(builder.getF32Type()));
  EXPECT_EQ(builder.create<ir::StackOp>(loc, ValueRange{v, v}).getType(),
            RankedTensorType::get({2, 3}, builder.getF32Type()));
}

/// Integer division, remainder and comparison fold exactly like C++ on
/// int32_t, and never fold what C++ leaves undefined.
TEST_F(DialectTest, IntegerFoldersAgreeWithCpp) {
  startFunc("f", {}, {});
  Type i32 = builder.getIntegerType(32);
  const int32_t values[] = {
      std::numeric_limits<int32_t>::min(), -7, -2, -1, 0, 1, 3, 7,
      std::numeric_limits<int32_t>::max()};
  for (int32_t a : values) {
    for (int32_t b : values) {
      Value x = constant(a, i32), y = constant(b, i32);
      bool defined =
          b != 0 && !(a == std::numeric_limits<int32_t>::min() && b == -1);
      std::optional<int32_t> q =
          constantValue<int32_t>(builder.createOrFold<ir::DivOp>(loc, x, y));
      std::optional<int32_t> r =
          constantValue<int32_t>(builder.createOrFold<ir::RemOp>(loc, x, y));
      if (defined) {
        ASSERT_TRUE(q && r) << a << " / " << b;
        EXPECT_EQ(*q, a / b) << a << " / " << b;
        EXPECT_EQ(*r, a % b) << a << " % " << b;
      } else {
        EXPECT_FALSE(q) << a << " / " << b << " must be left to the runtime";
        EXPECT_FALSE(r) << a << " % " << b << " must be left to the runtime";
      }
      std::optional<bool> lt = constantValue<bool>(
          builder.createOrFold<ir::CmpOp>(loc, ir::CmpPredicate::lt, x, y));
      ASSERT_TRUE(lt);
      EXPECT_EQ(*lt, a < b);
    }
  }
}

TEST_F(DialectTest, FloatFoldersAgreeWithCpp) {
  startFunc("f", {}, {});
  Type f64 = builder.getF64Type();
  const double values[] = {-7.5, -0.0, 0.0, 2.0, 3.25, INFINITY, NAN};
  for (double a : values) {
    for (double b : values) {
      Value x = constant(a, f64), y = constant(b, f64);
      std::optional<double> r =
          constantValue<double>(builder.createOrFold<ir::RemOp>(loc, x, y));
      ASSERT_TRUE(r);
      double expected = std::fmod(a, b);
      if (std::isnan(expected))
        EXPECT_TRUE(std::isnan(*r));
      else
        EXPECT_EQ(*r, expected) << "fmod(" << a << ", " << b << ")";
      std::optional<bool> ne = constantValue<bool>(
          builder.createOrFold<ir::CmpOp>(loc, ir::CmpPredicate::ne, x, y));
      ASSERT_TRUE(ne);
      EXPECT_EQ(*ne, a != b);
    }
    // Float to int truncates; out of range (or NaN) stays for the runtime.
    std::optional<int32_t> i =
        constantValue<int32_t>(builder.createOrFold<ir::CastOp>(
            loc, scalar(builder.getIntegerType(32)), constant(a, f64)));
    if (std::isfinite(a))
      EXPECT_EQ(i, static_cast<int32_t>(a));
    else
      EXPECT_FALSE(i);
  }
}

TEST_F(DialectTest, FailingOpsAreNotSpeculatable) {
  Type t = scalar(i64());
  auto vec = RankedTensorType::get({4}, i64());
  ir::FuncOp func = startFunc("f", {t, vec}, {});
  Value x = func.getArgument(0), v = func.getArgument(1);
  auto byVariable = builder.create<ir::DivOp>(loc, x, x);
  auto byTwo = builder.create<ir::DivOp>(loc, x, constant<int64_t>(2, i64()));
  auto byMinusOne =
      builder.create<ir::RemOp>(loc, x, constant<int64_t>(-1, i64()));
  auto inRange =
      builder.create<ir::IndexOp>(loc, v, constant<int64_t>(3, i64()));
  auto outOfRange =
      builder.create<ir::IndexOp>(loc, v, constant<int64_t>(4, i64()));
  EXPECT_FALSE(isSpeculatable(byVariable));
  EXPECT_TRUE(isSpeculatable(byTwo));
  EXPECT_FALSE(isSpeculatable(byMinusOne));
  EXPECT_TRUE(isSpeculatable(inRange));
  EXPECT_FALSE(isSpeculatable(outOfRange));
  // Still free of memory effects: unused ones may be removed.
  EXPECT_TRUE(isMemoryEffectFree(byVariable));
  EXPECT_TRUE(isMemoryEffectFree(outOfRange));
}

TEST_F(DialectTest, OptimizePipelineFromCpp) {
  Type t = scalar(i64());
  ir::FuncOp func = startFunc("f", {t}, {t, ir::TokenType::get(&context)});
  Value a = func.getArgument(0);
  Value token = builder.create<ir::TokenOp>(loc);
  // 2 + 3 folds; the unused product disappears; the print stays.
  Value five = builder.create<ir::AddOp>(loc, constant<int64_t>(2, i64()),
                                         constant<int64_t>(3, i64()));
  builder.create<ir::MulOp>(loc, a, a);
  auto print = builder.create<ir::PrintOp>(loc, token, "{}", ValueRange{a});
  builder.create<ir::ReturnOp>(
      loc, ValueRange{builder.create<ir::AddOp>(loc, a, five), print});
  ASSERT_TRUE(succeeded(verify(*module)));

  PassManager pm(&context);
  ag::buildOptimizePipeline(pm);
  ASSERT_TRUE(succeeded(pm.run(*module)));
  unsigned muls = 0, prints = 0, adds = 0;
  module->walk([&](Operation *op) {
    muls += isa<ir::MulOp>(op);
    prints += isa<ir::PrintOp>(op);
    adds += isa<ir::AddOp>(op);
  });
  EXPECT_EQ(muls, 0u);
  EXPECT_EQ(prints, 1u);
  EXPECT_EQ(adds, 1u);
}

} // namespace
