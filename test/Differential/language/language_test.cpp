// Eager call vs ag::function for the programs of language.cpp: identical
// values, dtypes and printed output.
#include "language.h"

#include "../Expect.h"

#include <gtest/gtest.h>

#include <string>

namespace {
using ag::DType;
using ag::Tensor;
using ag::test::expectSame;
using namespace language;

/// Runs f eagerly and as a graph (twice: the second call reuses the trace)
/// and compares results and stdout.
template <typename F, typename... A> void same(F *f, A... args) {
  auto graph = ag::function(f);
  testing::internal::CaptureStdout();
  Tensor eager = f(args...);
  std::string eagerOut = testing::internal::GetCapturedStdout();
  for (int call = 0; call < 2; ++call) {
    testing::internal::CaptureStdout();
    Tensor staged = graph(args...);
    std::string graphOut = testing::internal::GetCapturedStdout();
    expectSame(eager, staged);
    EXPECT_EQ(eagerOut, graphOut);
  }
}

Tensor typed(std::initializer_list<int> values, DType dtype) {
  return ag::cast(Tensor(values), dtype);
}

TEST(Language, BitwiseCompoundAssignment) {
  for (int x : {-7, 0, 3, 12})
    for (int y : {0, 5}) {
      same(&bitwiseCompound, Tensor(x), Tensor(y));
      same(&bitwiseCompound, ag::cast(Tensor(x), DType::Int32), Tensor(y));
      same(&bitwiseCompoundLoop, Tensor(x), Tensor(y));
    }
  same(&bitwiseCompoundRows, Tensor({1, 5, 9}), Tensor(6));
  same(&bitwiseCompoundRows, typed({4, 0, 3}, DType::Int32), Tensor(1));
  for (int x : {-5, -1, 0, 4, 10, 11})
    same(&maskedFlags, Tensor(x));
}

TEST(Language, LambdasWithStagedExpressions) {
  for (int x : {-6, -1, 0, 1, 2, 3, 4, 5, 9}) {
    same(&lambdaConditional, Tensor(x));
    same(&lambdaCallsConverted, Tensor(x));
    same(&lambdaImmediate, Tensor(x));
    for (int y : {0, 2, -3})
      same(&lambdaLogical, Tensor(x), Tensor(y));
  }
  same(&lambdaConditional, Tensor(2.5));
  same(&lambdaImmediate, Tensor(-1.5));
}

TEST(Language, HostSwitchWithStagedExpressions) {
  for (int x : {-4, 0, 1, 2, 4, 9})
    for (int mode : {0, 1, 2, 3})
      same(&switchExpressions, Tensor(x), mode);
}

TEST(Language, PrintItemsOfStagedTensors) {
  for (double x : {-1.25, 0.0, 2.0, 3.5, 1e7 + 0.125}) {
    same(&printItems, Tensor(x));
    same(&printCastItems, Tensor(x));
    if (x < 10)
      same(&printItemsInLoop, Tensor(x));
  }
  for (int x : {-3, 0, 4})
    same(&printItems, ag::cast(Tensor(x), DType::Int32));
  same(&printItemsInLoop, Tensor(3));
}

TEST(Language, VectorsOfStructs) {
  std::vector<Layer> layers{{Tensor(2.0), Tensor(-1.0)},
                            {Tensor(-3.0), Tensor(0.5)}};
  auto graph = ag::function(&applyLayers);
  for (double x : {-2.0, 0.0, 1.5}) {
    expectSame(applyLayers(layers, Tensor(x)), graph(layers, Tensor(x)));
    std::vector<Layer> one{layers[0]};
    expectSame(applyLayers(one, Tensor(x)), graph(one, Tensor(x)));
    std::vector<Layer> none;
    expectSame(applyLayers(none, Tensor(x)), graph(none, Tensor(x)));
  }
  // One graph per length.
  EXPECT_EQ(graph.traceCount(), 3u);

  std::array<Layer, 2> pair{layers[0], layers[1]};
  expectSame(applyLayerArray(pair, Tensor(3.0)),
             ag::function(&applyLayerArray)(pair, Tensor(3.0)));

  auto shift = ag::function(&shiftLayers);
  for (double by : {-1.0, 2.0}) {
    std::vector<Layer> eager = shiftLayers(layers, Tensor(by));
    std::vector<Layer> staged = shift(layers, Tensor(by));
    ASSERT_EQ(eager.size(), staged.size());
    for (size_t i = 0; i < eager.size(); ++i) {
      expectSame(eager[i].w, staged[i].w);
      expectSame(eager[i].b, staged[i].b);
    }
  }

  std::vector<Scaled> items{{Tensor(1.0), 2.0}, {Tensor(3.0), 0.5}};
  auto scaled = ag::function(&sumScaled);
  expectSame(sumScaled(items), scaled(items));
  items[1].scale = 4.0; // a host field is part of the trace key
  expectSame(sumScaled(items), scaled(items));
  EXPECT_EQ(scaled.traceCount(), 2u);
}

TEST(Language, VectorOfStructsInputNames) {
  std::vector<Layer> layers{{Tensor(2.0), Tensor(-1.0)},
                            {Tensor(-3.0), Tensor(0.5)}};
  std::vector<std::string> names =
      ag::function(&applyLayers).graph(layers, Tensor(1.0)).inputNames();
  EXPECT_EQ(names,
            (std::vector<std::string>{"layers[0].w", "layers[1].w",
                                      "layers[0].b", "layers[1].b", "x"}));
}

} // namespace
