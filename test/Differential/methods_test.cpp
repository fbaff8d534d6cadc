// Eager call vs ag::method / ag::function for the methods and templates of
// methods.cpp: values and dtypes identical, state written back identical.
#include "methods.h"

#include "Expect.h"

#include <gtest/gtest.h>

namespace {
using ag::Tensor;
using namespace methods;

using ag::test::expectSame;

Model makeModel(double w, double b) {
  Model m;
  m.w = Tensor(w);
  m.b = Tensor(b);
  return m;
}

TEST(Methods, ConstMethodSeesMembersChangedBetweenCalls) {
  Model m = makeModel(2.0, 1.0);
  auto forward = ag::method(m, &Model::forward);
  for (double w : {2.0, -3.0, 0.5, 40.0}) {
    m.w = Tensor(w);
    for (double x : {-2.0, 0.0, 1.5, 7.0})
      expectSame(m.forward(x), forward(x));
  }
  // Members of the same dtype and shape reuse the graph.
  EXPECT_EQ(forward.traceCount(), 1u);
  // A private member of a member object, read by its own converted method.
  m.hidden.set(Tensor(-4.0));
  for (double x : {-2.0, 3.0})
    expectSame(m.forward(x), forward(x));
  EXPECT_EQ(forward.traceCount(), 1u);
  // A member of another dtype is a new signature.
  m.w = Tensor(3);
  expectSame(m.forward(2.0), forward(2.0));
  EXPECT_EQ(forward.traceCount(), 2u);
}

TEST(Methods, NonConstMethodWritesMembersBack) {
  Model eager = makeModel(1.0, 0.0), graph = makeModel(1.0, 0.0);
  auto step = ag::method(graph, &Model::step);
  for (double g : {0.5, -1.0, 2.0, 0.0}) {
    eager.step(g, 0.1);
    step(g, 0.1);
    expectSame(eager.w, graph.w);
    expectSame(eager.b, graph.b);
  }
  // The graph never leaves a staged value in the object.
  EXPECT_FALSE(graph.w.isStaged());
  EXPECT_EQ(step.traceCount(), 1u);
}

TEST(Methods, TupleResultAndMethodCallingMethods) {
  Model eager = makeModel(1.0, 2.0), graph = makeModel(1.0, 2.0);
  auto both = ag::method(graph, &Model::both);
  for (double x : {1.0, -5.0, 3.0}) {
    auto [e1, e2] = eager.both(x);
    auto [g1, g2] = both(x);
    expectSame(e1, g1);
    expectSame(e2, g2);
    expectSame(eager.w, graph.w);
  }
}

TEST(Methods, HostMembersAreTraceKeys) {
  Model m = makeModel(1.0, 0.0);
  auto repeated = ag::method(m, &Model::repeated);
  for (int r : {1, 3, 1}) {
    m.repeat = r;
    for (double s : {1.0, 0.5}) {
      m.scale = s;
      expectSame(m.repeated(2.0), repeated(2.0));
    }
  }
  EXPECT_EQ(repeated.traceCount(), 4u);
  m.extra = {Tensor(1.0), Tensor(10.0)};
  expectSame(m.repeated(2.0), repeated(2.0));
  m.extra[1] = Tensor(-7.0);
  expectSame(m.repeated(2.0), repeated(2.0));
  EXPECT_EQ(repeated.traceCount(), 5u);
}

TEST(Methods, StagedLoopOverMembers) {
  Model eager = makeModel(2.0, 1.0), graph = makeModel(2.0, 1.0);
  auto loop = ag::method(graph, &Model::loop);
  for (int n : {0, 3, 1}) {
    expectSame(eager.loop(n), loop(n));
    expectSame(eager.w, graph.w);
  }
}

TEST(Methods, StaticMethodAndLocalObjects) {
  for (double x : {-1.0, 2.0})
    expectSame(Model::twice(x), ag::function(&Model::twice)(x));
  for (double x : {-3.0, 0.5, 4.0})
    expectSame(viaLocalModel(x, 2.0), ag::function(&viaLocalModel)(x, 2.0));
}

TEST(Methods, EagerCallsStayEager) {
  Model m = makeModel(2.0, 1.0);
  Tensor y = m.forward(3.0);
  EXPECT_FALSE(y.isStaged());
  m.step(1.0, 0.5);
  EXPECT_FALSE(m.w.isStaged());
}

TEST(Templates, EveryInstantiationHasATwin) {
  for (int x : {-1, 0, 1, 2, 5}) {
    expectSame(scaleSum(Tensor(x), 3), ag::function(&scaleSum<int>)(x, 3));
    expectSame(scaleSum(Tensor(x), 0.5),
               ag::function(&scaleSum<double>)(x, 0.5));
    expectSame(scaleSum(Tensor(1.5 * x), 2.5f),
               ag::function(&scaleSum<float>)(1.5 * x, 2.5f));
    expectSame(callsTemplate(x), ag::function(&callsTemplate)(x));
  }
}

TEST(Templates, DependentHostLoopAndDependentTensorReturn) {
  for (int x : {-4, -1, 0, 2, 5, 20}) {
    for (int n : {0, 1, 4})
      expectSame(power(Tensor(x), n), ag::function(&power<int>)(x, n));
    expectSame(power(Tensor(x), 3L), ag::function(&power<long>)(x, 3L));
    expectSame(clampT(Tensor(x), Tensor(0), Tensor(3)),
               ag::function(&clampT<Tensor>)(x, 0, 3));
  }
}

TEST(Methods, UnconvertedMethodIsAnError) {
  Layer layer(Tensor(1.0), Tensor(0.0));
  auto weight = ag::method(layer, &Layer::weight);
  try {
    weight();
    FAIL() << "expected ag::Error";
  } catch (const ag::Error &e) {
    EXPECT_NE(std::string(e.what()).find("has no graph twin"),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("methods::Layer"), std::string::npos)
        << e.what();
  }
}

} // namespace
