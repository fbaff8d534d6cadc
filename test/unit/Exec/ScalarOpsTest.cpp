//===- ScalarOpsTest.cpp - The scalar fast path computes what kernels do --===//
//
// The evaluator computes scalar ops inline instead of calling ag::kernels;
// this pins that every op, dtype and edge value gives the kernel's result
// bit for bit, and that the fast path declines exactly where the kernel
// reports an error.
//
//===----------------------------------------------------------------------===//

#include "ScalarOps.h"

#include "ag/runtime/Kernels.h"

#include "gtest/gtest.h"

#include <cmath>
#include <limits>

using namespace ag;
using namespace ag::exec;

namespace {

template <typename T> std::vector<Scalar> edgeValues() {
  using L = std::numeric_limits<T>;
  std::vector<T> v;
  if constexpr (std::is_same_v<T, bool>) {
    v = {false, true};
  } else if constexpr (std::is_floating_point_v<T>) {
    v = {T(0),           T(-0.0),       T(1),           T(-1),
         T(2.5),         T(-7.25),      T(3),           L::max(),
         L::lowest(),    L::infinity(), -L::infinity(), L::quiet_NaN(),
         L::denorm_min()};
  } else {
    v = {T(0), T(1), T(-1), T(2), T(-3), T(7), L::max(), L::min()};
  }
  std::vector<Scalar> out;
  for (T x : v)
    out.push_back(Scalar::of(x));
  return out;
}

std::vector<Scalar> allEdgeValues(DType dtype) {
  return ag::sem::dispatchDType(
      dtype, [](auto tag) { return edgeValues<decltype(tag)>(); });
}

constexpr DType kDTypes[] = {DType::Bool, DType::Int32, DType::Int64,
                             DType::Float32, DType::Float64};

std::string describe(OpKind kind, const Scalar &a, const Scalar *b) {
  std::string s = std::string(opKindName(kind)) + " " + dtypeName(a.dtype) +
                  " " + toString(a.toTensor());
  if (b)
    s += ", " + toString(b->toTensor());
  return s;
}

TEST(ScalarOps, BinaryMatchesKernels) {
  int fast = 0;
  for (DType dtype : kDTypes) {
    for (int k = 0; k < static_cast<int>(OpKind::Neg); ++k) {
      OpKind kind = static_cast<OpKind>(k);
      for (const Scalar &a : allEdgeValues(dtype)) {
        for (const Scalar &b : allEdgeValues(dtype)) {
          Scalar r;
          bool tookFastPath = scalarBinary(kind, a, b, r);
          Tensor expected;
          bool kernelFailed = false;
          try {
            expected = kernels::binary(kind, a.toTensor(), b.toTensor());
          } catch (const kernels::KernelError &) {
            kernelFailed = true;
          }
          if (kernelFailed) {
            EXPECT_FALSE(tookFastPath) << describe(kind, a, &b);
            continue;
          }
          if (!tookFastPath)
            continue;
          ++fast;
          EXPECT_TRUE(r.toTensor().identical(expected))
              << describe(kind, a, &b) << ": fast " << r.toTensor()
              << ", kernel " << expected;
        }
      }
    }
  }
  EXPECT_GT(fast, 1000); // the fast path is actually exercised
}

TEST(ScalarOps, UnaryMatchesKernels) {
  int fast = 0;
  for (DType dtype : kDTypes) {
    for (int k = static_cast<int>(OpKind::Neg);
         k <= static_cast<int>(OpKind::IsFinite); ++k) {
      OpKind kind = static_cast<OpKind>(k);
      for (const Scalar &x : allEdgeValues(dtype)) {
        Scalar r;
        bool tookFastPath = scalarUnary(kind, x, r);
        Tensor expected;
        try {
          expected = kernels::unary(kind, x.toTensor());
        } catch (const kernels::KernelError &) {
          EXPECT_FALSE(tookFastPath) << describe(kind, x, nullptr);
          continue;
        }
        if (!tookFastPath)
          continue;
        ++fast;
        EXPECT_TRUE(r.toTensor().identical(expected))
            << describe(kind, x, nullptr) << ": fast " << r.toTensor()
            << ", kernel " << expected;
      }
    }
  }
  EXPECT_GT(fast, 30);
}

TEST(ScalarOps, ScalarRoundTripsThroughTensors) {
  for (DType dtype : kDTypes)
    for (const Scalar &s : allEdgeValues(dtype)) {
      Tensor t = s.toTensor();
      EXPECT_EQ(t.dtype(), dtype);
      EXPECT_EQ(t.rank(), 0);
      EXPECT_TRUE(Scalar::fromTensor(t).toTensor().identical(t));
    }
}

} // namespace
