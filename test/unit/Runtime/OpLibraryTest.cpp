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

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>

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
  // Axes in braces, as C++ users write them.
  EXPECT_EQ(toString(sum(m, {0, 1})), "15");
  EXPECT_EQ(toString(max(m, {1}, true)), "[[5], [6]]");
  EXPECT_EQ(toString(min(m, {-1, 0}, false)), "-3");
  EXPECT_EQ(toString(mean(m, {0}, true)), "[[2.5, 3.5, 1.5]]");
  // Two-argument max stays elementwise.
  EXPECT_EQ(toString(max(m, 0)), "[[1, 5, 0], [4, 2, 6]]");
  // Non-contiguous axes of a rank-3 tensor.
  Tensor t = reshape(arange(24), {2, 3, 4});
  EXPECT_EQ(toString(sum(t, axes({0, 2}))), "[60, 92, 124]");
  EXPECT_EQ(toString(sum(t, axes({0, 2}), true)), "[[[60], [92], [124]]]");
}

// An integer axis with keepdims reduces with max/min too, as
// np.max(m, 1, keepdims=True) does; without keepdims two arguments stay
// elementwise. Any integer type is an axis; braces are always Axes (a
// non-template int64_t overload took `{1}` as a braced scalar, which clang
// warns about).
TEST(OpLibraryTest, IntegerAxisForms) {
  Tensor m = m23();
  EXPECT_EQ(toString(max(m, 1, true)), "[[5], [6]]");
  EXPECT_EQ(toString(min(m, 0, false)), "[1, 2, -3]");
  EXPECT_EQ(toString(max(m, -1, false)), "[5, 6]");
  EXPECT_EQ(toString(max(m, 0)), "[[1, 5, 0], [4, 2, 6]]");
  EXPECT_EQ(toString(sum(m, size_t(1))), "[3, 12]");
  EXPECT_EQ(toString(mean(m, short(0), true)), "[[2.5, 3.5, 1.5]]");
  EXPECT_EQ(toString(sum(m, {1}, true)), "[[3], [12]]");
  static_assert(std::is_same_v<decltype(sum(m, 1)), Tensor>);
  Tensor i = eye(2, Int32);
  EXPECT_EQ(toString(i), "[[1, 0], [0, 1]]");
  EXPECT_EQ(i.dtype(), Int32);
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

TEST(OpLibraryTest, Concat) {
  Tensor m = m23();
  EXPECT_EQ(toString(concat({m, Tensor{{7.0, 8.0, 9.0}}})),
            "[[1, 5, -3], [4, 2, 6], [7, 8, 9]]");
  EXPECT_EQ(toString(concat({m, reshape(Tensor{10.0, 11.0}, {2, 1})}, -1)),
            "[[1, 5, -3, 10], [4, 2, 6, 11]]");
  // Promotion as in arithmetic; empty operands contribute nothing.
  Tensor c =
      concat({Tensor{1, 2}, Tensor{0.5}, Tensor::zeros(DType::Int64, {0})});
  EXPECT_EQ(c.dtype(), DType::Float64);
  EXPECT_EQ(toString(c), "[1, 2, 0.5]");
  EXPECT_EQ(concat({Tensor::zeros(DType::Int32, {0, 3})}).shape(),
            Shape({0, 3}));
  EXPECT_EQ(concat({Tensor::zeros(DType::Int32, {0, 2}),
                    Tensor::zeros(DType::Int32, {0, 3})},
                   1)
                .shape(),
            Shape({0, 5}));
  EXPECT_EQ(errorOf([&] {
              concat({m, Tensor{1.0, 2.0}});
            }),
            "concat along axis 0: float64[2, 3] and float64[2] differ in "
            "another dimension");
  EXPECT_EQ(errorOf([&] {
              concat({m, Tensor{{1.0, 2.0}}});
            }),
            "concat along axis 0: float64[2, 3] and float64[1, 2] differ in "
            "another dimension");
  EXPECT_EQ(errorOf([&] { concat({m}, 2); }),
            "concat: axis 2 is out of range for float64[2, 3] (valid: -2 to "
            "1)");
  EXPECT_EQ(errorOf([&] { concat({}); }), "concat of no tensors");
  EXPECT_EQ(errorOf([&] { concat({Tensor(1)}); }),
            "concat of 0-d tensors (stack them instead)");
}

TEST(OpLibraryTest, Slice) {
  Tensor v = arange(8);
  EXPECT_EQ(toString(v.slice(2, 5)), "[2, 3, 4]");
  EXPECT_EQ(toString(v.slice(1, kEnd, 3)), "[1, 4, 7]");
  EXPECT_EQ(toString(v.slice(-3, kEnd)), "[5, 6, 7]");
  EXPECT_EQ(toString(v.slice(0, -1, 2)), "[0, 2, 4, 6]");
  EXPECT_EQ(v.slice(4, 4).shape(), Shape({0}));
  EXPECT_EQ(v.slice(8, kEnd).shape(), Shape({0}));
  Tensor m = reshape(arange(12), {3, 4});
  EXPECT_EQ(toString(slice(m, {1, 0}, {3, kEnd}, {1, 2})), "[[4, 6], [8, 10]]");
  // Dimensions not listed are kept whole.
  EXPECT_EQ(toString(slice(m, {2}, {3})), "[[8, 9, 10, 11]]");
  EXPECT_EQ(toString(slice(m, {0, 3}, {kEnd, 4})), "[[3], [7], [11]]");
  // A huge step takes the first element only.
  EXPECT_EQ(toString(v.slice(3, kEnd, std::numeric_limits<int64_t>::max())),
            "[3]");
  // Bounds outside the dimension are an error (the spec; NumPy clamps);
  // a crossed slice is empty.
  EXPECT_EQ(errorOf([&] { v.slice(2, 9); }),
            "slice 2:9 is out of range for dimension 0 of int64[8]");
  EXPECT_EQ(v.slice(5, 2).shape(), Shape({0}));
  EXPECT_EQ(errorOf([&] { v.slice(-9, 2); }),
            "slice -9:2 is out of range for dimension 0 of int64[8]");
  EXPECT_EQ(errorOf([&] {
              slice(m, {0, 0}, {1, 5});
            }),
            "slice 0:5 is out of range for dimension 1 of int64[3, 4]");
  EXPECT_EQ(errorOf([&] { v.slice(8, 0, -1); }),
            "slice 8:0:-1 is out of range for dimension 0 of int64[8]");
  EXPECT_EQ(errorOf([&] { v.slice(kEnd, kEnd, -1); }),
            "slice 9223372036854775807::-1 is out of range for dimension 0 of "
            "int64[8]");
  // Negative steps walk backwards; kEnd is then "before the first".
  EXPECT_EQ(toString(v.slice(-1, kEnd, -1)), "[7, 6, 5, 4, 3, 2, 1, 0]");
  EXPECT_EQ(toString(v.slice(-1, kEnd, -3)), "[7, 4, 1]");
  EXPECT_EQ(toString(v.slice(6, 1, -2)), "[6, 4, 2]");
  EXPECT_EQ(toString(v.slice(7, -9, -1)), "[7, 6, 5, 4, 3, 2, 1, 0]");
  EXPECT_EQ(toString(v.slice(2, -1, -1)), "[]");
  EXPECT_EQ(toString(v.slice(0, kEnd, -1)), "[0]");
  EXPECT_EQ(toString(slice(m, {-1, -1}, {kEnd, kEnd}, {-1, -2})),
            "[[11, 9], [7, 5], [3, 1]]");
  EXPECT_EQ(toString(v.slice(3, kEnd, std::numeric_limits<int64_t>::min())),
            "[3]");
  EXPECT_EQ(arange(0).slice(-1, kEnd, -1).shape(), Shape({0}));
  EXPECT_EQ(errorOf([&] { v.slice(0, kEnd, 0); }),
            "slice 0::0 has a zero step, along dimension 0 of int64[8]");
  EXPECT_EQ(errorOf([&] {
              slice(v, {0, 0}, {1, 1});
            }),
            "slice of int64[8]: 2 starts, 2 stops and 2 steps for 1 "
            "dimensions");
  EXPECT_EQ(errorOf([&] {
              slice(v, {0}, {1}, {1, 1});
            }),
            "slice of int64[8]: 1 starts, 1 stops and 2 steps for 1 "
            "dimensions");
}

/// Every start, stop and step in a window around each small dimension
/// against Python's definition of a slice, written independently of
/// sem::resolveSlice: bounds in range (after counting from the end) walk
/// from the start while before the stop; bounds out of range (where
/// Python would clamp) are an error.
TEST(OpLibraryTest, SliceMatchesPython) {
  int64_t end = kEnd;
  for (int64_t n = 0; n <= 5; ++n) {
    Tensor v = arange(n);
    for (int64_t step : {-7, -3, -2, -1, 1, 2, 3, 7})
      for (int64_t start = -8; start <= 8; ++start)
        for (int64_t stop : {int64_t(-8), int64_t(-6), int64_t(-3), int64_t(-1),
                             int64_t(0), int64_t(1), int64_t(2), int64_t(4),
                             int64_t(6), int64_t(8), end}) {
          int64_t lo = step < 0 ? -1 : 0, hi = step < 0 ? n - 1 : n;
          int64_t a = start < 0 ? start + n : start;
          int64_t b = stop == end ? (step < 0 ? -1 : n)
                      : stop < 0  ? stop + n
                                  : stop;
          SCOPED_TRACE("n=" + std::to_string(n) + " " + std::to_string(start) +
                       ":" + std::to_string(stop) + ":" + std::to_string(step));
          if (a < lo || a > hi || b < lo || b > hi) {
            EXPECT_NE(errorOf([&] {
                        v.slice(start, stop, step);
                      }).find("is out of range for dimension 0"),
                      std::string::npos);
            EXPECT_THROW(kernels::slice(v, {start}, {stop}, {step}),
                         std::exception);
            continue;
          }
          std::string want = "[";
          for (int64_t i = a; step > 0 ? i < b : i > b; i += step)
            want += (want.size() > 1 ? ", " : "") + std::to_string(i);
          want += "]";
          EXPECT_EQ(toString(v.slice(start, stop, step)), want);
          EXPECT_EQ(toString(kernels::slice(v, {start}, {stop}, {step})), want);
        }
  }
}

TEST(OpLibraryTest, Gather) {
  Tensor table = Tensor{{0.0, 0.5}, {1.0, 1.5}, {2.0, 2.5}};
  EXPECT_EQ(toString(gather(table, Tensor{2, 0, 2})),
            "[[2, 2.5], [0, 0.5], [2, 2.5]]");
  EXPECT_EQ(toString(gather(table, Tensor{1}, 1)), "[[0.5], [1.5], [2.5]]");
  EXPECT_EQ(toString(gather(table, Tensor(1), -1)), "[0.5, 1.5, 2.5]");
  // The indices' shape replaces the axis.
  Tensor ids = cast(Tensor{{0, 1}, {1, 1}}, DType::Int32);
  EXPECT_EQ(gather(table, ids).shape(), Shape({2, 2, 2}));
  EXPECT_EQ(toString(gather(arange(5), ids)), "[[0, 1], [1, 1]]");
  EXPECT_EQ(gather(table, Tensor::zeros(DType::Int64, {0})).shape(),
            Shape({0, 2}));
  EXPECT_EQ(errorOf([&] {
              gather(table, Tensor{0, 3});
            }),
            "gather index 3 is out of range for dimension 0 of float64[3, 2] "
            "(size 3)");
  EXPECT_EQ(errorOf([&] { gather(table, Tensor{-1}); }),
            "gather index -1 is out of range for dimension 0 of float64[3, 2] "
            "(size 3)");
  EXPECT_EQ(errorOf([&] { gather(table, Tensor{0.0}); }),
            "gather indices must be int32 or int64, got float64[1]");
  EXPECT_EQ(errorOf([&] { gather(table, Tensor{0}, 2); }),
            "gather: axis 2 is out of range for float64[3, 2] (valid: -2 to "
            "1)");
}

TEST(OpLibraryTest, BroadcastTo) {
  EXPECT_EQ(toString(broadcast_to(Tensor{1, 2, 3}, {2, 3})),
            "[[1, 2, 3], [1, 2, 3]]");
  EXPECT_EQ(toString(broadcast_to(reshape(Tensor{1, 2}, {2, 1}), {2, 2})),
            "[[1, 1], [2, 2]]");
  EXPECT_EQ(toString(broadcast_to(Tensor(7), {3})), "[7, 7, 7]");
  EXPECT_EQ(broadcast_to(Tensor{1}, {0}).shape(), Shape({0}));
  EXPECT_EQ(errorOf([&] {
              broadcast_to(Tensor{1, 2}, {3});
            }),
            "cannot broadcast int64[2] to [3]: each dimension, aligned from "
            "the right, must equal the target's or be 1");
  EXPECT_EQ(errorOf([&] {
              broadcast_to(Tensor{1, 2}, {-1, 2});
            }),
            "cannot broadcast int64[2] to [-1, 2]: each dimension, aligned "
            "from the right, must equal the target's or be 1");
}

/// The kernels check everything themselves: a graph file can hand them any
/// bounds.
TEST(OpLibraryTest, KernelsRejectHostileArguments) {
  Tensor v = arange(4);
  auto kernelError = [](const std::function<void()> &fn) {
    try {
      fn();
    } catch (const kernels::KernelError &e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  int64_t big = std::numeric_limits<int64_t>::max();
  int64_t small = std::numeric_limits<int64_t>::min();
  // Extreme bounds are out of range; an extreme step is fine.
  EXPECT_NE(kernelError([&] { kernels::slice(v, {small}, {2}, {1}); }),
            "(no error)");
  EXPECT_NE(kernelError([&] { kernels::slice(v, {0}, {big - 1}, {1}); }),
            "(no error)");
  EXPECT_NE(kernelError([&] { kernels::slice(v, {big}, {small}, {small}); }),
            "(no error)");
  EXPECT_EQ(toString(kernels::slice(v, {-1}, {big}, {small})), "[3]");
  EXPECT_NE(kernelError([&] { kernels::slice(v, {0}, {4}, {0}); }),
            "(no error)");
  EXPECT_NE(kernelError([&] {
              kernels::slice(v, {0, 0}, {1}, {1});
            }),
            "(no error)");
  EXPECT_NE(kernelError([&] { kernels::concat({v, v}, 1); }), "(no error)");
  // Which of the two differs, as ag::concat says it while tracing.
  EXPECT_EQ(kernelError([&] {
              kernels::concat({v, cast(v, DType::Int32)}, 0);
            }),
            "concat along axis 0: int64[4] and int32[4] differ in dtype");
  EXPECT_EQ(kernelError([&] {
              kernels::concat({reshape(v, {2, 2}), reshape(v, {1, 4})}, 0);
            }),
            "concat along axis 0: int64[2, 2] and int64[1, 4] differ in "
            "another dimension");
  EXPECT_NE(kernelError([&] {
              kernels::concat({v, reshape(v, {2, 2})}, 0);
            }),
            "(no error)");
  EXPECT_NE(kernelError([&] { kernels::gather(v, Tensor{big}, 0); }),
            "(no error)");
  EXPECT_NE(kernelError([&] { kernels::gather(v, Tensor{0}, -1); }),
            "(no error)");
  EXPECT_EQ(toString(kernels::slice(v, {-1}, {big}, {big})), "[3]");
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
  // A fill value converts as ag::cast does: outside an integer type's range
  // (undefined in C++) is an error, not whatever static_cast gives.
  EXPECT_EQ(errorOf([&] { full({2}, std::nan(""), DType::Int64); }),
            "full: cannot fill int64 with nan: it is outside the integer's "
            "range (undefined in C++)");
  EXPECT_EQ(errorOf([&] { full({2}, 3e9, DType::Int32); }),
            "full: cannot fill int32 with 3e+09: it is outside the integer's "
            "range (undefined in C++)");
  EXPECT_EQ(errorOf([&] {
              full_like(Tensor{1, 2}, -INFINITY);
            }),
            "full_like: cannot fill int64 with -inf: it is outside the "
            "integer's range (undefined in C++)");
  EXPECT_EQ(toString(full({1}, -2147483648.5, DType::Int32)), "[-2147483648]");
  EXPECT_EQ(toString(full({1}, std::nan(""), DType::Bool)), "[true]");
}

} // namespace
