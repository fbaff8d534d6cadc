//===- FoldVsKernelsTest.cpp - folders agree with the runtime kernels -----===//
//
// A folded graph must compute what the eager code computes. For every
// elementwise op and element type, over a grid of values including the
// awkward ones (zero, -1, INT_MIN, NaN, infinities, -0.0), the folder's
// result is compared bit for bit with ag::kernels; where the kernel raises
// an error the folder must leave the op alone for the runtime to report.
//
//===----------------------------------------------------------------------===//

#include "ag/Dialect/AGOps.h"
#include "ag/Tensor.h"
#include "ag/runtime/Kernels.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Matchers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

using namespace mlir;
namespace ir = ag::ir;
using ag::OpKind;

namespace {

template <typename T> std::vector<T> grid() {
  if constexpr (std::is_floating_point_v<T>)
    return {T(-7.5), T(-1), T(-0.0), T(0), T(0.5), T(2), T(3.25),
            // Integer range bounds (casts), both sides of each.
            T(-2147483648.0), T(2147483648.0), T(-2147483649.0),
            T(-9223372036854775808.0), T(9223372036854775808.0), T(1e30),
            std::numeric_limits<T>::infinity(),
            -std::numeric_limits<T>::infinity(),
            std::numeric_limits<T>::quiet_NaN()};
  else
    return {std::numeric_limits<T>::min(),
            T(-7),
            T(-2),
            T(-1),
            T(0),
            T(1),
            T(2),
            T(3),
            T(31),
            std::numeric_limits<T>::max()};
}

template <typename T> Type elementType(MLIRContext *context) {
  Builder b(context);
  if constexpr (std::is_same_v<T, bool>)
    return b.getI1Type();
  else if constexpr (std::is_same_v<T, int32_t>)
    return b.getIntegerType(32);
  else if constexpr (std::is_same_v<T, int64_t>)
    return b.getIntegerType(64);
  else if constexpr (std::is_same_v<T, float>)
    return b.getF32Type();
  else
    return b.getF64Type();
}

Value createBinary(OpBuilder &b, Location loc, OpKind kind, Value x, Value y) {
  switch (kind) {
#define AG_BINARY(Kind, Name, IrOp)                                            \
  case OpKind::Kind:                                                           \
    return b.createOrFold<ir::IrOp>(loc, x, y);
#define AG_COMPARE(Kind, Name, Predicate)                                      \
  case OpKind::Kind:                                                           \
    return b.createOrFold<ir::CmpOp>(loc, ir::CmpPredicate::Predicate, x, y);
#include "ag/semantics/Ops.def"
  default:
    return {};
  }
}

Value createUnary(OpBuilder &b, Location loc, OpKind kind, Value x) {
  switch (kind) {
#define AG_UNARY(Kind, Name, IrOp)                                             \
  case OpKind::Kind:                                                           \
    return b.createOrFold<ir::IrOp>(loc, x);
#include "ag/semantics/Ops.def"
  default:
    return {};
  }
}

class FoldVsKernelsTest : public ::testing::Test {
protected:
  FoldVsKernelsTest() : builder(&context), loc(builder.getUnknownLoc()) {
    context.loadDialect<ir::AGDialect>();
    module = ModuleOp::create(loc);
    builder.setInsertionPointToEnd(module->getBody());
  }

  template <typename T> Value constant(T value) {
    auto type = ir::getScalarType(elementType<T>(&context));
    return builder.create<ir::ConstantOp>(loc,
                                          DenseElementsAttr::get(type, value));
  }

  template <typename T> static ag::Tensor tensor(T value) {
    return ag::Tensor::fromBuffer(ag::DTypeOf<T>::value, {}, &value);
  }

  /// Compares a folded value with the kernel's result bit for bit.
  template <typename R>
  static void expectSame(Value folded, const ag::Tensor &expected,
                         const std::string &what) {
    DenseElementsAttr attr;
    ASSERT_TRUE(matchPattern(folded, m_Constant(&attr))) << what;
    R got = attr.getSplatValue<R>();
    R want = expected.item<R>();
    if constexpr (std::is_floating_point_v<R>) {
      if (std::isnan(want)) {
        EXPECT_TRUE(std::isnan(got)) << what;
        return;
      }
      EXPECT_EQ(std::signbit(got), std::signbit(want)) << what;
    }
    EXPECT_EQ(got, want) << what;
  }

  template <typename T> void checkBinary(OpKind kind) {
    for (T a : grid<T>()) {
      for (T b : grid<T>()) {
        std::string what = std::string(ag::opKindName(kind)) + "(" +
                           std::to_string(a) + ", " + std::to_string(b) + ")";
        Value folded =
            createBinary(builder, loc, kind, constant(a), constant(b));
        bool isConstant = matchPattern(folded, m_Constant());
        ag::Tensor expected;
        try {
          expected = ag::kernels::binary(kind, tensor(a), tensor(b));
        } catch (const ag::kernels::KernelError &) {
          EXPECT_FALSE(isConstant) << what << " fails at run time";
          continue;
        }
        if (ag::hasBoolResult(kind))
          expectSame<bool>(folded, expected, what);
        else
          expectSame<T>(folded, expected, what);
      }
    }
  }

  template <typename T> void checkUnary(OpKind kind) {
    for (T a : grid<T>()) {
      std::string what =
          std::string(ag::opKindName(kind)) + "(" + std::to_string(a) + ")";
      Value folded = createUnary(builder, loc, kind, constant(a));
      ag::Tensor expected;
      try {
        expected = ag::kernels::unary(kind, tensor(a));
      } catch (const ag::kernels::KernelError &) {
        EXPECT_FALSE(matchPattern(folded, m_Constant())) << what;
        continue;
      }
      if (ag::hasBoolResult(kind))
        expectSame<bool>(folded, expected, what);
      else
        expectSame<T>(folded, expected, what);
    }
  }

  template <typename From, typename To> void checkCast() {
    Type to = ir::getScalarType(elementType<To>(&context));
    for (From a : grid<From>()) {
      std::string what = "cast(" + std::to_string(a) + ")";
      Value folded = builder.createOrFold<ir::CastOp>(loc, to, constant(a));
      if constexpr (std::is_floating_point_v<From> && std::is_integral_v<To> &&
                    !std::is_same_v<To, bool>) {
        // Out of range is undefined in C++: only in-range values fold, and
        // the kernel reports the others (eager and graph alike).
        double lo = double(std::numeric_limits<To>::min());
        double t = std::trunc(double(a));
        if (!(t >= lo && t < -lo)) {
          EXPECT_FALSE(matchPattern(folded, m_Constant())) << what;
          EXPECT_THROW(ag::kernels::cast(tensor(a), ag::DTypeOf<To>::value),
                       std::exception)
              << what;
          continue;
        }
      }
      expectSame<To>(
          folded, ag::kernels::cast(tensor(a), ag::DTypeOf<To>::value), what);
    }
  }

  MLIRContext context;
  OpBuilder builder;
  Location loc;
  OwningOpRef<ModuleOp> module;
};

// Every binary op; those not defined on a dtype (shifts on floats) must
// not fold, as the kernel rejects them.
const OpKind kNumericBinary[] = {
    OpKind::Add, OpKind::Sub, OpKind::Mul, OpKind::Div, OpKind::Rem,
    OpKind::Pow, OpKind::Min, OpKind::Max, OpKind::Eq,  OpKind::Ne,
    OpKind::Lt,  OpKind::Le,  OpKind::Gt,  OpKind::Ge,  OpKind::And,
    OpKind::Or,  OpKind::Xor, OpKind::Shl, OpKind::Shr};

TEST_F(FoldVsKernelsTest, BinaryInt32) {
  for (OpKind kind : kNumericBinary)
    checkBinary<int32_t>(kind);
}
TEST_F(FoldVsKernelsTest, BinaryInt64) {
  for (OpKind kind : kNumericBinary)
    checkBinary<int64_t>(kind);
}
TEST_F(FoldVsKernelsTest, BinaryFloat32) {
  for (OpKind kind : kNumericBinary)
    checkBinary<float>(kind);
}
TEST_F(FoldVsKernelsTest, BinaryFloat64) {
  for (OpKind kind : kNumericBinary)
    checkBinary<double>(kind);
}

TEST_F(FoldVsKernelsTest, Logical) {
  for (OpKind kind :
       {OpKind::And, OpKind::Or, OpKind::Xor, OpKind::Eq, OpKind::Ne})
    for (bool a : {false, true})
      for (bool b : {false, true}) {
        Value folded =
            createBinary(builder, loc, kind, constant(a), constant(b));
        expectSame<bool>(folded,
                         ag::kernels::binary(kind, tensor(a), tensor(b)),
                         ag::opKindName(kind));
      }
  for (bool a : {false, true})
    expectSame<bool>(createUnary(builder, loc, OpKind::Not, constant(a)),
                     ag::kernels::unary(OpKind::Not, tensor(a)), "not");
}

TEST_F(FoldVsKernelsTest, Unary) {
  // Every unary op but `not` (bool only, in Logical) on every number type.
  for (int k = static_cast<int>(OpKind::Neg);
       k <= static_cast<int>(OpKind::IsFinite); ++k) {
    OpKind kind = static_cast<OpKind>(k);
    if (kind == OpKind::Not)
      continue;
    checkUnary<int32_t>(kind);
    checkUnary<int64_t>(kind);
    checkUnary<float>(kind);
    checkUnary<double>(kind);
  }
}

TEST_F(FoldVsKernelsTest, Casts) {
  checkCast<int64_t, int32_t>();
  checkCast<int32_t, int64_t>();
  checkCast<int64_t, bool>();
  checkCast<int64_t, double>();
  checkCast<int32_t, float>();
  checkCast<double, int32_t>();
  checkCast<double, int64_t>();
  checkCast<float, int32_t>();
  checkCast<double, bool>();
  checkCast<double, float>();
  checkCast<float, double>();
}

} // namespace
