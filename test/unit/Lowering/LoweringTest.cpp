//===- LoweringTest.cpp - MLIR locations and ops to runtime Programs ------===//

#include "ag/Lowering/Lowering.h"

#include "ag/Dialect/AGDialect.h"
#include "ag/Dialect/AGOps.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

using namespace mlir;

namespace {

Location fileLoc(MLIRContext &ctx, unsigned line, unsigned col) {
  return FileLineColLoc::get(&ctx, "f.cpp", line, col);
}

/// The tracer's encoding: NameLoc(var, FusedLoc<function>[start, end]).
Location opLoc(MLIRContext &ctx, const char *var, const char *fn, unsigned line,
               unsigned col, unsigned endCol) {
  Location range =
      FusedLoc::get({fileLoc(ctx, line, col), fileLoc(ctx, line, endCol)},
                    StringAttr::get(&ctx, fn), &ctx);
  return NameLoc::get(StringAttr::get(&ctx, var), range);
}

TEST(LoweringLocation, DecodesRangeNameAndFunction) {
  MLIRContext ctx;
  ag::exec::NodeSource src =
      ag::lowering::toNodeSource(opLoc(ctx, "y", "inner", 11, 10, 14));
  EXPECT_EQ(src.loc.file, "f.cpp");
  EXPECT_EQ(src.loc.line, 11u);
  EXPECT_EQ(src.loc.col, 10u);
  EXPECT_EQ(src.loc.endLine, 11u);
  EXPECT_EQ(src.loc.endCol, 14u);
  EXPECT_EQ(src.loc.name, "y");
  EXPECT_EQ(src.loc.function, "inner");
  EXPECT_TRUE(src.callSites.empty());
}

TEST(LoweringLocation, CallSiteChainsFlattenTheSameForTracerAndInliner) {
  MLIRContext ctx;
  Location op = opLoc(ctx, "y", "inner", 11, 10, 14);
  Location mid = fileLoc(ctx, 2, 12), top = fileLoc(ctx, 30, 5);
  // Tracer: callsite(op at callsite(mid at top)).
  Location traced = CallSiteLoc::get(op, CallSiteLoc::get(mid, top));
  // Inliner: callsite(callsite(op at mid) at top).
  Location inlined = CallSiteLoc::get(CallSiteLoc::get(op, mid), top);
  for (Location loc : {traced, inlined}) {
    ag::exec::NodeSource src = ag::lowering::toNodeSource(loc);
    EXPECT_EQ(src.loc.line, 11u);
    EXPECT_EQ(src.loc.name, "y");
    ASSERT_EQ(src.callSites.size(), 2u);
    EXPECT_EQ(src.callSites[0].loc.line, 2u);
    EXPECT_EQ(src.callSites[0].message, "called from here");
    EXPECT_EQ(src.callSites[1].loc.line, 30u);
  }
}

TEST(LoweringLocation, UnknownLocationsStayEmpty) {
  MLIRContext ctx;
  ag::exec::NodeSource src = ag::lowering::toNodeSource(UnknownLoc::get(&ctx));
  EXPECT_FALSE(src.loc.known());
  EXPECT_TRUE(src.callSites.empty());
}

TEST(Lowering, RegionsBecomeSubProgramsWithCaptures) {
  MLIRContext ctx;
  ctx.getOrLoadDialect<ag::ir::AGDialect>();
  auto module = parseSourceString<ModuleOp>(R"mlir(
    ag.func @f(%x: tensor<i64> loc("x")) -> tensor<i64> {
      %one = ag.constant dense<1> : tensor<i64>
      %c = ag.cmp gt, %x, %one : tensor<i64>
      %r = ag.if %c -> (tensor<i64>) {
        %y = ag.add %x, %one : tensor<i64> loc("y")
        ag.yield %y : tensor<i64>
      } else {
        ag.yield %x : tensor<i64>
      }
      ag.return %r : tensor<i64>
    }
  )mlir",
                                            ParserConfig(&ctx));
  ASSERT_TRUE(module);
  auto func = *module->getOps<ag::ir::FuncOp>().begin();
  auto program = ag::lowering::lowerFunction(func);
  ASSERT_TRUE(succeeded(program));
  const ag::exec::Program &p = **program;
  ASSERT_EQ(p.arguments().size(), 1u);
  EXPECT_EQ(p.slot(p.arguments()[0]).name, "x");
  ASSERT_EQ(p.nodes().size(), 2u); // cmp, if (the constant is a slot)
  const ag::exec::Node &ifNode = p.nodes()[1];
  EXPECT_EQ(ifNode.kind, ag::exec::NodeKind::If);
  EXPECT_EQ(ifNode.numExplicitOperands, 1u);
  ASSERT_EQ(ifNode.regions.size(), 2u);
  // The then-region captures x and the constant; both are operands of the if.
  EXPECT_EQ(ifNode.regions[0]->captures().size(), 2u);
  EXPECT_EQ(ifNode.operands.size(), 1u + 2u + 1u);
  // The merged result is named after the variable yielded into it.
  EXPECT_EQ(p.slot(ifNode.results[0]).name, "y");
}

TEST(Lowering, UnsupportedOpsAreDiagnosedNotFatal) {
  MLIRContext ctx;
  ctx.getOrLoadDialect<ag::ir::AGDialect>();
  auto module = parseSourceString<ModuleOp>(R"mlir(
    ag.func @f(%x: tensor<i64>) -> tensor<i64> {
      %y = ag.call @g(%x) : (tensor<i64>) -> tensor<i64>
      ag.return %y : tensor<i64>
    }
    ag.func @g(%x: tensor<i64>) -> tensor<i64> {
      ag.return %x : tensor<i64>
    }
  )mlir",
                                            ParserConfig(&ctx));
  ASSERT_TRUE(module);
  std::string message;
  ScopedDiagnosticHandler handler(&ctx, [&](Diagnostic &d) {
    message = d.str();
    return success();
  });
  auto func = *module->getOps<ag::ir::FuncOp>().begin();
  EXPECT_TRUE(failed(ag::lowering::lowerFunction(func)));
  EXPECT_NE(message.find("cannot evaluate a call to @g"), std::string::npos)
      << message;
}

} // namespace
