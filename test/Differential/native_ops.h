// Axis reductions, matmul and data movement for the native backend's
// differential test (issue 12): native_ops.cpp is converted by ag-convert at
// build time; native_ops_test.cpp runs each eagerly, on the interpreter and
// natively.
#ifndef AG_TEST_DIFFERENTIAL_NATIVE_OPS_H
#define AG_TEST_DIFFERENTIAL_NATIVE_OPS_H

#include <ag/ag.h>

namespace native_ops {
using ag::Tensor;

Tensor sumLast(Tensor x);
Tensor sumFirstKeep(Tensor x);
Tensor meanLast(Tensor x);
Tensor meanOuter(Tensor x);
Tensor prodSecond(Tensor x);
Tensor minLast(Tensor x);
Tensor maxFirstKeep(Tensor x);
Tensor argmaxLast(Tensor x);
Tensor argminFirst(Tensor x);
Tensor argmaxAll(Tensor x);
Tensor anyLastAllFirst(Tensor x);
Tensor boolExtremes(Tensor x);
Tensor centeredColumnSum(Tensor x);
Tensor softmaxRows(Tensor x);
Tensor product(Tensor a, Tensor b);
Tensor productPlusSum(Tensor a, Tensor b);
Tensor gram(Tensor a);
Tensor sliceOdd(Tensor x);
Tensor sliceCorner(Tensor x);
Tensor reverseRows(Tensor x);
Tensor sliceBackward(Tensor x);
Tensor sliceOutOfRange(Tensor x);
Tensor concatLast(Tensor x);
Tensor rotateRows(Tensor x);
Tensor gatherRows(Tensor x, Tensor ids);
Tensor gatherLast(Tensor x, Tensor ids);
Tensor floatFunctions(Tensor x);
Tensor bitwise(Tensor a, Tensor b);
Tensor creation(Tensor x);
Tensor flattenScaled(Tensor x);
} // namespace native_ops

#endif // AG_TEST_DIFFERENTIAL_NATIVE_OPS_H
