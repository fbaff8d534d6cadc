// Native backend == interpreter == eager, bit for bit, for axis reductions,
// argmin/argmax, matmul, slice, concat, gather and issue 13's elementwise
// ops over many shapes (issue 12): empty extents,
// one-element axes, negative axis numbers, NaNs, integer wrapping, f32 and
// f64. Each program is traced once per shape; the native run must not fall
// back (no interpreter op executed), except where the interpreter reports
// an error (min of an empty extent), which both backends must then report.
#include "Expect.h"
#include "Lcg.h"
#include "native_ops.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

using ag::Shape;
using ag::Tensor;
using namespace native_ops;
using ag::test::observe;
using ag::test::Outcome;

/// Deterministic values (ag::test::Lcg).
struct Values : ag::test::Lcg {
  using Lcg::Lcg;
  /// Reals spread over magnitudes (so the summation order shows), a NaN
  /// every `nanEvery` elements if non-zero, in `dtype`.
  Tensor reals(const Shape &shape, ag::DType dtype = ag::Float64,
               int nanEvery = 0) {
    std::vector<double> v(static_cast<size_t>(ag::numElements(shape)));
    for (size_t i = 0; i < v.size(); ++i) {
      v[i] = next(-1, 1) * std::pow(10.0, std::floor(next(-3, 9)));
      if (nanEvery && next(0, 1) * nanEvery < 1)
        v[i] = std::numeric_limits<double>::quiet_NaN();
    }
    return ag::cast(Tensor::fromVector(v, shape), dtype);
  }
  /// Small integers and, one in five, values near the maximum (so sums
  /// and products wrap).
  template <typename T> Tensor intsOf(const Shape &shape) {
    std::vector<T> v(static_cast<size_t>(ag::numElements(shape)));
    for (T &x : v)
      x = next(0, 1) < 0.2
              ? std::numeric_limits<T>::max() - static_cast<T>(next(0, 5))
              : static_cast<T>(next(-9, 9));
    return Tensor::fromVector(v, shape);
  }
  Tensor ints(const Shape &shape, ag::DType dtype) {
    return dtype == ag::Int32 ? intsOf<int32_t>(shape) : intsOf<int64_t>(shape);
  }
  Tensor of(const Shape &shape, ag::DType dtype, int nanEvery = 0) {
    if (dtype == ag::Bool)
      return reals(shape) > 0.0;
    bool isFloat = dtype == ag::Float64 || dtype == ag::Float32;
    return isFloat ? reals(shape, dtype, nanEvery) : ints(shape, dtype);
  }
  /// Positions in [0, n), one in `badEvery` (if non-zero) n or -1 instead.
  Tensor indices(const Shape &shape, int64_t n, ag::DType dtype,
                 int badEvery = 0) {
    std::vector<int64_t> v(static_cast<size_t>(ag::numElements(shape)));
    for (int64_t &x : v) {
      x = n ? static_cast<int64_t>(next(0, double(n))) : 0;
      if (badEvery && next(0, 1) * badEvery < 1)
        x = next(0, 1) < 0.5 ? n : -1;
    }
    return ag::cast(Tensor::fromVector(v, shape), dtype);
  }
};

/// Runs `g` on `tensors` on the interpreter and natively: both must agree,
/// and the native run must have run no interpreter op unless it reported
/// an error. Returns the interpreter's result (throws its error).
Tensor runBoth(ag::Graph &g, const std::vector<Tensor> &tensors) {
  std::map<std::string, Tensor> feeds;
  std::vector<std::string> names = g.inputNames();
  for (size_t i = 0; i < names.size(); ++i)
    feeds[names[i]] = tensors.at(i);
  ag::RunOptions interp;
  interp.backend = ag::RunOptions::Backend::Interpreter;
  Outcome onInterpreter = observe(
      [&] { return g.run({}, feeds, interp).at(g.outputNames().at(0)); });
  ag::RunOptions native;
  native.backend = ag::RunOptions::Backend::Native;
  Outcome onNative = observe(
      [&] { return g.run({}, feeds, native).at(g.outputNames().at(0)); });
  EXPECT_TRUE(onInterpreter.sameAs(onNative))
      << "interpreter " << onInterpreter.str() << ", native " << onNative.str();
  if (!onNative.threw) {
    EXPECT_EQ(g.lastRunStats().opsExecuted, 0u)
        << "fell back to the interpreter:\n"
        << g.mlir();
  }
  if (onInterpreter.threw)
    throw std::runtime_error(onInterpreter.error);
  return onInterpreter.value;
}

/// Runs `eagerFn` on `args` eagerly, then its graph on the interpreter and
/// on the native backend; all three must agree, and the native run must
/// have run no interpreter op unless it reported an error. A fresh
/// ag::function per call: each shape is a new trace, which is the point.
template <typename... A>
void expectSame(const char *what, Tensor (*eagerFn)(A...), const A &...args) {
  auto graphFn = ag::function(eagerFn);
  std::ostringstream shapes;
  ((shapes << ag::dtypeName(args.dtype()) << args.shape().size() << ":" <<
    [&] {
      std::string s;
      for (int64_t d : args.shape())
        s += std::to_string(d) + "x";
      return s;
    }() << " "),
   ...);
  SCOPED_TRACE(std::string(what) + " on " + shapes.str());
  Outcome eager = observe([&] { return eagerFn(args...); });
  Outcome traced = observe([&] {
    ag::Graph g = graphFn.graph(args...);
    return runBoth(g, {args...});
  });
  EXPECT_TRUE(eager.sameAs(traced))
      << "eager " << eager.str() << ", graph " << traced.str();
}

/// `count` shapes of `rank`, each extent drawn from `extents`.
template <size_t N>
std::vector<Shape> shapesFrom(const int64_t (&extents)[N], int rank, Values &v,
                              int count) {
  std::vector<Shape> out;
  for (int i = 0; i < count; ++i) {
    Shape s;
    for (int d = 0; d < rank; ++d)
      s.push_back(extents[static_cast<int>(v.next(0, double(N)))]);
    out.push_back(s);
  }
  return out;
}

/// `make(shape, values)` for shapes of each rank in [minRank, maxRank]
/// (N vectors, 12 shapes of each higher rank), values seeded with `seed`.
template <size_t N, typename Make>
void overShapesFrom(const int64_t (&extents)[N], uint64_t seed, int minRank,
                    int maxRank, Make make) {
  Values v(seed);
  for (int rank = minRank; rank <= maxRank; ++rank)
    for (const Shape &s : shapesFrom(extents, rank, v, rank == 1 ? N : 12))
      make(s, v);
}

const int64_t kExtents[] = {0, 1, 2, 3, 7, 8, 9, 17};

const ag::DType kFloats[] = {ag::Float64, ag::Float32};
const ag::DType kNumbers[] = {ag::Float64, ag::Float32, ag::Int64, ag::Int32};

template <typename Make> void overShapes(int minRank, int maxRank, Make make) {
  overShapesFrom(kExtents, 7, minRank, maxRank, make);
}

#define AG_REDUCTION_TEST(Name, Fn, MinRank, MaxRank, DTypes, NaNs)            \
  TEST(NativeOps, Name) {                                                      \
    overShapes(MinRank, MaxRank, [&](const Shape &s, Values &v) {              \
      for (ag::DType d : DTypes) {                                             \
        bool isFloat = d == ag::Float64 || d == ag::Float32;                   \
        Tensor x = isFloat ? v.reals(s, d) : v.ints(s, d);                     \
        expectSame(#Fn, &Fn, x);                                               \
        if (NaNs && isFloat)                                                   \
          expectSame(#Fn " with NaNs", &Fn, v.reals(s, d, 3));                 \
      }                                                                        \
    });                                                                        \
  }

AG_REDUCTION_TEST(SumLast, sumLast, 1, 3, kNumbers, false)
AG_REDUCTION_TEST(SumFirstKeep, sumFirstKeep, 1, 3, kNumbers, false)
AG_REDUCTION_TEST(MeanLast, meanLast, 1, 3, kFloats, true)
AG_REDUCTION_TEST(MeanOuter, meanOuter, 3, 3, kFloats, false)
AG_REDUCTION_TEST(ProdSecond, prodSecond, 2, 3, kNumbers, false)
AG_REDUCTION_TEST(MinLast, minLast, 1, 3, kNumbers, true)
AG_REDUCTION_TEST(MaxFirstKeep, maxFirstKeep, 1, 3, kNumbers, true)
AG_REDUCTION_TEST(ArgmaxLast, argmaxLast, 1, 3, kNumbers, true)
AG_REDUCTION_TEST(ArgminFirst, argminFirst, 1, 3, kNumbers, true)
AG_REDUCTION_TEST(ArgmaxAll, argmaxAll, 2, 3, kNumbers, true)
AG_REDUCTION_TEST(AnyLastAllFirst, anyLastAllFirst, 2, 3, kFloats, true)
AG_REDUCTION_TEST(BoolExtremes, boolExtremes, 1, 3, kFloats, true)
AG_REDUCTION_TEST(CenteredColumnSum, centeredColumnSum, 2, 3, kFloats, true)
AG_REDUCTION_TEST(SoftmaxRows, softmaxRows, 2, 2, kFloats, true)

/// matmul of every rank pairing, with empty and one-element extents.
TEST(NativeOps, Matmul) {
  Values v(11);
  const int64_t extents[] = {0, 1, 2, 3, 5, 8, 13};
  for (int i = 0; i < 8; ++i) {
    auto pick = [&] { return extents[static_cast<int>(v.next(0, 7))]; };
    int64_t m = pick(), k = pick(), n = pick(), batch = pick();
    std::vector<std::pair<Shape, Shape>> pairs = {
        {{m, k}, {k, n}},        {{k}, {k, n}},
        {{m, k}, {k}},           {{k}, {k}},
        {{batch, m, k}, {k, n}}, {{batch, m, k}, {batch, k, n}},
        {{m, k}, {batch, k, n}}, {{batch, m, k}, {k}}};
    for (const auto &[sa, sb] : pairs)
      for (ag::DType d : kNumbers) {
        bool isFloat = d == ag::Float64 || d == ag::Float32;
        Tensor a = isFloat ? v.reals(sa, d) : v.ints(sa, d);
        Tensor b = isFloat ? v.reals(sb, d) : v.ints(sb, d);
        expectSame("product", &product, a, b);
        expectSame("productPlusSum", &productPlusSum, a, b);
        if (sa.size() == 2)
          expectSame("gram", &gram, a);
      }
  }
}

} // namespace

namespace {

const int64_t kSmallExtents[] = {0, 1, 2, 3, 7, 8, 9};

/// Shapes of `rank` with extents from kSmallExtents.
std::vector<Shape> smallShapes(int rank, Values &v, int count) {
  return shapesFrom(kSmallExtents, rank, v, count);
}

template <typename Make>
void overSmallShapes(int minRank, int maxRank, Make make) {
  overShapesFrom(kSmallExtents, 13, minRank, maxRank, make);
}

const ag::DType kAll[] = {ag::Float64, ag::Float32, ag::Int64, ag::Int32,
                          ag::Bool};
const ag::DType kInts[] = {ag::Int64, ag::Int32};

#define AG_MOVE_TEST(Name, Fn, MinRank, MaxRank, DTypes)                       \
  TEST(NativeOps, Name) {                                                      \
    overSmallShapes(MinRank, MaxRank, [&](const Shape &s, Values &v) {         \
      for (ag::DType d : DTypes)                                               \
        expectSame(#Fn, &Fn, v.of(s, d, 3));                                   \
    });                                                                        \
  }

// Slices of every shape: bounds out of range (sliceCorner of a 1-row
// matrix) are the same error natively; negative steps walk backwards, empty
// extents included.
AG_MOVE_TEST(SliceOdd, sliceOdd, 1, 3, kAll)
AG_MOVE_TEST(SliceCorner, sliceCorner, 2, 3, kAll)
AG_MOVE_TEST(ReverseRows, reverseRows, 1, 3, kAll)
AG_MOVE_TEST(SliceBackward, sliceBackward, 2, 3, kAll)
AG_MOVE_TEST(SliceOutOfRange, sliceOutOfRange, 2, 3, kNumbers)
AG_MOVE_TEST(ConcatLast, concatLast, 1, 3, kNumbers)
AG_MOVE_TEST(RotateRows, rotateRows, 1, 3, kNumbers)
AG_MOVE_TEST(FloatFunctions, floatFunctions, 1, 3, kFloats)
AG_MOVE_TEST(Creation, creation, 1, 2, kNumbers)

TEST(NativeOps, Bitwise) {
  overSmallShapes(1, 3, [&](const Shape &s, Values &v) {
    for (ag::DType d : kInts)
      expectSame("bitwise", &bitwise, v.ints(s, d), v.ints(s, d));
  });
}

/// Indices of rank 0 to 2, int32 and int64 in turn, in range and (one in
/// five) out of range: the native run must report the interpreter's error.
template <typename Fn> void overGathers(int minRank, int maxRank, Fn fn) {
  static const Shape idShapes[] = {{}, {0}, {1}, {3}, {7}, {2, 3}, {9, 1}};
  size_t k = 0;
  overSmallShapes(minRank, maxRank, [&](const Shape &s, Values &v) {
    int64_t n = s.back();
    for (ag::DType d : kAll) {
      const Shape &ids = idShapes[k % std::size(idShapes)];
      ag::DType id = kInts[k++ % 2];
      Tensor x = v.of(s, d, 3);
      fn(x, v.indices(ids, n, id));
      fn(x, v.indices(ids, n, id, 5));
    }
  });
}

TEST(NativeOps, GatherRows) {
  // gatherRows reads the first dimension: one-dimensional inputs, where
  // it is also the last.
  overGathers(1, 1, [](const Tensor &x, const Tensor &ids) {
    expectSame("gatherRows", &gatherRows, x, ids);
  });
  Values v(5);
  for (const Shape &s : smallShapes(3, v, 8)) {
    Tensor x = v.reals(s);
    expectSame("gatherRows", &gatherRows, x, v.indices({4}, s[0], ag::Int64));
    expectSame("gatherRows", &gatherRows, x,
               v.indices({2, 2}, s[0], ag::Int32, 3));
  }
}

TEST(NativeOps, GatherLast) {
  overGathers(2, 3, [](const Tensor &x, const Tensor &ids) {
    expectSame("gatherLast", &gatherLast, x, ids);
  });
}

/// Issue 13's dynamic dimensions: `fn` traced once with every dimension
/// ag::dyn (the graph's tensors have ? dimensions), then that one graph
/// run on feeds of many shapes (extents 0, 1, 2, 3, 7, 8, 9): native ==
/// interpreter == eager bit for bit, each native run without an
/// interpreter op (the buffered path with dynamic shapes).
template <typename... A>
void expectSameDynamic(const char *what, Tensor (*fn)(A...),
                       std::vector<ag::TensorSpec> signature,
                       const std::vector<std::vector<Tensor>> &argSets) {
  auto graphFn = ag::function(fn, signature);
  std::optional<ag::Graph> g;
  for (const std::vector<Tensor> &args : argSets) {
    std::string shapes;
    for (const Tensor &t : args)
      shapes += ag::toString(ag::spec(t.dtype(), t.shape())) + " ";
    SCOPED_TRACE(std::string(what) + " (dynamic) on " + shapes);
    auto call = [&](auto... i) { return fn(args.at(i)...); };
    Outcome eager = observe([&] {
      if constexpr (sizeof...(A) == 1)
        return call(0);
      else
        return call(0, 1);
    });
    Outcome traced = observe([&] {
      if (!g) {
        if constexpr (sizeof...(A) == 1)
          g = graphFn.graph(args.at(0));
        else
          g = graphFn.graph(args.at(0), args.at(1));
        EXPECT_NE(g->mlir().find("?"), std::string::npos) << g->mlir();
      }
      return runBoth(*g, args);
    });
    EXPECT_TRUE(eager.sameAs(traced))
        << "eager " << eager.str() << ", graph " << traced.str();
  }
}

/// Every parameter of `dtype` and `rank`, every dimension dynamic.
template <typename... A>
void expectSameDynamic(const char *what, Tensor (*fn)(A...), int rank,
                       ag::DType dtype,
                       const std::vector<std::vector<Tensor>> &argSets) {
  expectSameDynamic(
      what, fn,
      std::vector<ag::TensorSpec>(
          sizeof...(A),
          ag::spec(dtype, Shape(static_cast<size_t>(rank), ag::dyn))),
      argSets);
}

/// Feeds of `rank` and extents from {0, 1, 2, 3, 7, 8, 9} for a one-input
/// program.
std::vector<std::vector<Tensor>> dynamicFeeds(int rank, ag::DType dtype,
                                              Values &v, int count) {
  std::vector<std::vector<Tensor>> out;
  for (const Shape &s : smallShapes(rank, v, count))
    out.push_back({v.of(s, dtype, 3)});
  return out;
}

#define AG_DYNAMIC_TEST(Name, Fn, MinRank, MaxRank, DTypes)                    \
  TEST(NativeOpsDynamic, Name) {                                               \
    Values v(17);                                                              \
    for (int rank = MinRank; rank <= MaxRank; ++rank)                          \
      for (ag::DType d : DTypes)                                               \
        expectSameDynamic(#Fn, &Fn, rank, d, dynamicFeeds(rank, d, v, 10));    \
  }

AG_DYNAMIC_TEST(SumLast, sumLast, 1, 3, kNumbers)
AG_DYNAMIC_TEST(SumFirstKeep, sumFirstKeep, 1, 3, kNumbers)
AG_DYNAMIC_TEST(MeanLast, meanLast, 1, 3, kFloats)
AG_DYNAMIC_TEST(MeanOuter, meanOuter, 3, 3, kFloats)
AG_DYNAMIC_TEST(ProdSecond, prodSecond, 2, 3, kNumbers)
AG_DYNAMIC_TEST(MinLast, minLast, 1, 3, kNumbers)
AG_DYNAMIC_TEST(MaxFirstKeep, maxFirstKeep, 1, 3, kNumbers)
AG_DYNAMIC_TEST(ArgmaxLast, argmaxLast, 1, 3, kNumbers)
AG_DYNAMIC_TEST(ArgminFirst, argminFirst, 1, 3, kNumbers)
AG_DYNAMIC_TEST(ArgmaxAll, argmaxAll, 2, 3, kNumbers)
AG_DYNAMIC_TEST(AnyLastAllFirst, anyLastAllFirst, 2, 3, kFloats)
AG_DYNAMIC_TEST(BoolExtremes, boolExtremes, 1, 3, kFloats)
AG_DYNAMIC_TEST(CenteredColumnSum, centeredColumnSum, 2, 3, kFloats)
AG_DYNAMIC_TEST(SoftmaxRows, softmaxRows, 2, 2, kFloats)
AG_DYNAMIC_TEST(FloatFunctions, floatFunctions, 1, 3, kFloats)
AG_DYNAMIC_TEST(FlattenScaled, flattenScaled, 2, 2, kFloats)
AG_DYNAMIC_TEST(Gram, gram, 2, 2, kNumbers)
AG_DYNAMIC_TEST(ConcatLast, concatLast, 1, 3, kNumbers)
AG_DYNAMIC_TEST(SliceOdd, sliceOdd, 1, 3, kAll)
AG_DYNAMIC_TEST(SliceCorner, sliceCorner, 2, 3, kAll)
AG_DYNAMIC_TEST(ReverseRows, reverseRows, 1, 3, kAll)
AG_DYNAMIC_TEST(SliceBackward, sliceBackward, 2, 3, kAll)
AG_DYNAMIC_TEST(SliceOutOfRange, sliceOutOfRange, 2, 3, kNumbers)
AG_DYNAMIC_TEST(RotateRows, rotateRows, 1, 3, kNumbers)

/// gather with dynamic inputs and indices: indices of rank 1 and 2, int32
/// and int64, in range and (one feed in five) out of range.
TEST(NativeOpsDynamic, Gather) {
  Values v(23);
  for (int rank = 1; rank <= 3; ++rank)
    for (ag::DType d : {ag::Float64, ag::Int32, ag::Bool})
      for (int idRank = 1; idRank <= 2; ++idRank) {
        ag::DType id = idRank == 1 ? ag::Int64 : ag::Int32;
        std::vector<std::vector<Tensor>> rows, last;
        int k = 0;
        for (const Shape &s : smallShapes(rank, v, 8)) {
          Shape ids = idRank == 1 ? Shape{static_cast<int64_t>(k % 4)}
                                  : Shape{2, static_cast<int64_t>(k % 3)};
          int bad = k++ % 5 == 4 ? 1 : 0;
          Tensor x = v.of(s, d, 3);
          rows.push_back({x, v.indices(ids, s.front(), id, bad)});
          last.push_back({x, v.indices(ids, s.back(), id, bad)});
        }
        std::vector<ag::TensorSpec> signature = {
            ag::spec(d, Shape(static_cast<size_t>(rank), ag::dyn)),
            ag::spec(id, Shape(static_cast<size_t>(idRank), ag::dyn))};
        if (rank == 1)
          expectSameDynamic("gatherRows", &gatherRows, signature, rows);
        expectSameDynamic("gatherLast", &gatherLast, signature, last);
      }
}

/// matmul of two dynamic matrices: matching inner dimensions, and (one
/// feed in four) mismatched ones, which both backends must report.
TEST(NativeOpsDynamic, Product) {
  Values v(19);
  for (ag::DType d : kNumbers) {
    std::vector<std::vector<Tensor>> feeds;
    for (int i = 0; i < 12; ++i) {
      auto pick = [&] { return kSmallExtents[static_cast<int>(v.next(0, 7))]; };
      int64_t m = pick(), k = pick(), n = pick();
      int64_t k2 = i % 4 == 3 ? k + 1 : k;
      feeds.push_back({v.of({m, k}, d), v.of({k2, n}, d)});
    }
    expectSameDynamic("product", &product, 2, d, feeds);
    expectSameDynamic("productPlusSum", &productPlusSum, 2, d, feeds);
  }
}

} // namespace
