//===- ListTest.cpp - The evaluator's list values -------------------------===//

#include "ag/runtime/Evaluator.h"
#include "ag/runtime/Value.h"

#include "gtest/gtest.h"

#include <atomic>
#include <thread>

using namespace ag;
using exec::List;

namespace {

Tensor i64(int64_t v) { return Tensor::fromVector<int64_t>({v}, {}); }

/// The elements of `l` as ints (each a 0-d i64).
std::vector<int64_t> ints(const List &l) {
  std::vector<int64_t> out;
  for (const Tensor &t : l.elements())
    out.push_back(static_cast<int64_t>(t.elementAsDouble(0)));
  return out;
}

using Ints = std::vector<int64_t>;

TEST(ListTest, EmptyListHasNoStorage) {
  List l;
  EXPECT_TRUE(l.empty());
  EXPECT_EQ(l.storageId(), nullptr);
  EXPECT_EQ(l.storageSize(), 0u);
  EXPECT_TRUE(l.elements().empty());
  EXPECT_EQ(l.bytes(), 0u);
}

TEST(ListTest, PushOntoNewestVersionAppendsInPlace) {
  List l0;
  List l1 = l0.push(i64(1));
  List l2 = l1.push(i64(2));
  List l3 = l2.push(i64(3));
  // One storage for the chain, each version seeing its own prefix.
  EXPECT_NE(l1.storageId(), nullptr);
  EXPECT_EQ(l2.storageId(), l1.storageId());
  EXPECT_EQ(l3.storageId(), l1.storageId());
  EXPECT_EQ(l3.storageSize(), 3u);
  EXPECT_TRUE(l0.empty());
  EXPECT_EQ(ints(l1), Ints({1}));
  EXPECT_EQ(ints(l2), Ints({1, 2}));
  EXPECT_EQ(ints(l3), Ints({1, 2, 3}));
  EXPECT_EQ(static_cast<int64_t>(l2.at(1).elementAsDouble(0)), 2);
}

TEST(ListTest, PushOntoOlderVersionCopies) {
  List l1 = List().push(i64(1));
  List l2 = l1.push(i64(2));
  // l1 is no longer the newest version of its storage: it must copy, or it
  // would overwrite (or see) l2's element.
  List other = l1.push(i64(7));
  EXPECT_NE(other.storageId(), l1.storageId());
  EXPECT_EQ(other.storageSize(), 2u);
  EXPECT_EQ(ints(other), Ints({1, 7}));
  EXPECT_EQ(ints(l2), Ints({1, 2}));
  EXPECT_EQ(ints(l1), Ints({1}));
  EXPECT_EQ(l1.storageSize(), 2u);
  // The copy is the newest version of its own storage again.
  List more = other.push(i64(8));
  EXPECT_EQ(more.storageId(), other.storageId());
  EXPECT_EQ(ints(more), Ints({1, 7, 8}));
  // Two pushes onto the empty list share nothing.
  List a = List().push(i64(1)), b = List().push(i64(2));
  EXPECT_NE(a.storageId(), b.storageId());
}

TEST(ListTest, ElementsShareBuffers) {
  Tensor x = Tensor::fromVector<double>({1, 2, 3}, {3});
  List l = List().push(x);
  EXPECT_EQ(l.at(0).impl(), x.impl());
}

TEST(ListTest, BytesCountTheVisibleElements) {
  List l1 = List().push(Tensor::fromVector<double>({1, 2, 3}, {3}));
  List l2 = l1.push(Tensor::fromVector<int32_t>({1}, {}));
  // Element bytes plus one storage slot per element.
  EXPECT_EQ(l1.bytes(), 24u + sizeof(Tensor));
  EXPECT_EQ(l2.bytes(), 28u + 2 * sizeof(Tensor));
  exec::Value v(l2);
  EXPECT_TRUE(v.isList());
  EXPECT_FALSE(v.isTensor());
  EXPECT_EQ(v.kind(), exec::Value::Kind::List);
  EXPECT_EQ(v.bytes(), 28u + 2 * sizeof(Tensor));
  EXPECT_EQ(v.list().size(), 2u);
  v.reset();
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(v.bytes(), 0u);
  EXPECT_EQ(v.list().size(), 0u);
}

// Two threads push onto one version at once, many times over: exactly one
// push per round appends in place, and both results hold the right values.
// Then each thread keeps pushing onto its own result while the other does
// too, on the storage one of them shares with the base.
TEST(ListTest, ConcurrentPushesOntoOneVersion) {
  constexpr int kRounds = 300, kMore = 50;
  for (int round = 0; round < kRounds; ++round) {
    List base = List().push(i64(0)).push(i64(1));
    List results[2];
    std::atomic<int> ready{0};
    auto pusher = [&](int t) {
      ready.fetch_add(1);
      // Start both pushes as close together as possible.
      while (ready.load() < 2)
        std::this_thread::yield();
      List l = base.push(i64(10 + t));
      results[t] = l;
      for (int k = 0; k < kMore; ++k)
        l = l.push(i64(100 * (t + 1) + k));
      results[t] = l;
    };
    std::thread a(pusher, 0), b(pusher, 1);
    a.join();
    b.join();
    int inPlace = 0;
    for (int t = 0; t < 2; ++t) {
      Ints expected{0, 1, 10 + t};
      for (int k = 0; k < kMore; ++k)
        expected.push_back(100 * (t + 1) + k);
      ASSERT_EQ(ints(results[t]), expected) << "round " << round;
      inPlace += results[t].storageId() == base.storageId();
    }
    ASSERT_EQ(inPlace, 1) << "round " << round;
    ASSERT_EQ(ints(base), Ints({0, 1}));
  }
}

/// A hand-built program: l = [1, 2] by two pushes, then the stack of l as
/// `stackShape` and its dim 0.
struct StackProgram {
  explicit StackProgram(Shape stackShape) {
    using exec::NodeKind;
    auto list = [] {
      exec::SlotInfo info;
      info.typed = info.isList = true;
      return info;
    };
    exec::SlotId one = p->addConstant(i64(1)), two = p->addConstant(i64(2));
    exec::SlotId l0 = p->addSlot(list()), l1 = p->addSlot(list());
    l2 = p->addSlot(list());
    stacked = p->addSlot();
    dim = p->addSlot();
    auto add = [&](NodeKind kind, std::vector<exec::SlotId> operands,
                   exec::SlotId result) {
      exec::Node n;
      n.kind = kind;
      n.operands = std::move(operands);
      n.results = {result};
      return n;
    };
    p->addNode(add(NodeKind::ListNew, {}, l0));
    p->addNode(add(NodeKind::ListPush, {l0, one}, l1));
    p->addNode(add(NodeKind::ListPush, {l1, two}, l2));
    exec::Node stack = add(NodeKind::ListStack, {l2}, stacked);
    stack.dtype = DType::Int64;
    stack.shape = std::move(stackShape);
    p->addNode(std::move(stack));
    exec::Node d = add(NodeKind::Dim, {stacked}, dim);
    d.axis = 0;
    p->addNode(std::move(d));
    p->finalize();
  }
  std::shared_ptr<exec::Program> p = std::make_shared<exec::Program>();
  exec::SlotId l2, stacked, dim;
};

TEST(ListTest, EvaluatorStacksAndMeasuresLists) {
  StackProgram prog({-1});
  exec::Session session(prog.p);
  std::vector<exec::Value> out =
      session.run({prog.l2, prog.stacked, prog.dim}, {});
  ASSERT_TRUE(out[0].isList());
  EXPECT_EQ(ints(out[0].list()), Ints({1, 2}));
  EXPECT_EQ(toString(out[1].tensor()), "[1, 2]");
  EXPECT_EQ(toString(out[2].tensor()), "2");
}

TEST(ListTest, EvaluatorNamesTheMismatchedElement) {
  StackProgram prog({-1, 2});
  exec::Session session(prog.p);
  try {
    session.run({prog.stacked}, {});
    FAIL() << "stacking 0-d elements as int64[2] rows must fail";
  } catch (const Error &e) {
    EXPECT_EQ(e.message(), "cannot stack list element 0 of type int64[] as "
                           "int64[2] (the result is int64[?, 2])");
  }
}

} // namespace
