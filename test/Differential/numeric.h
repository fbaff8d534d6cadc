// Numeric programs of the differential suite that use the op library
// (issue 13). numeric.cpp is converted by ag-convert at build time;
// numeric_test.cpp runs each eagerly and through ag::function.
#ifndef AG_TEST_DIFFERENTIAL_NUMERIC_H
#define AG_TEST_DIFFERENTIAL_NUMERIC_H

#include <ag/ag.h>

namespace numeric {
using ag::Tensor;

Tensor softmax(Tensor x);
Tensor logsumexp(Tensor x);
Tensor layerNorm(Tensor x);
Tensor kmeansStep(Tensor points, Tensor centers);
Tensor powerIteration(Tensor a);
Tensor matrixPower(Tensor a, Tensor p);
Tensor cumulativeMax(Tensor x);
Tensor movingAverage(Tensor x);
Tensor histogram(Tensor x, Tensor edges);
Tensor topKByArgmax(Tensor x);
Tensor normalizeRows(Tensor m);
Tensor covariance(Tensor x);
Tensor attention(Tensor q, Tensor k);
Tensor linearRegression(Tensor x, Tensor y);
Tensor zscoreRange(Tensor x);
Tensor allClose(Tensor a, Tensor b);
Tensor accuracy(Tensor logits, Tensor labels);
Tensor pairwiseDistances(Tensor a, Tensor b);
Tensor traceOfProduct(Tensor a, Tensor b);
Tensor productOfPositives(Tensor x);
Tensor rowsWithNegatives(Tensor m);
Tensor batchedProducts(Tensor a, Tensor b);
Tensor reshapeRoundTrip(Tensor x);
Tensor keptRowStats(Tensor m);
Tensor slidingWindows(Tensor x);
Tensor concatenatedFeatures(Tensor x, Tensor w);
Tensor embeddingLookup(Tensor table, Tensor ids);
Tensor biasBroadcast(Tensor x, Tensor bias);
Tensor reverseAndPick(Tensor m);
Tensor dynamicRows(Tensor x, Tensor n);
Tensor bestWindowSum(Tensor x, Tensor k);
Tensor batchNorm(Tensor x, Tensor gamma);
Tensor cosineSimilarity(Tensor a, Tensor b);
Tensor oneHotArgmax(Tensor logits);
Tensor cumulativeSums(Tensor x);
Tensor patchSums(Tensor m);
Tensor listScores(Tensor x, Tensor n);
Tensor centeredSums(Tensor x, Tensor m);
Tensor filledCounts(Tensor x, double fill);
Tensor guardedBuckets(Tensor x);

} // namespace numeric

#endif // AG_TEST_DIFFERENTIAL_NUMERIC_H
