//===- TensorTest.cpp - Eager ag::Tensor semantics ------------------------===//

#include "ag/Tensor.h"
#include "ag/Error.h"
#include "ag/detail/TensorImpl.h"

#include "gtest/gtest.h"

#include <cmath>
#include <limits>

using namespace ag;

namespace {

TEST(TensorTest, LiteralsHaveTheirNaturalDTypeAndAreWeak) {
  EXPECT_EQ(Tensor(3).dtype(), DType::Int64);
  EXPECT_EQ(Tensor(2.5).dtype(), DType::Float64);
  EXPECT_EQ(Tensor(2.5f).dtype(), DType::Float32);
  EXPECT_EQ(Tensor(true).dtype(), DType::Bool);
  EXPECT_TRUE(Tensor(3).isWeak());
  EXPECT_EQ(Tensor(3).rank(), 0);
  EXPECT_FALSE(Tensor({1, 2}).isWeak());
  EXPECT_FALSE(Tensor().defined());
}

TEST(TensorTest, FromVectorChecksTheElementCount) {
  std::vector<double> values = {1, 2, 3, 4, 5, 6};
  Tensor t = Tensor::fromVector(values, {2, 3});
  EXPECT_EQ(t.shape(), (Shape{2, 3}));
  EXPECT_EQ(t[1][2].item<double>(), 6);
  Tensor flat = Tensor::fromVector(values);
  EXPECT_EQ(flat.shape(), (Shape{6}));
  EXPECT_EQ(flat.dtype(), DType::Float64);
  EXPECT_EQ(flat[5].item<double>(), 6);
  // Fewer values than the shape holds would read past the vector.
  try {
    Tensor::fromVector(values, {5, 2});
    FAIL() << "no error for 6 values of shape [5, 2]";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("6 values for shape [5, 2]"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(Tensor::fromVector(values, {7}), Error);
  EXPECT_THROW(Tensor::fromVector(values, {-2, -3}), Error);
  EXPECT_THROW(Tensor::fromVector(values, {1LL << 62, 1LL << 62}), Error);
  EXPECT_EQ(Tensor::fromVector(std::vector<int>{}).shape(), (Shape{0}));
}

TEST(TensorTest, WeakLiteralsAdoptTheTensorDType) {
  Tensor f = Tensor::full(DType::Float32, {2}, 1.5);
  Tensor i = Tensor::full(DType::Int32, {2}, 4);
  EXPECT_EQ((f * 2).dtype(), DType::Float32);
  EXPECT_EQ((2 * f).dtype(), DType::Float32);
  EXPECT_EQ((i + 1).dtype(), DType::Int32);
  // A weak literal never loses its kind: int32 + 2.5 computes in float64.
  Tensor mixed = i + 2.5;
  EXPECT_EQ(mixed.dtype(), DType::Float64);
  EXPECT_DOUBLE_EQ(mixed.elementAsDouble(0), 6.5);
  EXPECT_EQ((f + 2.5).dtype(), DType::Float32);
  EXPECT_FALSE((f * 2).isWeak());
  // Two weak values stay weak.
  EXPECT_TRUE((Tensor(1) + Tensor(2)).isWeak());
}

TEST(TensorTest, StrongOperandsPromote) {
  Tensor i32 = Tensor::full(DType::Int32, {}, 1);
  Tensor i64 = Tensor::full(DType::Int64, {}, 1);
  Tensor f32 = Tensor::full(DType::Float32, {}, 1);
  Tensor f64 = Tensor::full(DType::Float64, {}, 1);
  Tensor b = Tensor::full(DType::Bool, {}, 1);
  EXPECT_EQ((i32 + i64).dtype(), DType::Int64);
  EXPECT_EQ((i64 + f32).dtype(), DType::Float32);
  EXPECT_EQ((f32 + f64).dtype(), DType::Float64);
  EXPECT_EQ((b + i32).dtype(), DType::Int32);
  EXPECT_EQ((i32 < f64).dtype(), DType::Bool);
  EXPECT_EQ(detail::promoteTypes(OpKind::Lt, *i32.impl(), *f64.impl()),
            DType::Bool);
  EXPECT_EQ(detail::operandType(OpKind::Lt, *i32.impl(), *f64.impl()),
            DType::Float64);
  EXPECT_THROW(f32 & f32, Error);
  EXPECT_EQ((i32 | i32).dtype(), DType::Int32); // bitwise, as in C++
  EXPECT_THROW(f32 << i32, Error);
  // Arithmetic and negation on bools compute in int32, as in C++.
  EXPECT_EQ((b + b).dtype(), DType::Int32);
  EXPECT_EQ((-b).item<int32_t>(), -1);
  EXPECT_EQ(floor(i32).dtype(), DType::Float64);
}

TEST(TensorTest, Broadcasting) {
  EXPECT_EQ(detail::broadcastShapes({3, 1}, {1, 4}), (Shape{3, 4}));
  EXPECT_EQ(detail::broadcastShapes({4}, {2, 3, 4}), (Shape{2, 3, 4}));
  EXPECT_EQ(detail::broadcastShapes({}, {5}), (Shape{5}));
  EXPECT_THROW(detail::broadcastShapes({3}, {4}), Error);
  // Staged dimensions known only at evaluation (-1) broadcast against any
  // size; the evaluation checks them.
  EXPECT_EQ(detail::broadcastShapes({-1, 3}, {3}), (Shape{-1, 3}));
  EXPECT_EQ(detail::broadcastShapes({-1, 1}, {4}), (Shape{-1, 4}));
  EXPECT_EQ(detail::broadcastShapes({-1}, {1}), (Shape{-1}));
  EXPECT_EQ(detail::broadcastShapes({-1}, {-1}), (Shape{-1}));
  EXPECT_EQ(detail::broadcastShapes({2, -1}, {-1, 5}), (Shape{2, 5}));
  EXPECT_THROW(detail::broadcastShapes({-1, 3}, {4}), Error);

  Tensor col = Tensor::fromVector<int64_t>({1, 2, 3}, {3, 1});
  Tensor row = Tensor({10, 20});
  Tensor sum = col + row;
  EXPECT_EQ(sum.shape(), (Shape{3, 2}));
  EXPECT_EQ(toString(sum), "[[11, 21], [12, 22], [13, 23]]");
  EXPECT_EQ(toString(Tensor({1, 2, 3}) * 2), "[2, 4, 6]");
  try {
    (void)(Tensor({1, 2, 3}) + Tensor({1, 2}));
    FAIL() << "expected a shape error";
  } catch (const Error &e) {
    EXPECT_EQ(e.message(), "shapes [3] and [2] cannot be broadcast together");
  }
}

TEST(TensorTest, IntegerDivisionTruncatesAndChecksZero) {
  EXPECT_EQ((Tensor(-7) / 2).item<int64_t>(), -3);
  EXPECT_EQ((Tensor(-7) % 2).item<int64_t>(), -1);
  EXPECT_DOUBLE_EQ((Tensor(-7.0) / 2).item<double>(), -3.5);
  try {
    (void)(Tensor(1) / Tensor(0));
    FAIL() << "expected a division error";
  } catch (const Error &e) {
    EXPECT_EQ(e.message(), "integer division by zero");
    EXPECT_EQ(e.diagnostic().phase, Diagnostic::Phase::Evaluation);
    EXPECT_FALSE(e.loc().known());
  }
  EXPECT_THROW((void)(Tensor(1) % Tensor(0)), Error);
  EXPECT_TRUE(std::isinf((Tensor(1.0) / 0).item<double>()));
}

TEST(TensorTest, CompoundAssignmentAndIncrement) {
  Tensor x = 5;
  x += 2;
  x *= 3;
  EXPECT_EQ(x.item<int64_t>(), 21);
  Tensor old = x++;
  EXPECT_EQ(old.item<int64_t>(), 21);
  EXPECT_EQ(x.item<int64_t>(), 22);
  --x;
  EXPECT_EQ(x.item<int64_t>(), 21);
  Tensor f = Tensor::full(DType::Float32, {}, 1);
  f += 1;
  EXPECT_EQ(f.dtype(), DType::Float32);
}

TEST(TensorTest, BoolConversion) {
  EXPECT_TRUE(static_cast<bool>(Tensor(3) > 2));
  EXPECT_FALSE(static_cast<bool>(Tensor(0.0)));
  EXPECT_THROW((void)static_cast<bool>(Tensor({true, false})), Error);
  EXPECT_THROW((void)static_cast<bool>(Tensor()), Error);
}

TEST(TensorTest, LogicalOps) {
  Tensor a = Tensor({true, true, false});
  Tensor b = Tensor({true, false, false});
  EXPECT_EQ(toString(a & b), "[true, false, false]");
  EXPECT_EQ(toString(a | b), "[true, true, false]");
  EXPECT_EQ(toString(a ^ b), "[false, true, false]");
  EXPECT_EQ(toString(~a), "[false, false, true]");
  EXPECT_EQ(toString(!a), "[false, false, true]");
  EXPECT_EQ(toString(!Tensor({0, 2})), "[true, false]");
  EXPECT_EQ(toString(~Tensor({1, -1})), "[-2, 0]"); // bitwise on integers
  EXPECT_THROW(~Tensor({1.5}), Error);
}

TEST(TensorTest, ItemConvertsAndChecksSize) {
  EXPECT_EQ(Tensor(2.75).item<int64_t>(), 2);
  EXPECT_FLOAT_EQ(Tensor(3).item<float>(), 3.0f);
  EXPECT_TRUE(Tensor(1).item<bool>());
  EXPECT_EQ(Tensor({7}).item<int32_t>(), 7);
  EXPECT_THROW(Tensor({1, 2}).item<int64_t>(), Error);
  EXPECT_THROW(Tensor().item<int64_t>(), Error);
}

TEST(TensorTest, InitializerLists) {
  Tensor m = Tensor({{1.0, 2.0}, {3.0, 4.0}});
  EXPECT_EQ(m.dtype(), DType::Float64);
  EXPECT_EQ(m.shape(), (Shape{2, 2}));
  EXPECT_EQ(m.dim(1), 2);
  EXPECT_DOUBLE_EQ(m.elementAsDouble(3), 4.0);
  EXPECT_EQ(Tensor({1, 2, 3}).dtype(), DType::Int64);
  EXPECT_EQ(Tensor({1.0f, 2.0f}).dtype(), DType::Float32);
  EXPECT_EQ(Tensor({true}).dtype(), DType::Bool);
  EXPECT_THROW(Tensor({{1, 2}, {3}}), Error);
  EXPECT_THROW(m.dim(2), Error);
}

TEST(TensorTest, Printing) {
  EXPECT_EQ(toString(Tensor(5)), "5");
  EXPECT_EQ(toString(Tensor({1, 2, 3})), "[1, 2, 3]");
  EXPECT_EQ(toString(Tensor({{1.5, 2.0}, {3.0, 4.0}})), "[[1.5, 2], [3, 4]]");
  EXPECT_EQ(toString(Tensor(0.1)), "0.1");
  EXPECT_EQ(toString(Tensor(0.1f)), "0.1");
  EXPECT_EQ(toString(Tensor(20.0)), "20");
  EXPECT_EQ(toString(Tensor(123456.5)), "123456.5");
  EXPECT_EQ(toString(Tensor(-1e20)), "-1e+20");
  EXPECT_EQ(toString(Tensor(16777216.0f)), "16777216");
  EXPECT_EQ(toString(Tensor(true)), "true");
  EXPECT_EQ(toString(Tensor(std::nan(""))), "nan");
  EXPECT_EQ(toString(Tensor(-INFINITY)), "-inf");
  EXPECT_EQ(toString(Tensor::zeros(DType::Int32, {0})), "[]");
  EXPECT_EQ(toString(Tensor()), "<undefined>");
}

TEST(TensorTest, IdenticalTreatsNaNsAsEqual) {
  double nan = std::numeric_limits<double>::quiet_NaN();
  Tensor a = Tensor({1.0, nan});
  EXPECT_TRUE(a.identical(Tensor({1.0, nan})));
  EXPECT_FALSE(a.identical(Tensor({1.0, 2.0})));
  // Bit-identical: the sign of a zero counts (1 / x tells them apart).
  EXPECT_FALSE(Tensor({0.0}).identical(Tensor({-0.0})));
  EXPECT_TRUE(Tensor({-0.0f}).identical(Tensor({-0.0f})));
  EXPECT_FALSE(Tensor({1, 2}).identical(Tensor({1.0, 2.0})));
  EXPECT_FALSE(Tensor({1, 2}).identical(Tensor({{1, 2}})));
}

TEST(TensorTest, CopyOnWrite) {
  Tensor a = Tensor({1, 2, 3});
  Tensor b = a;
  static_cast<int64_t *>(b.rawMutableData())[0] = 42;
  EXPECT_EQ(toString(a), "[1, 2, 3]");
  EXPECT_EQ(toString(b), "[42, 2, 3]");
  // A sole owner writes in place.
  const void *before = b.rawData();
  EXPECT_EQ(b.rawMutableData(), before);
}

TEST(TensorTest, RangeForYieldsRows) {
  std::vector<std::string> rows;
  for (Tensor row : Tensor({{1, 2}, {3, 4}, {5, 6}}))
    rows.push_back(toString(row));
  EXPECT_EQ(rows, (std::vector<std::string>{"[1, 2]", "[3, 4]", "[5, 6]"}));
  EXPECT_THROW(Tensor(1).begin() != Tensor(1).end(), Error);
}

TEST(TensorTest, IndexingAndFunctions) {
  Tensor m = Tensor({{1, 2}, {3, 4}});
  EXPECT_EQ(toString(m[1]), "[3, 4]");
  EXPECT_EQ(toString(m[Tensor(0)]), "[1, 2]");
  EXPECT_THROW(m[2], Error);
  EXPECT_EQ(sum(m).item<int64_t>(), 10);
  EXPECT_EQ(sum(Tensor({true, true, false})).dtype(), DType::Int64);
  EXPECT_EQ(sum(Tensor({true, true, false})).item<int64_t>(), 2);
  EXPECT_EQ(toString(where(Tensor({true, false}), 1, Tensor({5, 6}))),
            "[1, 6]");
  EXPECT_EQ(toString(stack({Tensor({1, 2}), Tensor({3, 4})})),
            "[[1, 2], [3, 4]]");
  EXPECT_EQ(sqrt(Tensor(4)).dtype(), DType::Float64);
  EXPECT_DOUBLE_EQ(sqrt(Tensor(4)).item<double>(), 2.0);
  EXPECT_EQ(cast(Tensor(2.9), DType::Int32).item<int32_t>(), 2);
  EXPECT_EQ(toString(min(Tensor({1, 5}), 3)), "[1, 3]");
  EXPECT_EQ(pow(Tensor(2), 10).item<int64_t>(), 1024);
  EXPECT_NO_THROW(check_numerics(Tensor({1.0})));
  try {
    check_numerics(Tensor({1.0, std::nan("")}), "loss");
    FAIL() << "expected a numerics error";
  } catch (const Error &e) {
    EXPECT_EQ(e.message(), "loss: tensor has NaN or Inf values");
  }
}

} // namespace
