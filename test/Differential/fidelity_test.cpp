// Eager call vs ag::function for the programs of fidelity.cpp: values,
// dtypes and weakness of the results must be identical.
#include "fidelity.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <sstream>
#include <thread>

namespace {
using ag::DType;
using ag::Tensor;
using namespace fidelity;

std::string show(const Tensor &t) {
  std::ostringstream os;
  os << t << " (" << (t.isWeak() ? "weak " : "") << ag::dtypeName(t.dtype())
     << ")";
  return os.str();
}

template <typename F, typename... A> void same(F *f, A... args) {
  Tensor eager = f(args...);
  Tensor graph = ag::function(f)(args...);
  EXPECT_TRUE(eager.identical(graph) && eager.isWeak() == graph.isWeak())
      << "eager " << show(eager) << ", graph " << show(graph);
}

Tensor typed(std::initializer_list<int> values, DType dtype) {
  return ag::cast(Tensor(values), dtype);
}

TEST(Fidelity, HostDoublesAreKeyedByValue) {
  auto g = ag::function(&scaleByDouble);
  for (double eps : {1e-7, 2e-7, 1e-300, 0.0, -0.0, 1.0 + 1e-15, 1.0})
    EXPECT_TRUE(g(1.0, eps).identical(scaleByDouble(1.0, eps))) << eps;
  EXPECT_EQ(g.traceCount(), 7u);
  // -0.0 and 0.0 are different graphs: 1 / (x * eps) differs.
  EXPECT_TRUE(std::signbit(g(1.0, -0.0).item<double>()));
}

TEST(Fidelity, HostFloatsIntsBoolsAreKeyedByValue) {
  auto f = ag::function(&scaleByFloat);
  EXPECT_TRUE(f(1.0f, 1e-7f).identical(scaleByFloat(1.0f, 1e-7f)));
  EXPECT_TRUE(f(1.0f, 2e-7f).identical(scaleByFloat(1.0f, 2e-7f)));
  EXPECT_EQ(f.traceCount(), 2u);
  for (int n : {0, 1, 2, 3, 2})
    same(&powByInt, Tensor(3), n);
  for (bool b : {true, false, true})
    same(&chooseByBool, Tensor(3), b);
  for (long long k : {1LL << 40, (1LL << 40) + 1, -5LL})
    same(&shiftByLong, Tensor(1), k);
}

TEST(Fidelity, WeakArgumentsStayWeak) {
  for (int i = 0; i < 20; ++i) {
    same(&timesTwoPointFive, Tensor(1.0f * i));
    same(&timesTwoPointFive, Tensor(i));
    same(&timesTwoPointFive, ag::cast(Tensor(i), DType::Float32));
    same(&addBoth, typed({i}, DType::Int32), Tensor(4));
    same(&addBoth, typed({i, 1}, DType::Float32), Tensor(4.5));
    same(&addBoth, Tensor(i), Tensor(2.5f));
    same(&literalResult, Tensor(i - 10));
  }
  // A typed and a weak argument of one dtype are different signatures.
  auto g = ag::function(&timesTwoPointFive);
  EXPECT_EQ(ag::dtypeName(g(1.0f).dtype()), std::string("float64"));
  EXPECT_EQ(ag::dtypeName(g(ag::cast(Tensor(1), DType::Float32)).dtype()),
            std::string("float32"));
}

TEST(Fidelity, WeakAccumulatorsAdoptTheBodysType) {
  for (DType dtype :
       {DType::Int32, DType::Int64, DType::Float32, DType::Float64}) {
    for (int n = 1; n < 6; ++n) {
      std::vector<int> values;
      for (int i = 0; i < n; ++i)
        values.push_back(i * 3 % 5);
      Tensor v = ag::cast(Tensor::fromVector(values, {n}), dtype);
      same(&sumRows, v);
      same(&sumWhile, v);
      same(&productDoWhile, v);
      same(&meanOfRows, v);
      same(&countAndSum, v);
      // Eagerly, s adopts the row's type in the first iteration that takes
      // the typed branch; the graph's type is static (see below).
      if (values.size() > 1) {
        same(&branchAccumulator, v);
        same(&ternaryAccumulator, v);
      }
      same(&chainedWeak, v);
      same(&nestedAccumulator,
           ag::cast(Tensor({{1, 2}, {3, 4}, {5, n}}), dtype));
    }
  }
}

TEST(Fidelity, HostValuesPrintAsStdCoutAndPrintf) {
  auto g = ag::function(&printHostValues);
  for (bool flag : {true, false})
    for (double d : {2.0 / 3, 1e20, -0.0})
      for (int k : {1, 3, 200}) {
        testing::internal::CaptureStdout();
        printHostValues(Tensor(2), flag, d, k);
        std::string eager = testing::internal::GetCapturedStdout();
        testing::internal::CaptureStdout();
        g(Tensor(2), flag, d, k);
        EXPECT_EQ(eager, testing::internal::GetCapturedStdout());
      }
}

TEST(Fidelity, DeclaredStackOfEmptyHostVector) {
  Tensor x = {1.0, 2.0};
  for (int n : {0, 1, 3}) {
    Tensor eager = stackDeclared(x, n),
           graph = ag::function(&stackDeclared)(x, n);
    EXPECT_TRUE(eager.identical(graph)) << show(eager) << " " << show(graph);
  }
  Tensor empty = ag::stack(std::vector<Tensor>{}, ag::Float64, {3});
  EXPECT_EQ(empty.shape(), (ag::Shape{0, 3}));
  EXPECT_THROW(ag::stack(std::vector<Tensor>{}), ag::Error);
}

TEST(Fidelity, DataDependentWeakTypeTakesTheTypedPath) {
  // No iteration takes the branch that types `s`: eagerly it stays a weak
  // int64; a graph's types cannot depend on data, so it has the type the
  // typed path gives it, with the same value.
  Tensor v = typed({0}, DType::Float32);
  Tensor eager = branchAccumulator(v),
         graph = ag::function(&branchAccumulator)(v);
  EXPECT_EQ(eager.item<double>(), graph.item<double>());
  EXPECT_EQ(graph.dtype(), DType::Float32);
}

TEST(Fidelity, CancelStopsACallFromAnotherThreadAndTheFunctionStaysUsable) {
  auto f = ag::function(&spin);
  Tensor n(int64_t(5));
  // Traced first, so the canceller finds the graph. A cancel() before the
  // run starts does nothing: keep cancelling until the call has ended (no
  // timing assumption).
  f.graph(n);
  std::atomic<bool> done{false};
  std::thread canceller([&] {
    while (!done.load()) {
      f.cancel();
      std::this_thread::yield();
    }
  });
  std::string message;
  unsigned line = 0;
  try {
    f(n);
  } catch (const ag::Error &e) {
    message = e.message();
    line = e.loc().line;
    EXPECT_NE(e.loc().file.find("fidelity.cpp"), std::string::npos) << e.what();
  }
  done = true;
  canceller.join();
  EXPECT_NE(message.find("evaluation cancelled"), std::string::npos) << message;
  // At the loop (or the op of it that was running), in spin's lines.
  EXPECT_GT(line, 0u);
  // Usable afterwards: the same graph, and a new signature.
  EXPECT_EQ(f(Tensor(int64_t(0))).item<int64_t>(), 0);
  EXPECT_EQ(f(Tensor(int32_t(-1))).item<double>(), 0.0);
}

} // namespace
