// Each numeric program runs eagerly and as a graph (on the default and on
// the general evaluator, and on the native backend) for a dozen inputs of
// one shape; values and failures must be identical.
#include "Expect.h"
#include "Lcg.h"
#include "numeric.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace {

using ag::Tensor;
using namespace numeric;
using ag::test::observe;
using ag::test::Outcome;
using ag::test::runGeneral;

/// `signature` declares dimensions known only when the graph runs
/// (ag::dyn): one graph then serves inputs of several sizes.
template <typename... A>
void expectSame(Tensor (*f)(A...), const std::vector<std::tuple<A...>> &inputs,
                std::vector<ag::TensorSpec> signature = {}) {
  ASSERT_GE(inputs.size(), 8u);
  auto graph = signature.empty() ? ag::function(f) : ag::function(f, signature);
  for (size_t i = 0; i < inputs.size(); ++i) {
    const auto &args = inputs[i];
    Outcome eager = observe([&] { return std::apply(f, args); });
    Outcome lazy = observe([&] { return std::apply(graph, args); });
    EXPECT_TRUE(eager.sameAs(lazy)) << "input " << i << ": eager "
                                    << eager.str() << ", graph " << lazy.str();
    Outcome general = observe([&] { return runGeneral(graph, args); });
    EXPECT_TRUE(eager.sameAs(general))
        << "input " << i << ": eager " << eager.str() << ", general evaluator "
        << general.str();
    Outcome native = observe([&] { return ag::test::runNative(graph, args); });
    EXPECT_TRUE(eager.sameAs(native))
        << "input " << i << ": eager " << eager.str() << ", native "
        << native.str();
  }
}

/// Deterministic pseudo-random tensors (ag::test::Lcg).
struct Values : ag::test::Lcg {
  using Lcg::Lcg;
  Tensor reals(ag::Shape shape, double lo = -2, double hi = 2) {
    std::vector<double> v(static_cast<size_t>(ag::numElements(shape)));
    for (double &x : v)
      x = next(lo, hi);
    return Tensor::fromVector(v, shape);
  }
  Tensor ints(ag::Shape shape, int64_t lo, int64_t hi) {
    std::vector<int64_t> v(static_cast<size_t>(ag::numElements(shape)));
    for (int64_t &x : v)
      x = lo + static_cast<int64_t>(next(0, double(hi - lo + 1)));
    return Tensor::fromVector(v, shape);
  }
};

template <typename Make> auto cases(Make make, int n = 12) {
  std::vector<decltype(make(std::declval<Values &>()))> out;
  for (int i = 0; i < n; ++i) {
    Values values(static_cast<uint64_t>(i + 1));
    out.push_back(make(values));
  }
  return out;
}

using T1 = std::tuple<Tensor>;
using T2 = std::tuple<Tensor, Tensor>;

TEST(Numeric, Softmax) {
  expectSame(&softmax,
             cases([](Values &v) { return T1(v.reals({7}, -5, 5)); }));
}
TEST(Numeric, Logsumexp) {
  expectSame(&logsumexp,
             cases([](Values &v) { return T1(v.reals({9}, -30, 30)); }));
}
TEST(Numeric, LayerNorm) {
  expectSame(&layerNorm, cases([](Values &v) { return T1(v.reals({4, 6})); }));
}
TEST(Numeric, KMeansStep) {
  expectSame(&kmeansStep, cases([](Values &v) {
    return T2(v.reals({10, 2}), v.reals({3, 2}));
  }));
}
TEST(Numeric, PowerIteration) {
  expectSame(&powerIteration, cases([](Values &v) {
    Tensor a = v.reals({4, 4}, 0, 1);
    return T1(a + ag::transpose(a));
  }));
}
TEST(Numeric, MatrixPower) {
  expectSame(&matrixPower, cases([](Values &v) {
    return T2(v.ints({3, 3}, -2, 2), Tensor(v.ints({}, 0, 12)));
  }));
}
TEST(Numeric, CumulativeMax) {
  expectSame(&cumulativeMax, cases([](Values &v) { return T1(v.reals({8})); }));
}
TEST(Numeric, MovingAverage) {
  expectSame(&movingAverage,
             cases([](Values &v) { return T1(v.reals({10})); }));
}
TEST(Numeric, Histogram) {
  expectSame(&histogram, cases([](Values &v) {
    return T2(v.reals({20}), Tensor{-2.0, -1.0, 0.0, 1.0, 2.0});
  }));
}
TEST(Numeric, TopKByRepeatedArgmax) {
  expectSame(&topKByArgmax, cases([](Values &v) { return T1(v.reals({9})); }));
}
TEST(Numeric, NormalizeRows) {
  expectSame(&normalizeRows, cases([](Values &v) {
    return T1(v.reals({3, 4}, 0.5, 3));
  }));
}
TEST(Numeric, Covariance) {
  expectSame(&covariance, cases([](Values &v) { return T1(v.reals({6, 3})); }));
}
TEST(Numeric, Attention) {
  expectSame(&attention, cases([](Values &v) {
    return T2(v.reals({3, 4}), v.reals({5, 4}));
  }));
}
TEST(Numeric, LinearRegression) {
  expectSame(&linearRegression, cases([](Values &v) {
    return T2(v.reals({8, 3}), v.reals({8}));
  }));
}
TEST(Numeric, ZScoreRange) {
  expectSame(&zscoreRange, cases([](Values &v) { return T1(v.reals({11})); }));
}
TEST(Numeric, AllClose) {
  expectSame(&allClose, cases([](Values &v) {
    Tensor a = v.reals({5});
    return T2(a, v.next(0, 1) < 0.5 ? a + 1e-12 : a + 0.1);
  }));
}
TEST(Numeric, Accuracy) {
  expectSame(&accuracy, cases([](Values &v) {
    return T2(v.reals({6, 3}), v.ints({6}, 0, 2));
  }));
}
TEST(Numeric, PairwiseDistances) {
  expectSame(&pairwiseDistances, cases([](Values &v) {
    return T2(v.reals({4, 3}), v.reals({5, 3}));
  }));
}
TEST(Numeric, TraceOfProduct) {
  expectSame(&traceOfProduct, cases([](Values &v) {
    return T2(v.reals({3, 3}), v.reals({3, 3}));
  }));
}
TEST(Numeric, ProductOfPositivesWraps) {
  expectSame(&productOfPositives, cases([](Values &v) {
    return T1(v.ints({40}, -1000000, 1000000));
  }));
}
TEST(Numeric, RowsWithNegatives) {
  expectSame(&rowsWithNegatives, cases([](Values &v) {
    return T1(v.reals({5, 3}, -0.3, 2));
  }));
}
TEST(Numeric, BatchedProducts) {
  expectSame(&batchedProducts, cases([](Values &v) {
    return T2(v.reals({3, 2, 4}), v.reals({3, 4, 2}));
  }));
}
TEST(Numeric, ReshapeRoundTrip) {
  expectSame(&reshapeRoundTrip,
             cases([](Values &v) { return T1(v.reals({6})); }));
}
// Some inputs keep no row: max over the empty dynamic dimension fails in
// both modes.
TEST(Numeric, KeptRowStatsWithDynamicRows) {
  expectSame(&keptRowStats, cases([](Values &v) {
    return T1(v.reals({4, 3}, -1.5, 0.7));
  }));
}

TEST(Numeric, SlidingWindows) {
  expectSame(&slidingWindows,
             cases([](Values &v) { return T1(v.reals({9}, -3, 3)); }));
}
TEST(Numeric, ConcatenatedFeatures) {
  expectSame(&concatenatedFeatures, cases([](Values &v) {
    return T2(v.reals({5, 2}), v.reals({5}));
  }));
}
// Some bags hold the id 6, outside the table of 6 rows.
TEST(Numeric, EmbeddingLookupWithGather) {
  expectSame(&embeddingLookup, cases([](Values &v) {
    return T2(v.reals({6, 4}), v.ints({3, 2}, 0, 6));
  }));
}
TEST(Numeric, BiasBroadcast) {
  expectSame(&biasBroadcast, cases([](Values &v) {
    return T2(v.reals({4, 5}, 0, 3), v.reals({3}));
  }));
}
TEST(Numeric, ReverseAndPick) {
  expectSame(&reverseAndPick, cases([](Values &v) {
    return T1(v.reals({5, 5}));
  }));
}
TEST(Numeric, DynamicRowsSlicedJoinedGathered) {
  expectSame(&dynamicRows, cases([](Values &v) {
    return T2(v.reals({3}), v.ints({}, 0, 5));
  }));
}
TEST(Numeric, BestWindowSumAtStagedPositions) {
  expectSame(&bestWindowSum, cases([](Values &v) {
    return T2(v.reals({8}), v.ints({}, 0, 9));
  }));
}

// Dimensions known only when the graph runs (issue 13, and the scalar arms
// of where against them that used to fail graph verification).
TEST(Numeric, BatchNormOverDynamicBatch) {
  expectSame(&batchNorm, cases([](Values &v) {
    int64_t n = 1 + static_cast<int64_t>(v.next(0, 6));
    return T2(v.reals({n, 4}), v.reals({4}, 0.5, 2));
  }),
             {ag::spec(ag::Float64, {ag::dyn, 4}), ag::spec(ag::Float64, {4})});
}
TEST(Numeric, CosineSimilarityMatrix) {
  expectSame(
      &cosineSimilarity, cases([](Values &v) {
        int64_t n = static_cast<int64_t>(v.next(0, 5));
        return T2(v.reals({n, 3}), v.reals({4, 3}));
      }),
      {ag::spec(ag::Float64, {ag::dyn, 3}), ag::spec(ag::Float64, {4, 3})});
}
TEST(Numeric, OneHotOfArgmax) {
  expectSame(&oneHotArgmax, cases([](Values &v) {
    int64_t n = 1 + static_cast<int64_t>(v.next(0, 6));
    return T1(ag::cast(v.ints({n, 5}, -3, 3), ag::Float64));
  }),
             {ag::spec(ag::Float64, {ag::dyn, 5})});
}
TEST(Numeric, CumulativeSumsByLoop) {
  expectSame(&cumulativeSums, cases([](Values &v) {
    int64_t n = static_cast<int64_t>(v.next(0, 6));
    return T1(v.reals({n, 2}));
  }),
             {ag::spec(ag::Float64, {ag::dyn, 2})});
}
TEST(Numeric, PatchSumsBySlicing) {
  expectSame(&patchSums, cases([](Values &v) {
    return T1(v.reals({5, 6}, -3, 3));
  }));
}
TEST(Numeric, ListScoresAgainstScalarsAndRows) {
  expectSame(&listScores, cases([](Values &v) {
    return T2(v.reals({4}), v.ints({}, 0, 7));
  }));
}

// Float sums over axes keep the kernel's eight partial sums in the graph
// (37 values: the sequential order would differ in the last bit).
TEST(Numeric, CenteredSumsKeepTheirOrder) {
  expectSame(&centeredSums, cases([](Values &v) {
    return T2(v.reals({37}, -1e3, 1e3), v.reals({5, 19}, -1e3, 1e3));
  }));
}
// Some fill values are NaN, infinite or beyond int64 (few distinct ones:
// each host value traces a graph).
TEST(Numeric, FilledCounts) {
  const double fills[] = {-3.5, std::nan(""), 9.2e18, INFINITY, -1e19};
  expectSame(&filledCounts, cases([&](Values &v) {
    double fill = fills[static_cast<int>(v.next(0, 5))];
    return std::tuple<Tensor, double>(v.ints({3}, -5, 5), fill);
  }));
}

// Some values are NaN, infinite or huge: the guarded casts never see them.
TEST(Numeric, GuardedBuckets) {
  const double special[] = {std::nan(""), INFINITY, -INFINITY, 1e300};
  expectSame(&guardedBuckets, cases([&](Values &v) {
    Tensor x = v.reals({9}, -3, 3);
    double *p = static_cast<double *>(x.rawMutableData());
    for (int k = 0; k < 3; ++k)
      p[static_cast<int>(v.next(0, 9))] =
          special[static_cast<int>(v.next(0, 4))];
    return T1(x);
  }));
}

} // namespace
