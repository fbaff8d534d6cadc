// Eager call vs ag::function for the programs of params.cpp: parameters and
// results holding several tensors, and declared input signatures.
#include "params.h"

#include "Expect.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace {
using ag::DType;
using ag::Tensor;
using namespace params;

using ag::test::expectSame;

Tensor vec(std::vector<double> values) {
  int64_t n = static_cast<int64_t>(values.size());
  return Tensor::fromVector(values, {n});
}

std::vector<Tensor> scalars(int n, double scale) {
  std::vector<Tensor> xs;
  for (int i = 0; i < n; ++i)
    xs.push_back(Tensor(scale * (i % 3 - 1) + i));
  return xs;
}

TEST(Params, VectorParameterElementsAreGraphInputs) {
  auto g = ag::function(&weightedSum);
  for (int n = 0; n < 5; ++n) {
    std::vector<Tensor> xs = scalars(n, 1.5);
    expectSame(weightedSum(xs, 2.0), g(xs, 2.0));
    // Same length, other values: no new trace.
    std::vector<Tensor> ys = scalars(n, -4.0);
    expectSame(weightedSum(ys, 3.0), g(ys, 3.0));
  }
  // The length is part of the trace key: one graph per length.
  EXPECT_EQ(g.traceCount(), 5u);
  std::vector<std::string> names = g.graph(scalars(3, 1), 1.0).inputNames();
  EXPECT_EQ(names, (std::vector<std::string>{"xs[0]", "xs[1]", "xs[2]", "w"}));
}

TEST(Params, VectorAndArrayParametersIterate) {
  auto count = ag::function(&countPositive);
  for (int n = 0; n < 6; ++n) {
    std::vector<Tensor> xs = scalars(n, -2.0);
    expectSame(countPositive(xs), count(xs));
  }
  std::array<Tensor, 3> a{1.0, 2.0, 3.0}, b{-1.0, 0.5, 4.0};
  expectSame(dot3(a, b), ag::function(&dot3)(a, b));
}

TEST(Params, ContainerAndTupleResults) {
  auto sums = ag::function(&prefixSums);
  for (int n = 0; n < 5; ++n) {
    std::vector<Tensor> xs = scalars(n, 0.25);
    std::vector<Tensor> eager = prefixSums(xs), graph = sums(xs);
    ASSERT_EQ(eager.size(), graph.size());
    for (size_t i = 0; i < eager.size(); ++i)
      expectSame(eager[i], graph[i]);
  }
  Tensor v = vec({3, -1, 7, 2});
  std::array<Tensor, 2> e = minMax(v), g = ag::function(&minMax)(v);
  expectSame(e[0], g[0]);
  expectSame(e[1], g[1]);
  auto [q, r] = ag::function(&divMod)(Tensor(17), Tensor(5));
  expectSame(divMod(17, 5).first, q);
  expectSame(divMod(17, 5).second, r);
  auto [n, s, sq] = ag::function(&stats)(v);
  auto [en, es, esq] = stats(v);
  expectSame(en, n);
  expectSame(es, s);
  expectSame(esq, sq);
}

TEST(Params, StructParametersAndResults) {
  auto g = ag::function(&linear);
  Linear p{2.0, 0.5};
  for (double x : {-1.0, 0.0, 3.0}) {
    Output e = linear(p, x, 1.0), r = g(p, x, 1.0);
    expectSame(e.y, r.y);
    expectSame(e.loss, r.loss);
  }
  EXPECT_EQ(g.traceCount(), 1u);
  ag::Graph graph = g.graph(p, Tensor(1.0), Tensor(1.0));
  EXPECT_EQ(graph.inputNames(),
            (std::vector<std::string>{"p.w", "p.b", "x", "target"}));
  // The names are in the graph (the DOT labels its inputs).
  EXPECT_NE(graph.dot().find("p.w"), std::string::npos);
}

TEST(Params, NestedStructsWithVectorsAndHostFields) {
  auto g = ag::function(&train);
  Model m{{Tensor(0.5), Tensor(0.1)}, {Tensor(0.25), Tensor(-0.5)}, {0.1, 0.9}};
  Tensor x = vec({1, 2, 3}), target = vec({2, 4, 6});
  Model eager = m, graph = m;
  for (int step = 0; step < 4; ++step) {
    Step e = train(eager, x, target), r = g(graph, x, target);
    expectSame(e.loss, r.loss);
    expectSame(e.layer.w, r.layer.w);
    expectSame(e.lr, r.lr);
    ASSERT_EQ(r.biases.size(), 2u);
    expectSame(e.biases[1], r.biases[1]);
    eager.layer = e.layer;
    eager.opt.lr = e.lr;
    graph.layer = r.layer;
    graph.opt.lr = r.lr;
  }
  // The literal initial values are weak, the results typed: two traces.
  EXPECT_EQ(g.traceCount(), 2u);
  // A host field is part of the trace key.
  graph.opt.decay = 0.5;
  eager.opt.decay = 0.5;
  expectSame(train(eager, x, target).loss, g(graph, x, target).loss);
  expectSame(train(eager, x, target).lr, g(graph, x, target).lr);
  EXPECT_EQ(g.traceCount(), 3u);
  EXPECT_EQ(
      g.graph(graph, x, target).inputNames(),
      (std::vector<std::string>{"m.layer.w", "m.layer.b", "m.biases[0]",
                                "m.biases[1]", "m.opt.lr", "x", "target"}));
}

TEST(Signature, DynamicDimensionSharesOneGraph) {
  auto g = ag::function(&norm, {ag::spec(ag::Float64, {ag::dyn})});
  for (int n = 1; n < 8; ++n) {
    std::vector<double> d;
    for (int i = 0; i < n; ++i)
      d.push_back(i * 0.5 - 1);
    expectSame(norm(vec(d)), g(vec(d)));
  }
  EXPECT_EQ(g.traceCount(), 1u);
  EXPECT_NE(g.graph(vec({1})).mlir().find("tensor<?xf64>"), std::string::npos);
}

TEST(Signature, StaticAndDynamicDimensions) {
  auto g = ag::function(&clippedMean, {ag::spec(ag::Float32, {ag::dyn, 3}),
                                       ag::spec(ag::Float32)});
  for (int rows = 1; rows < 5; ++rows) {
    Tensor m = ag::cast(
        Tensor::fromVector(std::vector<double>(rows * 3, 1.5), {rows, 3}),
        DType::Float32);
    Tensor limit = ag::cast(Tensor(4.0), DType::Float32);
    expectSame(clippedMean(m, limit), g(m, limit));
  }
  EXPECT_EQ(g.traceCount(), 1u);
  auto h =
      ag::function(&firstRowSum, {ag::spec(ag::Int64, {ag::dyn, ag::dyn})});
  for (int n = 2; n < 5; ++n) {
    Tensor m =
        ag::cast(Tensor::full(DType::Float64, {n, n + 1}, 2), DType::Int64);
    expectSame(firstRowSum(m), h(m));
  }
  EXPECT_EQ(h.traceCount(), 1u);
}

TEST(Signature, VectorElementsShareTheirSpec) {
  auto g = ag::function(&weightedSum,
                        {ag::spec(ag::Float64), ag::spec(ag::Float64)});
  std::vector<Tensor> xs = scalars(3, 1.0);
  expectSame(weightedSum(xs, 2.0), g(xs, 2.0));
  xs[1] = Tensor(int64_t{2});
  try {
    g(xs, 2.0);
    FAIL() << "no error";
  } catch (const ag::Error &e) {
    EXPECT_NE(e.message().find("argument 'xs[1]' of 'weightedSum' does not "
                               "match its declared input signature: expected "
                               "float64[], got int64[]"),
              std::string::npos)
        << e.what();
  }
}

std::string errorOf(const std::function<void()> &call) {
  try {
    call();
  } catch (const ag::Error &e) {
    return e.what();
  }
  return "no error";
}

TEST(Signature, MismatchesNameTheParameter) {
  auto g = ag::function(&norm, {ag::spec(ag::Float64, {ag::dyn})});
  EXPECT_NE(errorOf([&] {
              g(ag::cast(vec({1, 2}), DType::Float32));
            })
                .find("argument 'v' of 'norm' does not match its declared "
                      "input signature: expected float64[?], got float32[2]"),
            std::string::npos);
  EXPECT_NE(errorOf([&] {
              g(Tensor::zeros(DType::Float64, {2, 2}));
            }).find("expected float64[?], got float64[2, 2]"),
            std::string::npos);
  auto h = ag::function(&clippedMean, {ag::spec(ag::Float64, {ag::dyn, 3}),
                                       ag::spec(ag::Float64)});
  EXPECT_NE(errorOf([&] {
              h(Tensor::zeros(DType::Float64, {2, 4}), 1.0);
            })
                .find("argument 'm' of 'clippedMean' does not match its "
                      "declared input signature: expected float64[?, 3], got "
                      "float64[2, 4]"),
            std::string::npos);
  auto wrongCount = ag::function(&linear, {ag::spec(ag::Float64)});
  EXPECT_NE(errorOf([&] {
              wrongCount(Linear{1.0, 2.0}, 1.0, 1.0);
            })
                .find("has 1 spec, but its parameters have 4 tensor "
                      "positions: p.w, p.b, x, target"),
            std::string::npos);
  EXPECT_EQ(g.traceCount(), 0u);
}

TEST(Signature, StaticSizeOfADynamicDimensionIsAnErrorAtItsLine) {
  auto g = ag::function(&lengthByDim, {ag::spec(ag::Float64, {ag::dyn})});
  std::string error = errorOf([&] { g(vec({1, 2, 3})); });
  // At the host loop's condition, which reads the size.
  EXPECT_NE(error.find("params.cpp:106:23:"), std::string::npos) << error;
  EXPECT_NE(error.find("dimension 0 of this staged float64[?] tensor is known "
                       "only when the graph runs"),
            std::string::npos)
      << error;
  // Without a signature the size is static and the loop unrolls.
  expectSame(lengthByDim(vec({1, 2, 3})),
             ag::function(&lengthByDim)(vec({1, 2, 3})));
}

TEST(Signature, RetraceWarningAdvisesASignatureForChangingShapes) {
  auto g = ag::function(&norm);
  testing::internal::CaptureStderr();
  for (int n = 1; n <= 6; ++n)
    g(Tensor::zeros(DType::Float64, {n}));
  std::string warned = testing::internal::GetCapturedStderr();
  EXPECT_NE(warned.find("retracing 'norm'"), std::string::npos) << warned;
  EXPECT_NE(warned.find("ag::function(&f, {ag::spec(ag::Float64, {ag::dyn})})"),
            std::string::npos)
      << warned;
  EXPECT_EQ(warned.find("pass values that change as ag::Tensor"),
            std::string::npos)
      << warned;
}

TEST(Signature, RetraceWarningForHostValuesKeepsItsAdvice) {
  auto g = ag::function(&train);
  Model m{{Tensor(0.5), Tensor(0.1)}, {}, {0.1, 0.9}};
  testing::internal::CaptureStderr();
  for (int i = 1; i <= 6; ++i) {
    m.opt.decay = 1.0 / i;
    g(m, 1.0, 1.0);
  }
  std::string warned = testing::internal::GetCapturedStderr();
  EXPECT_NE(warned.find("pass values that change as ag::Tensor"),
            std::string::npos)
      << warned;
}

} // namespace
