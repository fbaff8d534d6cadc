//===- TraceTest.cpp - Tracing hand-written twins into the ag dialect -----===//
//
// The twins below call the staging API the way ag-convert's output does, so
// these tests pin down the tracer without the converter: the ops recorded,
// their locations, effect tokens, and every trace-time diagnostic. Each twin
// is also run eagerly (no tracer), where the staging calls must behave like
// the C++ constructs they replace.
//
//===----------------------------------------------------------------------===//

#include "ag/Trace/Trace.h"
#include "ag/Error.h"
#include "ag/detail/Tracer.h"
#include "ag/staging.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/Compiler.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <stdexcept>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <unistd.h>

using namespace ag;

namespace {

/// The "user's source" the twins point into; written to a temp file so
/// rendered diagnostics show the snippet and caret.
constexpr const char *kSource =
    "ag::Tensor collatz(ag::Tensor a) {\n"                          // 1
    "  ag::Tensor counter = 0;\n"                                   // 2
    "  while (a != 1) {\n"                                          // 3
    "    if (a % 2 == 0) a = a / 2; else a = 3 * a + 1;\n"          // 4
    "    counter += 1;\n"                                           // 5
    "  }\n"                                                         // 6
    "  return counter;\n"                                           // 7
    "}\n"                                                           // 8
    "ag::Tensor pick(ag::Tensor c, ag::Tensor a, ag::Tensor b) {\n" // 9
    "  ag::Tensor y;\n"                                             // 10
    "  if (c) y = a; else y = b;\n"                                 // 11
    "  return y;\n"                                                 // 12
    "}\n";                                                          // 13

std::string sourcePath() {
  // Per process: ctest -j runs test cases of this binary concurrently.
  static std::string path = ::testing::TempDir() + "ag_trace_twins_" +
                            std::to_string(getpid()) + ".cpp";
  static bool written = [] {
    std::ofstream(path) << kSource;
    std::atexit([] { std::remove(path.c_str()); });
    return true;
  }();
  (void)written;
  return path;
}

using Twin = std::function<std::vector<Tensor>(const std::vector<Tensor> &)>;

/// The module's text, or with `withLocations` one line per op and block
/// argument: its name and full location (no #loc aliases).
std::string print(mlir::ModuleOp module, bool withLocations = false) {
  std::string text;
  llvm::raw_string_ostream os(text);
  if (!withLocations) {
    module->print(os);
    return os.str();
  }
  module->walk([&](mlir::Operation *op) {
    os << op->getName() << " " << op->getLoc() << "\n";
    for (mlir::Region &region : op->getRegions())
      for (mlir::Block &block : region)
        for (mlir::BlockArgument arg : block.getArguments())
          os << "arg " << arg.getLoc() << "\n";
  });
  return os.str();
}

std::string trace(mlir::MLIRContext &context, const std::string &name,
                  std::vector<trace::ArgSpec> args, const Twin &twin,
                  bool withLocations = false) {
  auto module = trace::traceFunction(context, name, args, twin);
  return print(*module, withLocations);
}

/// The rendered diagnostic of the ag::Error tracing `twin` throws.
std::string traceError(const std::string &name,
                       std::vector<trace::ArgSpec> args, const Twin &twin) {
  mlir::MLIRContext context;
  try {
    trace::traceFunction(context, name, args, twin);
  } catch (const Error &e) {
    EXPECT_EQ(e.diagnostic().phase, Diagnostic::Phase::Trace);
    EXPECT_EQ(detail::currentTracer(), nullptr);
    return e.what();
  }
  ADD_FAILURE() << "tracing " << name << " did not fail";
  return "";
}

size_t count(const std::string &text, const std::string &what) {
  size_t n = 0;
  for (size_t pos = text.find(what); pos != std::string::npos;
       pos = text.find(what, pos + 1))
    ++n;
  return n;
}

const trace::ArgSpec i64Scalar{"a", DType::Int64, {}};

//===----------------------------------------------------------------------===//
// Twins
//===----------------------------------------------------------------------===//

Tensor collatzTwin(Tensor a) {
  FunctionScope scope("collatz", sourcePath().c_str(), 1, 1);
  at({2, 3, 2, 24, "counter"});
  Tensor counter = 0;
  while_(
      {3, 3}, {{"a", a}, {"counter", counter}},
      [&] {
        at({3, 10, 3, 15});
        return a != 1;
      },
      [&] {
        if_(
            {4, 5}, {{"a", a}},
            [&] {
              at({4, 9, 4, 18});
              return a % 2 == 0;
            },
            [&] {
              at({4, 21, 4, 29, "a"});
              a = a / 2;
            },
            [&] {
              at({4, 37, 4, 49, "a"});
              a = 3 * a + 1;
            });
        at({5, 5, 5, 16, "counter"});
        counter += 1;
      });
  return counter;
}

/// `if (x < 0) return -x; return x * 2;` as ag-convert lowers early
/// returns: a return slot and a flag guarding the rest of the body.
Tensor earlyReturnTwin(Tensor x) {
  FunctionScope scope("early", "early.cpp", 1, 1);
  Tensor ag_retval;
  Tensor ag_returned = false;
  if_(
      {2, 3}, {{"ag_retval", ag_retval}, {"ag_returned", ag_returned}},
      [&] { return x < 0; },
      [&] {
        ag_retval = -x;
        ag_returned = true;
      },
      nullptr);
  if_(
      {3, 3}, {{"ag_retval", ag_retval}}, [&] { return !ag_returned; },
      [&] { ag_retval = x * 2; }, nullptr);
  return ag_retval;
}

/// The first multiple of k in [1, n], or -1: a return inside a loop, so the
/// return slot has no value before the loop (the tracer probes its type).
Tensor firstMultipleTwin(Tensor n, Tensor k) {
  FunctionScope scope("firstMultiple", "first.cpp", 1, 1);
  Tensor i = 1;
  Tensor ag_retval;
  Tensor ag_returned = false;
  while_(
      {3, 3},
      {{"i", i}, {"ag_retval", ag_retval}, {"ag_returned", ag_returned}},
      [&] {
        return and_(
            {3, 10}, [&] { return !ag_returned; }, [&] { return i <= n; });
      },
      [&] {
        if_(
            {4, 5}, {{"ag_retval", ag_retval}, {"ag_returned", ag_returned}},
            [&] { return i % k == 0; },
            [&] {
              ag_retval = i;
              ag_returned = true;
            },
            nullptr);
        if_(
            {5, 5}, {{"i", i}}, [&] { return !ag_returned; },
            [&] { i = i + 1; }, nullptr);
      });
  if_(
      {7, 3}, {{"ag_retval", ag_retval}}, [&] { return !ag_returned; },
      [&] { ag_retval = -1; }, nullptr);
  return ag_retval;
}

/// `x != 0 && 10 / x > 2`: the division must stay behind the guard.
Tensor guardedTwin(Tensor x) {
  FunctionScope scope("guarded", "guarded.cpp", 1, 1);
  return and_(
      {2, 10}, [&] { return x != 0; }, [&] { return 10 / x > 2; });
}

void effectsTwin(Tensor x) {
  FunctionScope scope("effects", "effects.cpp", 1, 1);
  print_({2, 3}, {"x = ", x, " {braces}\n"});
  printf_({3, 3}, "%d items, %.2f each, 100%%\n", {x, x * 1.5});
  assert_({4, 3}, x > 0, "x must be positive");
}

Tensor loopPrintTwin(Tensor n) {
  FunctionScope scope("loopPrint", "loop.cpp", 1, 1);
  Tensor i = 0;
  while_(
      {2, 3}, {{"i", i}}, [&] { return i < n; },
      [&] {
        print_({3, 5}, {"i = ", i, "\n"});
        i += 1;
      });
  return i;
}

Tensor rowSumTwin(Tensor m) {
  FunctionScope scope("rowSum", "rows.cpp", 1, 1);
  Tensor total = 0.0;
  for_each_({2, 3}, {{"total", total}}, m,
            [&](const Tensor &row) { total = total + sum(row); });
  return total;
}

Tensor doWhileTwin(Tensor x) {
  FunctionScope scope("doWhile", "do.cpp", 1, 1);
  do_while_(
      {2, 3}, {{"x", x}}, [&] { x = x * 2; }, [&] { return x < 100; });
  return x;
}

//===----------------------------------------------------------------------===//
// Eager behaviour of the staging API
//===----------------------------------------------------------------------===//

TEST(StagingEagerTest, TwinsRunEagerlyWithoutATracer) {
  EXPECT_EQ(collatzTwin(27).item<int64_t>(), 111);
  EXPECT_EQ(earlyReturnTwin(-3).item<int64_t>(), 3);
  EXPECT_EQ(earlyReturnTwin(4).item<int64_t>(), 8);
  EXPECT_EQ(firstMultipleTwin(10, 4).item<int64_t>(), 4);
  EXPECT_EQ(firstMultipleTwin(3, 4).item<int64_t>(), -1);
  // The guard keeps the division by zero from running.
  EXPECT_FALSE(guardedTwin(0).item<bool>());
  EXPECT_TRUE(guardedTwin(3).item<bool>());
  EXPECT_EQ(doWhileTwin(1).item<int64_t>(), 128);
  EXPECT_DOUBLE_EQ(rowSumTwin(Tensor({{1.0, 2.0}, {3.0, 4.0}})).item<double>(),
                   10.0);
  EXPECT_EQ(cond_(
                {1, 1}, [] { return Tensor(false); }, [] { return Tensor(1); },
                [] { return Tensor(2); })
                .item<int64_t>(),
            2);
}

TEST(StagingEagerTest, EffectsRunEagerly) {
  ::testing::internal::CaptureStdout();
  effectsTwin(3);
  EXPECT_EQ(::testing::internal::GetCapturedStdout(),
            "x = 3 {braces}\n3 items, 4.50 each, 100%\n");
  ::testing::internal::CaptureStdout();
  try {
    effectsTwin(-1);
    ADD_FAILURE() << "the assert did not fire";
  } catch (const Error &e) {
    EXPECT_EQ(std::string(e.what()),
              "effects.cpp:4:3: error: assertion failed: x must be positive");
  }
  ::testing::internal::GetCapturedStdout();
}

TEST(StagingEagerTest, TwinRegistry) {
  static int original, twin;
  EXPECT_EQ(detail::lookupTwin(&original), nullptr);
  EXPECT_TRUE(detail::registerTwin(&original, &twin, "f", "f.cpp", 3));
  EXPECT_EQ(detail::lookupTwin(&original), &twin);
}

//===----------------------------------------------------------------------===//
// Graphs
//===----------------------------------------------------------------------===//

TEST(TraceTest, Collatz) {
  mlir::MLIRContext context;
  std::string ir = trace(context, "collatz", {i64Scalar},
                         [](const std::vector<Tensor> &args) {
                           return std::vector<Tensor>{collatzTwin(args[0])};
                         });
  EXPECT_NE(ir.find("ag.func @collatz(%arg0: tensor<i64>) -> tensor<i64>"),
            std::string::npos)
      << ir;
  EXPECT_EQ(count(ir, "ag.while"), 1u) << ir;
  EXPECT_EQ(count(ir, "ag.if"), 1u) << ir;
  EXPECT_EQ(count(ir, "ag.rem"), 1u) << ir;
  EXPECT_EQ(count(ir, "ag.div"), 1u) << ir;
  EXPECT_EQ(count(ir, "ag.condition"), 1u) << ir;
  // No effects, so no token anywhere.
  EXPECT_EQ(count(ir, "token"), 0u) << ir;
  EXPECT_EQ(detail::currentTracer(), nullptr);
}

TEST(TraceTest, LocationsCarryFileRangeFunctionAndName) {
  mlir::MLIRContext context;
  std::string ir = trace(
      context, "collatz", {i64Scalar},
      [](const std::vector<Tensor> &args) {
        return std::vector<Tensor>{collatzTwin(args[0])};
      },
      /*withLocations=*/true);
  std::string file = "\"" + sourcePath() + "\"";
  // The counter update: a NameLoc around the fused range, tagged with the
  // function.
  EXPECT_NE(ir.find("loc(\"counter\"(fused<\"collatz\">[" + file + ":5:5, " +
                    file + ":5:16]))"),
            std::string::npos)
      << ir;
  EXPECT_NE(ir.find("loc(\"a\"(fused<\"collatz\">[" + file + ":4:21, " + file +
                    ":4:29]))"),
            std::string::npos)
      << ir;
  // The function is located at its definition; parameters by their names.
  EXPECT_NE(ir.find("loc(fused<\"collatz\">[" + file + ":1:1])"),
            std::string::npos)
      << ir;
  EXPECT_NE(ir.find("loc(\"a\")"), std::string::npos) << ir;
}

TEST(TraceTest, TheTwinNamesItsParameters) {
  mlir::MLIRContext context;
  std::string ir = trace(
      context, "axpy", {{"", DType::Float64, {}}, {"", DType::Float64, {}}},
      [](const std::vector<Tensor> &args) {
        FunctionScope scope("axpy", "axpy.cpp", 1, 1, {"x", "y"});
        return std::vector<Tensor>{args[0] * 2 + args[1]};
      },
      /*withLocations=*/true);
  EXPECT_NE(ir.find("arg loc(\"x\")\narg loc(\"y\")"), std::string::npos) << ir;
}

TEST(TraceTest, WeakLiteralsAdoptTheTensorDType) {
  mlir::MLIRContext context;
  std::string ir = trace(context, "scale", {{"x", DType::Float32, {3}}},
                         [](const std::vector<Tensor> &args) {
                           return std::vector<Tensor>{args[0] * 2 + 1};
                         });
  EXPECT_NE(ir.find("ag.constant dense<2.000000e+00> : tensor<f32>"),
            std::string::npos)
      << ir;
  EXPECT_EQ(count(ir, "ag.cast"), 0u) << ir;
  EXPECT_NE(ir.find("-> tensor<3xf32>"), std::string::npos) << ir;
}

TEST(TraceTest, PromotionAndBroadcastAreExplicitOps) {
  mlir::MLIRContext context;
  std::string ir = trace(
      context, "mix", {{"i", DType::Int32, {2, 1}}, {"f", DType::Float64, {3}}},
      [](const std::vector<Tensor> &args) {
        return std::vector<Tensor>{args[0] + args[1]};
      });
  EXPECT_NE(ir.find("ag.cast %arg0 : tensor<2x1xi32> to tensor<2x1xf64>"),
            std::string::npos)
      << ir;
  EXPECT_EQ(count(ir, "ag.broadcast"), 2u) << ir;
  EXPECT_NE(ir.find("-> tensor<2x3xf64>"), std::string::npos) << ir;
}

TEST(TraceTest, EarlyReturnMergesTheReturnSlotWithAZero) {
  mlir::MLIRContext context;
  std::string ir =
      trace(context, "early", {i64Scalar}, [](const std::vector<Tensor> &args) {
        return std::vector<Tensor>{earlyReturnTwin(args[0])};
      });
  EXPECT_EQ(count(ir, "ag.if"), 2u) << ir;
  EXPECT_NE(ir.find("ag.constant dense<0> : tensor<i64>"), std::string::npos)
      << ir;
}

TEST(TraceTest, ReturnInsideALoopIsProbedForItsType) {
  mlir::MLIRContext context;
  std::string ir =
      trace(context, "firstMultiple",
            {{"n", DType::Int64, {}}, {"k", DType::Int64, {}}},
            [](const std::vector<Tensor> &args) {
              return std::vector<Tensor>{firstMultipleTwin(args[0], args[1])};
            });
  // One loop survives the probe; it carries i, the slot and the flag.
  EXPECT_EQ(count(ir, "ag.while"), 1u) << ir;
  EXPECT_NE(ir.find("(tensor<i64>, tensor<i64>, tensor<i1>) -> (tensor<i64>, "
                    "tensor<i64>, tensor<i1>)"),
            std::string::npos)
      << ir;
}

TEST(TraceTest, ShortCircuitKeepsTheDivisionInABranch) {
  mlir::MLIRContext context;
  std::string ir = trace(context, "guarded", {i64Scalar},
                         [](const std::vector<Tensor> &args) {
                           return std::vector<Tensor>{guardedTwin(args[0])};
                         });
  size_t ifPos = ir.find("ag.if");
  size_t divPos = ir.find("ag.div");
  size_t elsePos = ir.find("} else {");
  ASSERT_NE(ifPos, std::string::npos) << ir;
  EXPECT_LT(ifPos, divPos) << ir;
  EXPECT_LT(divPos, elsePos) << ir;
  EXPECT_NE(ir.find("-> tensor<i1>"), std::string::npos) << ir;
}

TEST(TraceTest, EffectsThreadATokenOutOfTheFunction) {
  mlir::MLIRContext context;
  std::string ir = trace(context, "effects", {i64Scalar},
                         [](const std::vector<Tensor> &args) {
                           effectsTwin(args[0]);
                           return std::vector<Tensor>{};
                         });
  EXPECT_NE(ir.find("-> !ag.token"), std::string::npos) << ir;
  EXPECT_EQ(count(ir, "= ag.token"), 1u) << ir;
  EXPECT_NE(ir.find("\"x = {} {{braces}}\\0A\""), std::string::npos) << ir;
  EXPECT_NE(ir.find("\"{%d} items, {%.2f} each, 100%\\0A\""), std::string::npos)
      << ir;
  EXPECT_NE(ir.find("\"x must be positive\""), std::string::npos) << ir;
  // print, printf and assert in program order, each consuming the last.
  size_t p1 = ir.find("ag.print"), p2 = ir.find("ag.print", p1 + 1),
         a = ir.find("ag.assert");
  EXPECT_LT(p1, p2);
  EXPECT_LT(p2, a);
}

TEST(TraceTest, LoopsCarryTheTokenOnlyWhenTheirBodyHasEffects) {
  mlir::MLIRContext context;
  std::string ir = trace(context, "loopPrint", {i64Scalar},
                         [](const std::vector<Tensor> &args) {
                           return std::vector<Tensor>{loopPrintTwin(args[0])};
                         });
  EXPECT_NE(ir.find("(tensor<i64>, !ag.token) -> (tensor<i64>, !ag.token)"),
            std::string::npos)
      << ir;
  EXPECT_NE(ir.find("-> (tensor<i64>, !ag.token)"), std::string::npos) << ir;
}

TEST(TraceTest, EffectsInABranchInsideALoopThreadTheToken) {
  mlir::MLIRContext context;
  std::string ir =
      trace(context, "evens", {i64Scalar}, [](const std::vector<Tensor> &args) {
        FunctionScope scope("evens", "evens.cpp", 1, 1);
        Tensor n = args[0];
        Tensor i = 0;
        while_(
            {2, 3}, {{"i", i}}, [&] { return i < n; },
            [&] {
              if_(
                  {3, 5}, {}, [&] { return i % 2 == 0; },
                  [&] {
                    print_({3, 20}, {i, "\n"});
                  },
                  [] {});
              i += 1;
            });
        return std::vector<Tensor>{i};
      });
  // The if yields the next token from the printing branch and passes the
  // loop's token through the other; the loop carries it; the function
  // returns it.
  EXPECT_NE(ir.find("ag.if %6 -> (!ag.token)"), std::string::npos) << ir;
  EXPECT_NE(ir.find("ag.yield %arg2 : !ag.token"), std::string::npos) << ir;
  EXPECT_NE(ir.find("-> (tensor<i64>, !ag.token)"), std::string::npos) << ir;
  EXPECT_EQ(count(ir, "= ag.token"), 1u) << ir;
}

TEST(TraceTest, ForEachAndDoWhile) {
  mlir::MLIRContext context;
  std::string ir = trace(context, "rowSum", {{"m", DType::Float64, {4, 3}}},
                         [](const std::vector<Tensor> &args) {
                           return std::vector<Tensor>{rowSumTwin(args[0])};
                         });
  EXPECT_EQ(count(ir, "ag.for"), 1u) << ir;
  EXPECT_NE(ir.find("ag.index %arg0["), std::string::npos) << ir;
  EXPECT_NE(ir.find("ag.reduce_sum"), std::string::npos) << ir;

  ir = trace(context, "doWhile", {i64Scalar},
             [](const std::vector<Tensor> &args) {
               return std::vector<Tensor>{doWhileTwin(args[0])};
             });
  // The body is in the `before` region, ahead of the condition.
  size_t mul = ir.find("ag.mul"), condition = ir.find("ag.condition");
  EXPECT_LT(mul, condition) << ir;
}

TEST(TraceTest, ConditionalExpressionYieldsItsValue) {
  mlir::MLIRContext context;
  std::string ir = trace(context, "clamp", {{"x", DType::Float32, {}}},
                         [](const std::vector<Tensor> &args) {
                           Tensor x = args[0];
                           // `x < 0 ? 0 : x`: the literal adopts float32.
                           return std::vector<Tensor>{cond_(
                               {1, 1}, [&] { return x < 0; },
                               [] { return Tensor(0); }, [&] { return x; })};
                         });
  EXPECT_NE(ir.find("ag.if %1 -> (tensor<f32>)"), std::string::npos) << ir;
  EXPECT_NE(ir.find("ag.constant dense<0.000000e+00> : tensor<f32>"),
            std::string::npos)
      << ir;
}

TEST(TraceTest, NestedTwinsGetCallSiteLocations) {
  mlir::MLIRContext context;
  auto inner = [](Tensor x) {
    FunctionScope scope("inner", "inner.cpp", 10, 1);
    at({11, 10, 0, 0, "y"});
    return x * 3;
  };
  std::string ir = trace(
      context, "outer", {i64Scalar},
      [&](const std::vector<Tensor> &args) {
        FunctionScope scope("outer", "outer.cpp", 1, 1);
        at({2, 12, 0, 0, "z"});
        Tensor z = inner(args[0]);
        return std::vector<Tensor>{z};
      },
      /*withLocations=*/true);
  EXPECT_NE(ir.find("callsite(\"y\"(fused<\"inner\">[\"inner.cpp\":11:10]) at "
                    "fused<\"outer\">[\"outer.cpp\":2:12])"),
            std::string::npos)
      << ir;
}

//===----------------------------------------------------------------------===//
// Trace-time errors
//===----------------------------------------------------------------------===//

Tensor pickTwin(Tensor c, Tensor a, Tensor b) {
  FunctionScope scope("pick", sourcePath().c_str(), 9, 1);
  Tensor y;
  if_(
      {11, 3}, {{"y", y}}, [&] { return c; },
      [&] {
        at({11, 10, 11, 14, "y"});
        y = a;
      },
      [&] {
        at({11, 21, 11, 25, "y"});
        y = b;
      });
  return y;
}

TEST(TraceErrorTest, BranchTypeMismatch) {
  std::string p = sourcePath();
  std::string text = traceError("pick",
                                {{"c", DType::Bool, {}},
                                 {"a", DType::Float32, {}},
                                 {"b", DType::Int32, {}}},
                                [](const std::vector<Tensor> &args) {
                                  return std::vector<Tensor>{
                                      pickTwin(args[0], args[1], args[2])};
                                });
  EXPECT_EQ(text, p +
                      ":11:10: error: variable 'y' is float32[] after the then "
                      "branch but int32[] after the else branch of this if; a "
                      "variable merged after an if needs one dtype and shape\n"
                      "  if (c) y = a; else y = b;\n"
                      "         ^~~~~\n" +
                      p +
                      ":11:21: note: 'y' is int32[] here\n"
                      "  if (c) y = a; else y = b;\n"
                      "                    ^~~~~\n" +
                      p +
                      ":11:3: note: the if is here\n"
                      "  if (c) y = a; else y = b;\n"
                      "  ^\n" +
                      p +
                      ":9:1: note: in 'pick'\n"
                      "ag::Tensor pick(ag::Tensor c, ag::Tensor a, ag::Tensor "
                      "b) {\n"
                      "^");
}

TEST(TraceErrorTest, UndefinedOnOnePath) {
  std::string text =
      traceError("onePath", {i64Scalar}, [](const std::vector<Tensor> &args) {
        FunctionScope scope("onePath", "one.cpp", 1, 1);
        Tensor y;
        Tensor x = args[0];
        if_(
            {3, 3}, {{"y", y}}, [&] { return x > 0; },
            [&] {
              at({3, 14, 0, 0, "y"});
              y = x;
            },
            nullptr);
        return std::vector<Tensor>{y};
      });
  EXPECT_EQ(text, "one.cpp:3:14: error: variable 'y' is assigned in the then "
                  "branch of this if but has no value in the else branch (nor "
                  "before the if)\n"
                  "one.cpp:3:3: note: the if is here\n"
                  "one.cpp:1:1: note: in 'onePath'");
}

TEST(TraceErrorTest, CarriedTypeChange) {
  std::string text =
      traceError("drift", {{"a", DType::Float32, {}}},
                 [](const std::vector<Tensor> &args) {
                   FunctionScope scope("drift", "drift.cpp", 1, 1);
                   Tensor a = args[0];
                   at({2, 3, 0, 0, "x"});
                   // Typed: a literal 0 would adopt float32 (as eagerly).
                   Tensor x = Tensor::zeros(DType::Int64, {});
                   while_(
                       {3, 3}, {{"x", x}}, [&] { return x < 10; },
                       [&] {
                         at({4, 5, 0, 0, "x"});
                         x = x + a;
                       });
                   return std::vector<Tensor>{x};
                 });
  EXPECT_EQ(text, "drift.cpp:4:5: error: loop-carried variable 'x' changes "
                  "type in the loop: it is int64[] before the loop and "
                  "float32[] after an iteration\n"
                  "drift.cpp:2:3: note: 'x' is int64[] here\n"
                  "drift.cpp:3:3: note: the loop is here\n"
                  "drift.cpp:1:1: note: in 'drift'");
}

// Out of line, so that every build (with or without debug info) has its
// frame: the error names it by the caller of Tensor::operator bool.
LLVM_ATTRIBUTE_NOINLINE bool unconvertedHelper(const Tensor &t) {
  return static_cast<bool>(t > 0);
}

struct UnconvertedChecker {
  LLVM_ATTRIBUTE_NOINLINE bool isPositive(const Tensor &t) const {
    if (t > 0)
      return true;
    return false;
  }
};

TEST(TraceErrorTest, StagedTensorAsBoolInUnconvertedCode) {
  std::string text =
      traceError("caller", {i64Scalar}, [](const std::vector<Tensor> &args) {
        FunctionScope scope("caller", "caller.cpp", 1, 1);
        at({2, 7});
        unconvertedHelper(args[0]);
        return std::vector<Tensor>{};
      });
  EXPECT_EQ(text, "caller.cpp:2:7: error: a staged tensor is used as a C++ "
                  "bool in 'unconvertedHelper', which ag-convert did not "
                  "convert (called while tracing 'caller'); mark "
                  "'unconvertedHelper' AG_CONVERT so its control flow is "
                  "staged\n"
                  "caller.cpp:1:1: note: in 'caller'");
}

// A method is named too (qualified when there is a symbol table or full
// debug info, "isPositive" alone with line tables only).
TEST(TraceErrorTest, StagedTensorAsBoolInUnconvertedMethod) {
  std::string text =
      traceError("caller", {i64Scalar}, [](const std::vector<Tensor> &args) {
        FunctionScope scope("caller", "caller.cpp", 1, 1);
        at({2, 7});
        UnconvertedChecker().isPositive(args[0]);
        return std::vector<Tensor>{};
      });
  EXPECT_NE(text.find("isPositive', which ag-convert did not convert"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("operator bool"), std::string::npos) << text;
}

// A condition in a lambda has no name to give: the general advice.
TEST(TraceErrorTest, StagedTensorAsBoolInLambda) {
  std::string text =
      traceError("caller", {i64Scalar}, [](const std::vector<Tensor> &args) {
        FunctionScope scope("caller", "caller.cpp", 1, 1);
        at({2, 7});
        if (args[0] > 0)
          return std::vector<Tensor>{args[0]};
        return std::vector<Tensor>{};
      });
  EXPECT_EQ(text, "caller.cpp:2:7: error: a staged tensor is used as a C++ "
                  "bool in code that ag-convert did not convert (called while "
                  "tracing 'caller'); mark the function containing this "
                  "condition AG_CONVERT so its control flow is staged\n"
                  "caller.cpp:1:1: note: in 'caller'");
}

TEST(TraceErrorTest, NestedCallsShowTheChain) {
  auto inner = [](Tensor x) {
    FunctionScope scope("inner", "inner.cpp", 10, 1);
    at({11, 3});
    return x.item<int64_t>();
  };
  std::string text =
      traceError("outer", {i64Scalar}, [&](const std::vector<Tensor> &args) {
        FunctionScope scope("outer", "outer.cpp", 1, 1);
        at({2, 12});
        inner(args[0]);
        return std::vector<Tensor>{};
      });
  EXPECT_EQ(text, "inner.cpp:11:3: error: cannot read the elements of a "
                  "staged tensor while tracing: its value is only known when "
                  "the graph runs (use ag::print to show it)\n"
                  "inner.cpp:10:1: note: in 'inner'\n"
                  "outer.cpp:2:12: note: called from here\n"
                  "outer.cpp:1:1: note: in 'outer'");
}

TEST(TraceErrorTest, PromotionErrorsGetTheCurrentLocation) {
  std::string text =
      traceError("shapes", {{"a", DType::Int64, {3}}, {"b", DType::Int64, {2}}},
                 [](const std::vector<Tensor> &args) {
                   FunctionScope scope("shapes", "shapes.cpp", 1, 1);
                   at({2, 10, 2, 14, "c"});
                   return std::vector<Tensor>{args[0] + args[1]};
                 });
  EXPECT_EQ(text, "shapes.cpp:2:10: error: shapes [3] and [2] cannot be "
                  "broadcast together\n"
                  "shapes.cpp:1:1: note: in 'shapes'");
}

TEST(TraceErrorTest, ValuesFromAnotherTraceAreRejected) {
  mlir::MLIRContext context;
  Tensor kept;
  trace(context, "first", {i64Scalar}, [&](const std::vector<Tensor> &args) {
    kept = args[0];
    return std::vector<Tensor>{args[0]};
  });
  std::string text =
      traceError("second", {i64Scalar}, [&](const std::vector<Tensor> &args) {
        return std::vector<Tensor>{args[0] + kept};
      });
  EXPECT_NE(text.find("a staged tensor from another trace"), std::string::npos)
      << text;
  // Outside any trace, a kept staged tensor is an error too, not a crash.
  EXPECT_THROW((void)(kept + 1), Error);
}

TEST(TraceErrorTest, AnErrorInABranchRestoresTheVariables) {
  mlir::MLIRContext context;
  std::string ir = trace(
      context, "recover", {i64Scalar}, [](const std::vector<Tensor> &args) {
        FunctionScope scope("recover", "recover.cpp", 1, 1);
        Tensor x = args[0];
        Tensor y = x + 1;
        try {
          if_(
              {3, 3}, {{"y", y}}, [&] { return x > 0; },
              [&] {
                y = y * 2;
                (void)static_cast<bool>(y); // not converted: an error
              },
              nullptr);
        } catch (const Error &) {
        }
        // y is still the value from before the if, not one of the
        // discarded branch.
        return std::vector<Tensor>{y};
      });
  EXPECT_EQ(count(ir, "ag.if"), 0u) << ir;
  EXPECT_EQ(count(ir, "ag.mul"), 0u) << ir;
  EXPECT_NE(ir.find("ag.return %1"), std::string::npos) << ir;
}

TEST(TraceErrorTest, AGraphThatDoesNotVerifyIsAnInternalError) {
  // A twin that assigns a variable in a branch without listing it among
  // the if's variables (a converter bug) uses a value outside its region.
  std::string text =
      traceError("leak", {i64Scalar}, [](const std::vector<Tensor> &args) {
        Tensor x = args[0];
        Tensor leaked = x;
        if_(
            {1, 1}, {}, [&] { return x > 0; }, [&] { leaked = x * 2; },
            nullptr);
        return std::vector<Tensor>{leaked};
      });
  EXPECT_NE(text.find("error: internal error: the graph traced from 'leak' "
                      "does not verify (a bug in ag-convert's twin or in the "
                      "tracer; please report it with this function):"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("does not dominate"), std::string::npos) << text;
}

TEST(TraceErrorTest, TheContextStaysUsableAfterAnError) {
  mlir::MLIRContext context;
  EXPECT_THROW(trace::traceFunction(context, "bad", {i64Scalar},
                                    [](const std::vector<Tensor> &args) {
                                      (void)static_cast<bool>(args[0]);
                                      return std::vector<Tensor>{};
                                    }),
               Error);
  EXPECT_EQ(detail::currentTracer(), nullptr);
  std::string ir = trace(context, "collatz", {i64Scalar},
                         [](const std::vector<Tensor> &args) {
                           return std::vector<Tensor>{collatzTwin(args[0])};
                         });
  EXPECT_NE(ir.find("ag.while"), std::string::npos);
}

TEST(TraceErrorTest, HelperExceptionIsLocatedAtTheCallingStatement) {
  std::string text =
      traceError("caller", {i64Scalar}, [](const std::vector<Tensor> &args) {
        FunctionScope scope("caller", "caller.cpp", 1, 1);
        at({2, 3, 2, 9, "y"});
        Tensor y = args[0] + 1;
        at({3, 7, 3, 20, "z"});
        throw std::runtime_error("from a helper");
        return std::vector<Tensor>{y};
      });
  EXPECT_EQ(text, "caller.cpp:3:7: error: exception std::runtime_error thrown "
                  "while tracing: from a helper\n"
                  "note: functions that are not AG_CONVERT run once, while "
                  "the graph is traced\n"
                  "caller.cpp:1:1: note: in 'caller'");
}

TEST(TraceErrorTest, ExceptionCaughtInsideTheTraceLeavesNoStaleLocation) {
  // A helper catches an exception that unwound through a nested twin; a
  // later location-free error must be reported where it happens.
  std::string text =
      traceError("outer", {i64Scalar}, [](const std::vector<Tensor> &args) {
        FunctionScope scope("outer", "outer.cpp", 1, 1);
        at({2, 3, 2, 9, "a"});
        try {
          FunctionScope inner("inner", "inner.cpp", 10, 1);
          at({11, 5, 11, 9});
          throw std::logic_error("handled");
        } catch (const std::logic_error &) {
        }
        at({4, 3, 4, 12, "b"});
        Tensor undefined;
        Tensor b = args[0] + undefined;
        return std::vector<Tensor>{b};
      });
  EXPECT_EQ(text, "outer.cpp:4:3: error: use of an undefined tensor (a "
                  "variable declared without a value)\n"
                  "outer.cpp:1:1: note: in 'outer'");
}

TEST(TraceErrorTest, ExceptionTwoTwinsDeepKeepsTheCallChain) {
  std::string text =
      traceError("top", {i64Scalar}, [](const std::vector<Tensor> &args) {
        FunctionScope scope("top", "top.cpp", 1, 1);
        at({2, 3, 2, 12, "r"});
        FunctionScope callee("leaf", "leaf.cpp", 20, 1);
        at({21, 5, 21, 30});
        throw 42; // not even a std::exception
        return std::vector<Tensor>{args[0]};
      });
  EXPECT_EQ(text, "leaf.cpp:21:5: error: exception thrown while tracing\n"
                  "leaf.cpp:20:1: note: in 'leaf'\n"
                  "top.cpp:2:3: note: called from here\n"
                  "top.cpp:1:1: note: in 'top'");
}

} // namespace
