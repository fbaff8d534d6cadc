//===- KernelsTest.cpp - The eager kernels on their own -------------------===//

#include "ag/runtime/Kernels.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstdint>
#include <limits>

using namespace ag;
using kernels::KernelError;

namespace {

Tensor i32(std::vector<int32_t> v) {
  return Tensor::fromVector(v, {static_cast<int64_t>(v.size())});
}
Tensor f64(std::vector<double> v) {
  return Tensor::fromVector(v, {static_cast<int64_t>(v.size())});
}
Tensor scalarI32(int32_t v) { return Tensor::fromVector<int32_t>({v}, {}); }

TEST(KernelsTest, ArithmeticOnEveryDType) {
  EXPECT_EQ(toString(kernels::binary(OpKind::Add, i32({1, 2}), i32({3, 4}))),
            "[4, 6]");
  EXPECT_EQ(toString(kernels::binary(OpKind::Sub, f64({1, 2}), f64({0.5, 4}))),
            "[0.5, -2]");
  EXPECT_EQ(toString(kernels::binary(OpKind::Mul, scalarI32(3), i32({1, 2}))),
            "[3, 6]");
  EXPECT_EQ(toString(kernels::binary(OpKind::Max, i32({1, 9}), scalarI32(5))),
            "[5, 9]");
  EXPECT_EQ(toString(kernels::binary(OpKind::Min, i32({1, 9}), scalarI32(5))),
            "[1, 5]");
  EXPECT_EQ(toString(kernels::binary(OpKind::Pow, f64({2, 9}), f64({3, 0.5}))),
            "[8, 3]");
  EXPECT_EQ(toString(kernels::binary(OpKind::Pow, i32({3}), i32({4}))), "[81]");
  EXPECT_THROW(kernels::binary(OpKind::Pow, i32({3}), i32({-1})), KernelError);
  Tensor f32 = Tensor::fromVector<float>({1.5f}, {1});
  EXPECT_EQ(kernels::binary(OpKind::Add, f32, f32).dtype(), DType::Float32);
  Tensor i64 = Tensor::fromVector<int64_t>({INT64_MAX}, {});
  // Integer overflow wraps instead of being undefined.
  EXPECT_EQ(
      kernels::binary(OpKind::Add, i64, Tensor::fromVector<int64_t>({1}, {}))
          .item<int64_t>(),
      INT64_MIN);
}

TEST(KernelsTest, IntegerDivisionTruncatesTowardZero) {
  Tensor a = i32({7, -7, 7, -7});
  Tensor b = i32({2, 2, -2, -2});
  EXPECT_EQ(toString(kernels::binary(OpKind::Div, a, b)), "[3, -3, -3, 3]");
  EXPECT_EQ(toString(kernels::binary(OpKind::Rem, a, b)), "[1, -1, 1, -1]");
  EXPECT_EQ(toString(kernels::binary(OpKind::Rem, f64({7.5}), f64({2}))),
            "[1.5]");
}

TEST(KernelsTest, IntegerDivisionFaults) {
  try {
    kernels::binary(OpKind::Div, i32({1, 2}), i32({1, 0}));
    FAIL();
  } catch (const KernelError &e) {
    EXPECT_STREQ(e.what(), "integer division by zero");
  }
  try {
    kernels::binary(OpKind::Rem, i32({1}), scalarI32(0));
    FAIL();
  } catch (const KernelError &e) {
    EXPECT_STREQ(e.what(), "integer remainder by zero");
  }
  EXPECT_THROW(kernels::binary(OpKind::Div, i32({INT32_MIN}), scalarI32(-1)),
               KernelError);
  EXPECT_NO_THROW(kernels::binary(OpKind::Div, i32({5}), scalarI32(-1)));
}

TEST(KernelsTest, OperandsMustAgree) {
  EXPECT_THROW(kernels::binary(OpKind::Add, i32({1}), f64({1})), KernelError);
  EXPECT_THROW(kernels::binary(OpKind::Add, i32({1, 2}), i32({1, 2, 3})),
               KernelError);
  EXPECT_THROW(kernels::binary(OpKind::And, f64({1}), f64({1})), KernelError);
  // & | ^ are bitwise on integers; shifts need integers.
  EXPECT_EQ(toString(kernels::binary(OpKind::And, i32({6, -12}), i32({3, 10}))),
            "[2, 0]");
  EXPECT_THROW(kernels::binary(OpKind::Shl, f64({1}), f64({1})), KernelError);
  EXPECT_THROW(kernels::binary(OpKind::Add, Tensor({true}), Tensor({true})),
               KernelError);
}

// A graph's operands typed with '?' reach the kernels with whatever sizes
// the run gave them: they broadcast with numpy rules, or fail naming both
// shapes.
TEST(KernelsTest, RunTimeBroadcasting) {
  Tensor col = Tensor::fromVector<int32_t>({1, 2}, {2, 1});
  EXPECT_EQ(toString(kernels::binary(OpKind::Add, col, i32({10, 20, 30}))),
            "[[11, 21, 31], [12, 22, 32]]");
  EXPECT_EQ(toString(kernels::binary(OpKind::Lt, i32({2}), i32({1, 2, 3}))),
            "[false, false, true]");
  Tensor cond = kernels::reshape(Tensor({true, false}), {2, 1});
  EXPECT_EQ(toString(kernels::select(cond, i32({1, 2}), scalarI32(0))),
            "[[1, 2], [0, 0]]");
  EXPECT_EQ(toString(kernels::broadcastLike(scalarI32(7), {col})),
            "[[7], [7]]");
  EXPECT_EQ(toString(kernels::broadcastLike(i32({5, 6}), {col, i32({0})})),
            "[[5, 6], [5, 6]]");
  // Empty extents broadcast too.
  EXPECT_EQ(kernels::broadcastLike(scalarI32(1), {i32({})}).shape(),
            (Shape{0}));
  try {
    kernels::broadcastLike(i32({1, 2, 3}), {col, i32({1, 2})});
    ADD_FAILURE() << "expected a KernelError";
  } catch (const KernelError &e) {
    EXPECT_STREQ(e.what(), "'broadcast': shapes [2, 3] and [2] cannot be "
                           "broadcast together");
  }
}

TEST(KernelsTest, Comparisons) {
  Tensor a = i32({1, 2, 3});
  Tensor two = scalarI32(2);
  EXPECT_EQ(toString(kernels::binary(OpKind::Eq, a, two)),
            "[false, true, false]");
  EXPECT_EQ(toString(kernels::binary(OpKind::Ne, a, two)),
            "[true, false, true]");
  EXPECT_EQ(toString(kernels::binary(OpKind::Lt, a, two)),
            "[true, false, false]");
  EXPECT_EQ(toString(kernels::binary(OpKind::Le, a, two)),
            "[true, true, false]");
  EXPECT_EQ(toString(kernels::binary(OpKind::Gt, two, a)),
            "[true, false, false]");
  EXPECT_EQ(toString(kernels::binary(OpKind::Ge, a, two)),
            "[false, true, true]");
  double nan = std::nan("");
  EXPECT_EQ(toString(kernels::binary(OpKind::Eq, f64({nan}), f64({nan}))),
            "[false]");
}

TEST(KernelsTest, Unary) {
  EXPECT_EQ(toString(kernels::unary(OpKind::Neg, i32({1, -2}))), "[-1, 2]");
  EXPECT_EQ(toString(kernels::unary(OpKind::Abs, f64({-1.5}))), "[1.5]");
  EXPECT_EQ(toString(kernels::unary(OpKind::Abs, i32({-3}))), "[3]");
  EXPECT_EQ(toString(kernels::unary(OpKind::Floor, f64({-1.5, 2.5}))),
            "[-2, 2]");
  EXPECT_EQ(toString(kernels::unary(OpKind::Sqrt, f64({9}))), "[3]");
  EXPECT_EQ(toString(kernels::unary(OpKind::Exp, f64({0}))), "[1]");
  EXPECT_EQ(toString(kernels::unary(OpKind::Log, f64({1}))), "[0]");
  EXPECT_EQ(toString(kernels::unary(OpKind::Tanh, f64({0}))), "[0]");
  EXPECT_EQ(toString(kernels::unary(OpKind::Not, Tensor({true}))), "[false]");
  EXPECT_THROW(kernels::unary(OpKind::Not, i32({0})), KernelError);
  EXPECT_THROW(kernels::unary(OpKind::Floor, i32({1})), KernelError);
  EXPECT_THROW(kernels::unary(OpKind::Exp, i32({1})), KernelError);
  EXPECT_THROW(kernels::unary(OpKind::Neg, Tensor({true})), KernelError);
  EXPECT_THROW(kernels::unary(OpKind::Add, i32({1})), KernelError);
}

TEST(KernelsTest, CastSelectBroadcast) {
  EXPECT_EQ(toString(kernels::cast(f64({-1.7, 0, 2.2}), DType::Bool)),
            "[true, false, true]");
  EXPECT_EQ(toString(kernels::cast(f64({-1.7, 2.9}), DType::Int32)), "[-1, 2]");
  EXPECT_EQ(toString(kernels::select(Tensor({true, false}), i32({1, 2}),
                                     scalarI32(0))),
            "[1, 0]");
  EXPECT_THROW(kernels::select(i32({1}), i32({1}), i32({1})), KernelError);
  EXPECT_EQ(toString(kernels::broadcastTo(i32({1, 2}), {2, 2})),
            "[[1, 2], [1, 2]]");
  Tensor column = Tensor::fromVector<int32_t>({1, 2}, {2, 1});
  EXPECT_EQ(toString(kernels::broadcastTo(column, {2, 3})),
            "[[1, 1, 1], [2, 2, 2]]");
  EXPECT_THROW(kernels::broadcastTo(i32({1, 2}), {3}), KernelError);
}

TEST(KernelsTest, IndexReduceStack) {
  Tensor m = Tensor::fromVector<int32_t>({1, 2, 3, 4, 5, 6}, {3, 2});
  EXPECT_EQ(toString(kernels::index(m, 2)), "[5, 6]");
  try {
    kernels::index(m, 3);
    FAIL();
  } catch (const KernelError &e) {
    EXPECT_STREQ(e.what(), "index 3 is out of range for dimension 0 of size 3");
  }
  EXPECT_THROW(kernels::index(m, -1), KernelError);
  EXPECT_EQ(kernels::reduceSum(m).item<int32_t>(), 21);
  EXPECT_EQ(kernels::reduceSum(m).dtype(), DType::Int32);
  EXPECT_THROW(kernels::reduceSum(Tensor({true})), KernelError);
  Tensor s = kernels::stack({i32({1, 2}), i32({3, 4})});
  EXPECT_EQ(s.shape(), (Shape{2, 2}));
  EXPECT_THROW(kernels::stack({i32({1}), f64({1})}), KernelError);
  EXPECT_THROW(kernels::stack({}), KernelError);
}

TEST(KernelsTest, AllFinite) {
  EXPECT_TRUE(kernels::allFinite(f64({1, 2})));
  EXPECT_FALSE(kernels::allFinite(f64({1, std::nan("")})));
  EXPECT_FALSE(kernels::allFinite(f64({INFINITY})));
  EXPECT_TRUE(kernels::allFinite(i32({1})));
}

TEST(KernelsTest, Format) {
  EXPECT_EQ(kernels::format("a={} b={}", {Tensor(1), Tensor({1.5, 2.0})}),
            "a=1 b=[1.5, 2]");
  EXPECT_EQ(kernels::format("{%.3f}|{%5d}|{%ld}",
                            {Tensor(1.0), Tensor(42), Tensor(7)}),
            "1.000|   42|7");
  EXPECT_EQ(kernels::format("{{}}", {}), "{}");
  EXPECT_THROW(kernels::format("{}", {}), KernelError);
  EXPECT_THROW(kernels::format("x", {Tensor(1)}), KernelError);
  EXPECT_THROW(kernels::format("{%d}", {Tensor({1, 2})}), KernelError);
}

} // namespace

// The elementwise ops of issue 13 on edge values (hand-computed; the
// EdgeValuesTest checks every path against these kernels).
TEST(KernelsTest, BitwiseAndShifts) {
  auto i64 = [](std::vector<int64_t> v) {
    return Tensor::fromVector<int64_t>(v, {int64_t(v.size())});
  };
  const int64_t min = std::numeric_limits<int64_t>::min();
  EXPECT_EQ(toString(kernels::binary(OpKind::Xor, i64({5, -1}), i64({3, min}))),
            "[6, 9223372036854775807]");
  EXPECT_EQ(toString(kernels::binary(OpKind::Or, i64({5, 0}), i64({3, 0}))),
            "[7, 0]");
  // << wraps (C++20), >> is arithmetic.
  EXPECT_EQ(
      toString(kernels::binary(OpKind::Shl, i64({1, -1, 3}), i64({63, 1, 62}))),
      "[-9223372036854775808, -2, -4611686018427387904]");
  EXPECT_EQ(toString(kernels::binary(OpKind::Shr, i64({-7, min, 7}),
                                     i64({1, 63, 0}))),
            "[-4, -1, 7]");
  for (int64_t bad : {int64_t(-1), int64_t(64), min})
    EXPECT_THROW(kernels::binary(OpKind::Shl, i64({1}), i64({bad})),
                 KernelError)
        << bad;
  EXPECT_THROW(kernels::binary(OpKind::Shr, i32({1}), i32({32})), KernelError);
  EXPECT_EQ(toString(kernels::binary(OpKind::Shr, i32({-1}), i32({31}))),
            "[-1]");
  EXPECT_EQ(toString(kernels::unary(OpKind::BitNot, i64({0, min}))),
            "[-1, 9223372036854775807]");
  EXPECT_THROW(kernels::unary(OpKind::BitNot, f64({1})), KernelError);
  // Empty tensors: nothing to compute, nothing to fault on.
  EXPECT_EQ(kernels::binary(OpKind::Shl, i64({}), i64({})).numel(), 0);
}

TEST(KernelsTest, RoundingSignAndPredicates) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(
      toString(kernels::unary(OpKind::Round, f64({-2.5, 2.5, 0.49, -0.5}))),
      "[-3, 3, 0, -1]");
  EXPECT_EQ(toString(kernels::unary(OpKind::Ceil, f64({-2.5, 2.1, -0.5}))),
            "[-2, 3, -0]");
  EXPECT_EQ(
      toString(kernels::unary(OpKind::Sign, f64({-3, 0, -0.0, inf, nan}))),
      "[-1, 0, -0, 1, nan]");
  EXPECT_EQ(
      toString(kernels::unary(
          OpKind::Sign, i32({-5, 0, 7, std::numeric_limits<int32_t>::min()}))),
      "[-1, 0, 1, -1]");
  EXPECT_EQ(toString(kernels::unary(OpKind::IsNan, f64({nan, inf, 1}))),
            "[true, false, false]");
  EXPECT_EQ(toString(kernels::unary(OpKind::IsFinite, f64({nan, -inf, 1}))),
            "[false, false, true]");
  EXPECT_EQ(toString(kernels::unary(OpKind::IsFinite, i32({1}))), "[true]");
  EXPECT_EQ(kernels::unary(OpKind::IsNan, f64({})).dtype(), DType::Bool);
  // Sigmoid neither overflows nor loses the tails.
  EXPECT_EQ(toString(kernels::unary(OpKind::Sigmoid, f64({0, -1000, 1000}))),
            "[0.5, 0, 1]");
  EXPECT_GT(kernels::unary(OpKind::Sigmoid, f64({-700})).item<double>(), 0);
  EXPECT_EQ(toString(kernels::unary(OpKind::Sin, f64({0, -0.0}))), "[0, -0]");
  EXPECT_EQ(toString(kernels::unary(OpKind::Cos, f64({0}))), "[1]");
  EXPECT_THROW(kernels::unary(OpKind::Sin, i32({1})), KernelError);
}
