//===- OpLibraryTest.cpp - Reductions, linalg, shapes, creation eagerly ---===//
//
// Hand-computed values and the edge cases: empty tensors, size-1 axes,
// negative axes, integer overflow, and the errors that name both shapes.
//
//===----------------------------------------------------------------------===//

#include "ag/Error.h"
#include "ag/Tensor.h"
#include "ag/runtime/Kernels.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstdint>
#include <limits>

using namespace ag;

namespace {

Tensor m23() { return Tensor{{1.0, 5.0, -3.0}, {4.0, 2.0, 6.0}}; }

std::string errorOf(const std::function<void()> &fn) {
  try {
    fn();
  } catch (const Error &e) {
    return e.message();
  }
  return "(no error)";
}

TEST(OpLibraryTest, ReductionsOverAllElements) {
  Tensor m = m23();
  EXPECT_EQ(toString(sum(m)), "15");
  EXPECT_EQ(toString(prod(m)), "-720");
  EXPECT_EQ(toString(mean(m)), "2.5");
  EXPECT_EQ(toString(max(m)), "6");
  EXPECT_EQ(toString(min(m)), "-3");
  EXPECT_EQ(toString(argmax(m)), "5");
  EXPECT_EQ(toString(argmin(m)), "2");
  EXPECT_EQ(argmax(m).dtype(), DType::Int64);
  EXPECT_EQ(toString(any(m > 5.5)), "true");
  EXPECT_EQ(toString(all(m > 0)), "false");
  // Numbers are tested against zero.
  EXPECT_EQ(toString(all(Tensor{1, 2, 3})), "true");
}

TEST(OpLibraryTest, ReductionsAlongAxes) {
  Tensor m = m23();
  EXPECT_EQ(toString(sum(m, 0)), "[5, 7, 3]");
  EXPECT_EQ(toString(sum(m, 1)), "[3, 12]");
  EXPECT_EQ(toString(sum(m, -1)), "[3, 12]");
  EXPECT_EQ(toString(sum(m, 0, true)), "[[5, 7, 3]]");
  EXPECT_EQ(toString(sum(m, axes({0, 1}))), "15");
  EXPECT_EQ(toString(sum(m, axes({-1, 0}), true)), "[[15]]");
  EXPECT_EQ(toString(max(m, axis(1))), "[5, 6]");
  EXPECT_EQ(toString(min(m, axis(0), true)), "[[1, 2, -3]]");
  EXPECT_EQ(toString(mean(m, 0)), "[2.5, 3.5, 1.5]");
  EXPECT_EQ(toString(argmax(m, 0)), "[1, 0, 1]");
  EXPECT_EQ(toString(argmin(m, -1, true)), "[[2], [1]]");
  EXPECT_EQ(toString(prod(m, 1)), "[-15, 48]");
  EXPECT_EQ(toString(any(m < 0, 1)), "[true, false]");
  // Two-argument max stays elementwise.
  EXPECT_EQ(toString(max(m, 0)), "[[1, 5, 0], [4, 2, 6]]");
  // Non-contiguous axes of a rank-3 tensor.
  Tensor t = reshape(arange(24), {2, 3, 4});
  EXPECT_EQ(toString(sum(t, axes({0, 2}))), "[60, 92, 124]");
  EXPECT_EQ(toString(sum(t, axes({0, 2}), true)), "[[[60], [92], [124]]]");
}

TEST(OpLibraryTest, ReductionDTypes) {
  Tensor b = Tensor{true, true, false};
  EXPECT_EQ(sum(b, 0).dtype(), DType::Int64);
  EXPECT_EQ(toString(sum(b, 0)), "2");
  Tensor i = Tensor{1, 2};
  EXPECT_EQ(mean(i).dtype(), DType::Float64);
  EXPECT_EQ(toString(mean(i)), "1.5");
  Tensor f = Tensor::fromVector<float>({1.5f, 2.5f}, {2});
  EXPECT_EQ(sum(f, 0).dtype(), DType::Float32);
  EXPECT_EQ(max(f).dtype(), DType::Float32);
}

TEST(OpLibraryTest, EmptyAndSizeOne) {
  Tensor e = Tensor::zeros(DType::Float64, {0, 3});
  EXPECT_EQ(toString(sum(e)), "0");
  EXPECT_EQ(toString(sum(e, 0)), "[0, 0, 0]");
  EXPECT_EQ(toString(prod(e, 0)), "[1, 1, 1]");
  EXPECT_EQ(sum(e, 1).shape(), Shape({0}));
  EXPECT_EQ(toString(all(e > 0)), "true");
  EXPECT_EQ(toString(any(e > 0)), "false");
  EXPECT_TRUE(std::isnan(mean(e).item<double>()));
  EXPECT_EQ(errorOf([&] { max(e); }),
            "max of an empty extent: float64[0, 3] has size 0 along axis 0");
  EXPECT_EQ(errorOf([&] { argmin(e, 0); }),
            "argmin of an empty extent: float64[0, 3] has size 0 along axis 0");
  // Reducing along the non-empty axis of an empty tensor is fine.
  EXPECT_EQ(max(e, axis(1)).shape(), Shape({0}));
  Tensor one = reshape(Tensor{7.0}, {1, 1});
  EXPECT_EQ(toString(sum(one, 0)), "[7]");
  EXPECT_EQ(toString(argmax(one, 1)), "[0]");
  EXPECT_EQ(toString(squeeze(one)), "7");
}

TEST(OpLibraryTest, NaNsWin) {
  double nan = std::numeric_limits<double>::quiet_NaN();
  Tensor v = Tensor::fromVector<double>({1, nan, 3}, {3});
  EXPECT_TRUE(std::isnan(max(v).item<double>()));
  EXPECT_TRUE(std::isnan(min(v).item<double>()));
  EXPECT_EQ(toString(argmax(v)), "1");
  EXPECT_EQ(toString(argmin(v)), "1");
}

TEST(OpLibraryTest, IntegerOverflowWraps) {
  int32_t big = std::numeric_limits<int32_t>::max();
  Tensor v = Tensor::fromVector<int32_t>({big, 1}, {2});
  EXPECT_EQ(sum(v, 0).item<int32_t>(), std::numeric_limits<int32_t>::min());
  Tensor p = Tensor::fromVector<int64_t>({int64_t(1) << 62, 4}, {2});
  EXPECT_EQ(prod(p).item<int64_t>(), 0);
  Tensor a = Tensor::fromVector<int32_t>({big, big}, {1, 2});
  Tensor b = Tensor::fromVector<int32_t>({1, 1}, {2, 1});
  EXPECT_EQ(matmul(a, b).item<int32_t>(), -2);
}

TEST(OpLibraryTest, AxisErrorsNameTheShape) {
  Tensor m = m23();
  EXPECT_EQ(errorOf([&] { sum(m, 2); }),
            "sum: axis 2 is out of range for float64[2, 3] (valid: -2 to 1)");
  EXPECT_EQ(errorOf([&] { max(m, axis(-3)); }),
            "max: axis -3 is out of range for float64[2, 3] (valid: -2 to 1)");
  EXPECT_EQ(errorOf([&] {
              sum(m, axes({1, -1}));
            }),
            "sum: axis 1 is listed twice");
  EXPECT_EQ(errorOf([&] {
              reduce(ReduceKind::ArgMax, arange(8), axes({0, 0}));
            }),
            "argmax: axis 0 is listed twice");
}

TEST(OpLibraryTest, Matmul) {
  Tensor a = Tensor{{1.0, 2.0}, {3.0, 4.0}};
  Tensor b = Tensor{{5.0, 6.0}, {7.0, 8.0}};
  EXPECT_EQ(toString(matmul(a, b)), "[[19, 22], [43, 50]]");
  Tensor v = Tensor{1.0, 1.0};
  EXPECT_EQ(toString(matmul(a, v)), "[3, 7]");
  EXPECT_EQ(toString(matmul(v, a)), "[4, 6]");
  EXPECT_EQ(toString(dot(v, Tensor{2.0, 3.0})), "5");
  EXPECT_EQ(toString(outer(Tensor{1, 2}, Tensor{3, 4, 5})),
            "[[3, 4, 5], [6, 8, 10]]");
  // Integers and mixed operands promote as arithmetic does.
  EXPECT_EQ(toString(matmul(Tensor{1, 2}, reshape(Tensor{3, 4}, {2, 1}))),
            "[11]");
  EXPECT_EQ(matmul(Tensor{1, 2}, b).dtype(), DType::Float64);
  // A batch of matrices, and a batch against one shared matrix.
  Tensor batch = stack({a, b});
  EXPECT_EQ(toString(matmul(batch, batch)),
            "[[[7, 10], [15, 22]], [[67, 78], [91, 106]]]");
  EXPECT_EQ(toString(matmul(batch, eye(2))), toString(batch));
  EXPECT_EQ(matmul(Tensor::zeros(DType::Float64, {0, 3}),
                   Tensor::zeros(DType::Float64, {3, 2}))
                .shape(),
            Shape({0, 2}));
  EXPECT_EQ(toString(matmul(Tensor::zeros(DType::Float64, {2, 0}),
                            Tensor::zeros(DType::Float64, {0, 2}))),
            "[[0, 0], [0, 0]]");
  EXPECT_EQ(errorOf([&] {
              matmul(a, Tensor{1.0, 2.0, 3.0});
            }),
            "matmul of float64[2, 2] and float64[3]: inner dimensions 2 and 3 "
            "differ");
  EXPECT_EQ(errorOf([&] { dot(a, v); }),
            "dot of float64[2, 2] and float64[2]: both operands must be "
            "vectors (use matmul for matrices)");
}

TEST(OpLibraryTest, Transpose) {
  Tensor m = m23();
  EXPECT_EQ(toString(transpose(m)), "[[1, 4], [5, 2], [-3, 6]]");
  Tensor t = reshape(arange(6), {1, 2, 3});
  EXPECT_EQ(transpose(t, {2, 0, 1}).shape(), Shape({3, 1, 2}));
  EXPECT_EQ(toString(transpose(t, {-1, 0, 1})),
            "[[[0, 3]], [[1, 4]], [[2, 5]]]");
  EXPECT_EQ(errorOf([&] {
              transpose(m, {0, 0});
            }),
            "transpose: [0, 0] is not a permutation of the 2 dimensions of "
            "float64[2, 3]");
}

TEST(OpLibraryTest, Shapes) {
  Tensor m = m23();
  EXPECT_EQ(reshape(m, {3, -1}).shape(), Shape({3, 2}));
  EXPECT_EQ(toString(flatten(m)), "[1, 5, -3, 4, 2, 6]");
  EXPECT_EQ(unsqueeze(m, 0).shape(), Shape({1, 2, 3}));
  EXPECT_EQ(unsqueeze(m, -1).shape(), Shape({2, 3, 1}));
  EXPECT_EQ(squeeze(unsqueeze(m, 1), 1).shape(), Shape({2, 3}));
  EXPECT_EQ(reshape(Tensor::zeros(DType::Int64, {0, 4}), {-1, 2}).shape(),
            Shape({0, 2}));
  EXPECT_EQ(errorOf([&] { reshape(m, {4}); }),
            "cannot reshape float64[2, 3] (6 elements) to [4] (4 elements)");
  EXPECT_EQ(errorOf([&] {
              reshape(m, {4, -1});
            }),
            "cannot reshape float64[2, 3] (6 elements) to [4, -1]");
  EXPECT_EQ(errorOf([&] {
              reshape(m, {-1, -1});
            }),
            "reshape of float64[2, 3] to [-1, -1]: only one dimension may be "
            "-1, and none negative");
  EXPECT_EQ(errorOf([&] { squeeze(m, 0); }),
            "squeeze: dimension 0 of float64[2, 3] has size 2, not 1");
  // A reshape shares the buffer; writing to it copies first.
  Tensor f = flatten(m);
  f[0] = 100.0;
  EXPECT_EQ(f.elementAsDouble(0), 100.0);
  EXPECT_EQ(m.elementAsDouble(0), 1.0);
}

TEST(OpLibraryTest, Creation) {
  EXPECT_EQ(toString(zeros({2, 2})), "[[0, 0], [0, 0]]");
  EXPECT_EQ(ones({3}, DType::Int32).dtype(), DType::Int32);
  EXPECT_EQ(toString(full({2}, 7.5)), "[7.5, 7.5]");
  EXPECT_EQ(toString(full({2}, 7.5, DType::Int64)), "[7, 7]");
  EXPECT_EQ(toString(zeros_like(Tensor{1, 2, 3})), "[0, 0, 0]");
  EXPECT_EQ(ones_like(m23()).shape(), Shape({2, 3}));
  EXPECT_EQ(toString(full_like(Tensor{true, false}, 1)), "[true, true]");
  EXPECT_EQ(toString(arange(5)), "[0, 1, 2, 3, 4]");
  EXPECT_EQ(toString(arange(5, 0, -2)), "[5, 3, 1]");
  EXPECT_EQ(arange(3, 3).shape(), Shape({0}));
  EXPECT_EQ(toString(linspace(0, 1, 5)), "[0, 0.25, 0.5, 0.75, 1]");
  EXPECT_EQ(linspace(0, 1, 0).shape(), Shape({0}));
  EXPECT_EQ(toString(eye(2)), "[[1, 0], [0, 1]]");
  EXPECT_EQ(toString(eye(2, 3, DType::Int64)), "[[1, 0, 0], [0, 1, 0]]");
  EXPECT_EQ(errorOf([&] { arange(0, 5, 0); }),
            "arange: the step must not be 0");
  EXPECT_EQ(errorOf([&] { zeros({-1}); }), "zeros: negative dimension -1");
}

} // namespace
