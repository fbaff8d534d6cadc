// Differential suite: every annotated function in programs.cpp runs eagerly
// (as written) and as a lazily evaluated graph (through its ag-convert twin)
// on many inputs; results, printed output and failures must be identical.
#include "Expect.h"
#include "programs.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace {
using ag::Tensor;
using ag::test::runGeneral;

// What one call did: its value, or that it failed, and what it printed.
struct Outcome {
  bool threw = false;
  Tensor value;
  std::string printed;

  bool sameAs(const Outcome &o) const {
    if (threw != o.threw || printed != o.printed)
      return false;
    return threw || value.identical(o.value);
  }
  std::string str() const {
    std::ostringstream os;
    if (threw)
      os << "<threw>";
    else
      os << value << " (" << ag::dtypeName(value.dtype()) << ")";
    if (!printed.empty())
      os << " printing \"" << printed << "\"";
    return os.str();
  }
};

Outcome observe(const std::function<Tensor()> &call) {
  Outcome out;
  testing::internal::CaptureStdout();
  try {
    out.value = call();
  } catch (const std::exception &) {
    out.threw = true;
  }
  out.printed = testing::internal::GetCapturedStdout();
  return out;
}

template <typename Tuple> std::string describe(const Tuple &args) {
  std::ostringstream os;
  os << "(";
  std::apply(
      [&](const auto &...a) {
        size_t i = 0;
        ((os << (i++ ? ", " : "") << a), ...);
      },
      args);
  os << ")";
  return os.str();
}

template <typename... A>
void expectSameEagerAndGraph(Tensor (*f)(A...),
                             const std::vector<std::tuple<A...>> &inputs) {
  ASSERT_GE(inputs.size(), 20u) << "each function needs at least 20 inputs";
  auto graph = ag::function(f);
  for (const auto &args : inputs) {
    Outcome eager = observe([&] { return std::apply(f, args); });
    Outcome lazy = observe([&] { return std::apply(graph, args); });
    EXPECT_TRUE(lazy.threw || lazy.value.defined())
        << "input " << describe(args) << ": graph returned an undefined tensor";
    EXPECT_TRUE(eager.sameAs(lazy)) << "input " << describe(args) << ": eager "
                                    << eager.str() << ", graph " << lazy.str();
    Outcome general = observe([&] { return runGeneral(graph, args); });
    EXPECT_TRUE(general.threw || general.value.defined())
        << "input " << describe(args)
        << ": general evaluator returned an undefined tensor";
    EXPECT_TRUE(eager.sameAs(general))
        << "input " << describe(args) << ": eager " << eager.str()
        << ", graph on the general evaluator " << general.str();
  }
}

using Int1 = std::tuple<Tensor>;
using Int2 = std::tuple<Tensor, Tensor>;
using Int3 = std::tuple<Tensor, Tensor, Tensor>;

std::vector<Int1> ints(int64_t lo, int64_t hi) {
  std::vector<Int1> v;
  for (int64_t i = lo; i <= hi; ++i)
    v.emplace_back(Tensor(i));
  return v;
}
std::vector<Int1> reals(double lo, double hi, int n) {
  std::vector<Int1> v;
  for (int i = 0; i < n; ++i)
    v.emplace_back(Tensor(lo + (hi - lo) * i / (n - 1)));
  return v;
}
std::vector<Int2> intPairs(int64_t lo, int64_t hi, int64_t lo2, int64_t hi2) {
  std::vector<Int2> v;
  for (int64_t a = lo; a <= hi; ++a)
    for (int64_t b = lo2; b <= hi2; ++b)
      v.emplace_back(Tensor(a), Tensor(b));
  return v;
}
std::vector<Int3> intTriples(int64_t lo, int64_t hi) {
  std::vector<Int3> v;
  for (int64_t a = lo; a <= hi; ++a)
    for (int64_t b = lo; b <= hi; ++b)
      for (int64_t c = lo; c <= hi; ++c)
        v.emplace_back(Tensor(a), Tensor(b), Tensor(c));
  return v;
}

using namespace programs;

TEST(Differential, Collatz) { expectSameEagerAndGraph(&collatz, ints(1, 40)); }
TEST(Differential, Huber) {
  std::vector<Int2> in;
  for (auto [x] : reals(-4.0, 4.0, 25))
    in.emplace_back(x, Tensor(1.5));
  expectSameEagerAndGraph(&huber, in);
}
TEST(Differential, Gcd) {
  expectSameEagerAndGraph(&gcd, intPairs(0, 12, 1, 9));
}
TEST(Differential, IntegerPowerBySquaring) {
  expectSameEagerAndGraph(&ipow, intPairs(-3, 4, 0, 9));
}
TEST(Differential, NewtonSqrt) {
  expectSameEagerAndGraph(&newtonSqrt, reals(0.0, 1000.0, 30));
}
TEST(Differential, Bisection) {
  expectSameEagerAndGraph(&cubeRootBisection, reals(0.0, 200.0, 25));
}
TEST(Differential, FizzbuzzCount) {
  expectSameEagerAndGraph(&fizzbuzzCount, ints(-2, 40));
}
TEST(Differential, NestedLoopPairCount) {
  expectSameEagerAndGraph(&pairCount, ints(0, 25));
}
TEST(Differential, SignElseIfChain) {
  expectSameEagerAndGraph(&sign, ints(-12, 12));
}
TEST(Differential, NestedTernaryClamp) {
  std::vector<Int3> in;
  for (auto [x] : ints(-15, 15))
    in.emplace_back(x, Tensor(-4), Tensor(6));
  expectSameEagerAndGraph(&clampTernary, in);
}
TEST(Differential, TernaryAbsDiff) {
  expectSameEagerAndGraph(&absDiff, intPairs(-3, 3, -3, 3));
}
TEST(Differential, Max3) { expectSameEagerAndGraph(&max3, intTriples(-1, 2)); }
TEST(Differential, ChainedTernary) {
  expectSameEagerAndGraph(&nestedTernary, ints(0, 45));
}
TEST(Differential, ShortCircuitGuardsDivision) {
  expectSameEagerAndGraph(&guardedDivision, intPairs(-6, 6, -2, 2));
}
TEST(Differential, ShortCircuitOrGuardsRemainder) {
  expectSameEagerAndGraph(&orGuard, intPairs(-6, 6, -2, 2));
}
TEST(Differential, NotOperator) {
  expectSameEagerAndGraph(&notOperator, ints(-5, 20));
}
TEST(Differential, AndOrCombination) {
  expectSameEagerAndGraph(&sameSign, intPairs(-3, 3, -3, 3));
}
TEST(Differential, WhileTrueBreak) {
  expectSameEagerAndGraph(&firstMultiple, intPairs(1, 10, 1, 4));
}
TEST(Differential, ForeverLoopReturn) {
  expectSameEagerAndGraph(&foreverReturn, ints(-0, 120));
}
TEST(Differential, DoWhile) {
  std::vector<Int1> in = ints(-20, 20);
  for (int64_t v : {99, 100, 12345, 1000000})
    in.emplace_back(Tensor(v));
  expectSameEagerAndGraph(&digitCountDoWhile, in);
}
TEST(Differential, Continue) {
  expectSameEagerAndGraph(&sumOfOdds, ints(0, 30));
}
TEST(Differential, BreakInsideNestedIf) {
  expectSameEagerAndGraph(&breakInNestedIf, ints(0, 25));
}
TEST(Differential, EarlyReturnFromNestedLoop) {
  expectSameEagerAndGraph(&earlyReturnFromNestedLoop, ints(0, 90));
}
TEST(Differential, IsPrimeEarlyReturns) {
  expectSameEagerAndGraph(&isPrime, ints(-3, 60));
}
TEST(Differential, WhileTrueReturn) {
  expectSameEagerAndGraph(&whileTrueWithReturn, ints(-3, 70));
}
TEST(Differential, CompoundAssignment) {
  expectSameEagerAndGraph(&compoundAssignment, ints(-20, 20));
}
TEST(Differential, IncrementDecrement) {
  expectSameEagerAndGraph(&incrementDecrement, ints(-10, 10));
}
TEST(Differential, ShadowingAndBlocks) {
  expectSameEagerAndGraph(&shadowingAndBlocks, ints(-5, 20));
}
TEST(Differential, LoopLocalVariables) {
  expectSameEagerAndGraph(&loopLocalVariables, ints(0, 25));
}
TEST(Differential, CallsAnnotatedFunctions) {
  expectSameEagerAndGraph(&callsAnnotated, intPairs(1, 8, 1, 6));
}
TEST(Differential, CallsPlainHelper) {
  expectSameEagerAndGraph(&callsPlainHelper, ints(-10, 15));
}
TEST(Differential, HostLoopUnrolled) {
  expectSameEagerAndGraph(&hostLoopUnrolled, ints(-10, 10));
}
TEST(Differential, HostRangeForUnrolled) {
  expectSameEagerAndGraph(&hostRangeFor, reals(-3.0, 3.0, 21));
}
TEST(Differential, RangeForOverStagedTensor) {
  std::vector<Int1> in;
  for (int k = 0; k < 24; ++k) {
    std::vector<double> values;
    for (int i = 0; i < 5; ++i)
      values.push_back(((k * 7 + i * 13) % 11) - 5.0);
    in.emplace_back(Tensor::fromVector(values, {5}));
  }
  expectSameEagerAndGraph(&positiveSum, in);
}
TEST(Differential, ClassicForTriangle) {
  expectSameEagerAndGraph(&triangle, ints(-2, 30));
}
TEST(Differential, Fibonacci) {
  expectSameEagerAndGraph(&fibonacci, ints(0, 60));
}
TEST(Differential, DigitSum) {
  expectSameEagerAndGraph(&digitSum, ints(0, 300));
}
TEST(Differential, ReverseDigits) {
  expectSameEagerAndGraph(&reverseDigits, ints(0, 150));
}
TEST(Differential, CountBits) {
  expectSameEagerAndGraph(&countBits, ints(0, 70));
}
TEST(Differential, LogisticMap) {
  expectSameEagerAndGraph(&logisticSteps, reals(0.5, 3.9, 24));
}
TEST(Differential, ElseIfInsideLoop) {
  expectSameEagerAndGraph(&classifyLoop, ints(0, 40));
}
TEST(Differential, FloatLoop) {
  expectSameEagerAndGraph(&floatHalvings, reals(-1.0, 500.0, 30));
}
TEST(Differential, AssertPasses) {
  // Eagerly a failing C++ assert aborts the process, so only passing inputs
  // are compared here; failing graph asserts are tested in test/Errors.
  expectSameEagerAndGraph(&assertNonNegative, ints(0, 25));
}
TEST(Differential, PrintsInProgramOrderOnTakenPaths) {
  expectSameEagerAndGraph(&printSteps, ints(-2, 40));
}
TEST(Differential, PrintsOnceBeforeAnEvaluationError) {
  expectSameEagerAndGraph(&printThenDivide, ints(-8, 14));
}

// Staged lists: each result is a stacked tensor whose length depends on the
// input, so identical() also compares the dynamic first dimension.
TEST(Differential, ListCollatzTrajectory) {
  expectSameEagerAndGraph(&collatzTrajectory, ints(1, 30));
}
TEST(Differential, ListPushInsideStagedIf) {
  expectSameEagerAndGraph(&evenHalvings, ints(-3, 70));
}
TEST(Differential, ListStackedThenIterated) {
  expectSameEagerAndGraph(&weightedDigits, ints(0, 400));
}
TEST(Differential, ListOfRows) {
  expectSameEagerAndGraph(&scaledRows, ints(-2, 20));
}
TEST(Differential, ListHostLoopInsideStagedLoopWithBreak) {
  expectSameEagerAndGraph(&unrolledPushes, ints(0, 40));
}
TEST(Differential, ListNestedStagedLoops) {
  expectSameEagerAndGraph(&pairCodes, ints(0, 20));
}
TEST(Differential, ListEmptyStackFailsLikeEager) {
  expectSameEagerAndGraph(&divisors, ints(-5, 40));
}
TEST(Differential, ListEarlyReturnFromLoop) {
  expectSameEagerAndGraph(&pathUntilSeven, ints(-2, 40));
}
TEST(Differential, ListLocalToLoopBody) {
  expectSameEagerAndGraph(&rowTotals, ints(-2, 25));
}
TEST(Differential, ListsDeclaredTogetherPushedInBranches) {
  expectSameEagerAndGraph(&evensAndOdds, ints(-2, 40));
}
TEST(Differential, ListWithContinueAndBreak) {
  expectSameEagerAndGraph(&squaresSkippingThirds, ints(-2, 40));
}
TEST(Differential, StaticShapeMergedWithStackedList) {
  expectSameEagerAndGraph(&allWhenLarge, ints(-2, 30));
}
TEST(Differential, ListOfFloatsReduced) {
  expectSameEagerAndGraph(&runningMeans, reals(-10.0, 10.0, 25));
}

// Issue 10 (front-a): a branch reads the value from before the if, not the
// one a branch traced earlier assigned.
TEST(Differential, BranchReadsValueBeforeIf) {
  expectSameEagerAndGraph(&branchReadsOtherBranch, intPairs(-3, 3, -2, 2));
}
TEST(Differential, ElseIfReadsValueBeforeIf) {
  expectSameEagerAndGraph(&elseIfReadsFirstBranch, intPairs(-4, 4, -2, 2));
}
TEST(Differential, LoopBranchReadsValueBeforeIf) {
  expectSameEagerAndGraph(&loopBranchReadsBefore, intPairs(-2, 6, -2, 2));
}
TEST(Differential, BreakInLoopInsideStagedBranch) {
  expectSameEagerAndGraph(&smallestFactor, ints(-2, 60));
}
TEST(Differential, HostVectorElementsReadInStagedLoop) {
  expectSameEagerAndGraph(&hostCoefficients, intPairs(-3, 3, 0, 4));
}

// Regions yielding values they do not compute (an outer value, a constant of
// the region) on every iteration: the general evaluator used to lose them
// after the first use and return an undefined tensor.
std::vector<Int2> vectorAndCounts() {
  std::vector<Int2> in;
  for (int64_t n = -1; n < 21; ++n)
    in.emplace_back(
        Tensor::fromVector(std::vector<double>{1.0, 2.0 - n, 3.0}, {3}),
        Tensor(n));
  return in;
}
TEST(Differential, LoopYieldsOuterTensor) {
  expectSameEagerAndGraph(&keepLastOuter, vectorAndCounts());
}
TEST(Differential, BranchYieldsConstantInLoop) {
  expectSameEagerAndGraph(&constantOnMultiplesOfThree, ints(-1, 25));
}
TEST(Differential, BranchYieldsConstantTensorInLoop) {
  expectSameEagerAndGraph(&resetRowEveryOther, vectorAndCounts());
}
TEST(Differential, NestedLoopYieldsOuterScalar) {
  expectSameEagerAndGraph(&innerKeepsOuter, intPairs(-1, 6, 0, 3));
}

TEST(Differential, CastOutOfIntegerRangeFailsLikeEager) {
  std::vector<Int1> in = reals(-1e6, 1e6, 17);
  for (double v :
       {std::nan(""), double(INFINITY), -double(INFINITY), 1e300, -1e300,
        9.3e18, -9223372036854775808.0, 9223372036854775807.0})
    in.emplace_back(Tensor(v));
  expectSameEagerAndGraph(&truncateToInt, in);
}

// A function that takes a different dtype is retraced, not mixed up.
TEST(Differential, RetracesPerSignature) {
  auto g = ag::function(&programs::absDiff);
  EXPECT_TRUE(g(Tensor(3), Tensor(7)).identical(Tensor(4)));
  EXPECT_TRUE(g(Tensor(3.5), Tensor(1.0)).identical(Tensor(2.5)));
  EXPECT_TRUE(g(Tensor(9), Tensor(2)).identical(Tensor(7)));
  EXPECT_EQ(g.traceCount(), 2u);
}

} // namespace

// Element assignment (ag.set_index) and declared stacks (elements.cpp).
TEST(Differential, ElementPrefixInStagedLoop) {
  expectSameEagerAndGraph(&prefixDoubling, ints(-1, 20));
}
TEST(Differential, ElementPrefixSumsHostLoop) {
  expectSameEagerAndGraph(&prefixSums, ints(-10, 10));
}
TEST(Differential, ElementSwapInStagedIf) {
  expectSameEagerAndGraph(&swapIfGreater, intPairs(0, 4, 0, 4));
}
TEST(Differential, ElementHistogramStagedIndex) {
  expectSameEagerAndGraph(&digitHistogram, ints(0, 400));
}
TEST(Differential, ElementBubbleSort) {
  expectSameEagerAndGraph(&bubbleSorted, ints(-10, 10));
}
TEST(Differential, ElementMatrixRowsNestedAndConversions) {
  expectSameEagerAndGraph(&matrixUpdates, ints(-3, 20));
}
TEST(Differential, ElementIndexOutOfRangeFailsLikeEager) {
  expectSameEagerAndGraph(&setAt, ints(-3, 20));
}
TEST(Differential, ListDeclaredStackMayBeEmpty) {
  expectSameEagerAndGraph(&evensDeclared, ints(-3, 20));
}
TEST(Differential, ListDeclaredStackOfRows) {
  expectSameEagerAndGraph(&rowsDeclared, ints(-3, 20));
}
TEST(Differential, ElementwisePopcount) {
  expectSameEagerAndGraph(&popcount, ints(0, 300));
}
TEST(Differential, ElementwiseGrayCode) {
  expectSameEagerAndGraph(&grayRoundTrip, ints(0, 300));
}
TEST(Differential, ElementwiseShiftOutOfRangeFailsLikeEager) {
  expectSameEagerAndGraph(&powerOfTwo, ints(-3, 70));
}
TEST(Differential, ElementwiseClearBit) {
  expectSameEagerAndGraph(&clearBit, intPairs(0, 40, -2, 64));
}
TEST(Differential, ElementwiseSoftThreshold) {
  expectSameEagerAndGraph(&softThreshold, ints(-10, 10));
}
TEST(Differential, ElementwiseLogisticSteps) {
  expectSameEagerAndGraph(&logisticRounding, ints(0, 20));
}
TEST(Differential, ElementwiseRotations) {
  expectSameEagerAndGraph(&rotations, ints(0, 25));
}
TEST(Differential, ElementwiseSignedZeroMinMax) {
  expectSameEagerAndGraph(&signedZeroMin, ints(-10, 10));
}
