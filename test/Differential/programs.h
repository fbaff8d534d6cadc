// Annotated functions of the differential suite. programs.cpp is converted by
// ag-convert at build time; differential_test.cpp runs each function eagerly
// and through ag::function and demands identical results.
#ifndef AG_TEST_DIFFERENTIAL_PROGRAMS_H
#define AG_TEST_DIFFERENTIAL_PROGRAMS_H

#include <ag/ag.h>

namespace programs {
using ag::Tensor;

// The classics.
Tensor collatz(Tensor a);
Tensor huber(Tensor x, Tensor delta);
Tensor gcd(Tensor a, Tensor b);
Tensor ipow(Tensor base, Tensor exp);
Tensor newtonSqrt(Tensor x);
Tensor cubeRootBisection(Tensor target);
Tensor fizzbuzzCount(Tensor n);
Tensor pairCount(Tensor n);
// if / else if / else, ?:, early returns.
Tensor sign(Tensor x);
Tensor clampTernary(Tensor x, Tensor lo, Tensor hi);
Tensor absDiff(Tensor a, Tensor b);
Tensor max3(Tensor a, Tensor b, Tensor c);
Tensor nestedTernary(Tensor x);
// Short-circuit logic.
Tensor guardedDivision(Tensor a, Tensor b);
Tensor orGuard(Tensor a, Tensor b);
Tensor notOperator(Tensor x);
Tensor sameSign(Tensor a, Tensor b);
// Loops with break / continue / return.
Tensor firstMultiple(Tensor n, Tensor k);
Tensor foreverReturn(Tensor n);
Tensor digitCountDoWhile(Tensor n);
Tensor sumOfOdds(Tensor n);
Tensor breakInNestedIf(Tensor n);
Tensor earlyReturnFromNestedLoop(Tensor n);
Tensor isPrime(Tensor n);
Tensor whileTrueWithReturn(Tensor n);
// Assignment forms, scopes.
Tensor compoundAssignment(Tensor x);
Tensor incrementDecrement(Tensor x);
Tensor shadowingAndBlocks(Tensor x);
Tensor loopLocalVariables(Tensor n);
// Calls.
Tensor callsAnnotated(Tensor a, Tensor b);
Tensor callsPlainHelper(Tensor x);
// Host values stay C++ (loops unroll at trace time).
Tensor hostLoopUnrolled(Tensor x);
Tensor hostRangeFor(Tensor x);
// Range-for over a staged tensor.
Tensor positiveSum(Tensor v);
// Classic for loops and arithmetic loops.
Tensor triangle(Tensor n);
Tensor fibonacci(Tensor n);
Tensor digitSum(Tensor n);
Tensor reverseDigits(Tensor n);
Tensor countBits(Tensor n);
Tensor logisticSteps(Tensor r);
Tensor classifyLoop(Tensor n);
Tensor floatHalvings(Tensor x);
// Effects.
Tensor assertNonNegative(Tensor x);
Tensor printSteps(Tensor n);
Tensor printThenDivide(Tensor n);
// Regions yielding outer values and region constants.
Tensor keepLastOuter(Tensor x, Tensor n);
Tensor constantOnMultiplesOfThree(Tensor n);
Tensor resetRowEveryOther(Tensor x, Tensor n);
Tensor innerKeepsOuter(Tensor a, Tensor n);
Tensor truncateToInt(Tensor x);
// Staged lists (lists.cpp).
Tensor collatzTrajectory(Tensor a);
Tensor evenHalvings(Tensor x);
Tensor weightedDigits(Tensor n);
Tensor scaledRows(Tensor n);
Tensor unrolledPushes(Tensor x);
Tensor pairCodes(Tensor n);
Tensor divisors(Tensor n);
Tensor runningMeans(Tensor x);
Tensor pathUntilSeven(Tensor a);
Tensor rowTotals(Tensor n);
Tensor evensAndOdds(Tensor n);
Tensor squaresSkippingThirds(Tensor n);
Tensor allWhenLarge(Tensor n);
// Issue 10 (front-a): regions traced from the values before the construct.
Tensor branchReadsOtherBranch(Tensor n, Tensor m);
Tensor elseIfReadsFirstBranch(Tensor n, Tensor m);
Tensor loopBranchReadsBefore(Tensor n, Tensor m);
// Definite assignment past a break of a nested loop.
Tensor smallestFactor(Tensor n);
// Host container elements read under staged control flow.
Tensor hostCoefficients(Tensor x, Tensor deg);
// Element assignment and declared stacks (elements.cpp).
Tensor prefixDoubling(Tensor n);
Tensor prefixSums(Tensor n);
Tensor swapIfGreater(Tensor i, Tensor j);
Tensor digitHistogram(Tensor n);
Tensor bubbleSorted(Tensor k);
Tensor matrixUpdates(Tensor n);
Tensor setAt(Tensor i);
Tensor evensDeclared(Tensor n);
Tensor rowsDeclared(Tensor n);
// Elementwise ops of issue 13 (elementwise.cpp).
Tensor popcount(Tensor n);
Tensor grayRoundTrip(Tensor n);
Tensor powerOfTwo(Tensor k);
Tensor clearBit(Tensor mask, Tensor b);
Tensor softThreshold(Tensor k);
Tensor logisticRounding(Tensor epochs);
Tensor rotations(Tensor n);
Tensor signedZeroMin(Tensor k);
} // namespace programs

#endif
