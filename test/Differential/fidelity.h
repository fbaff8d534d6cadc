// Annotated functions of the differential suite whose eager and graph
// results differed in dtype or value through the call interface (host and
// weak arguments) or through weakly typed loop and branch values.
// fidelity.cpp is converted by ag-convert; fidelity_test.cpp compares.
#ifndef AG_TEST_DIFFERENTIAL_FIDELITY_H
#define AG_TEST_DIFFERENTIAL_FIDELITY_H

#include <ag/ag.h>

namespace fidelity {
using ag::Tensor;

// Host arguments are part of the trace key by exact value.
Tensor scaleByDouble(Tensor x, double eps);
Tensor scaleByFloat(Tensor x, float eps);
Tensor powByInt(Tensor x, int n);
Tensor chooseByBool(Tensor x, bool negate);
Tensor shiftByLong(Tensor x, long long k);
// Weak (literal) arguments stay weak.
Tensor timesTwoPointFive(Tensor x);
Tensor addBoth(Tensor a, Tensor b);
Tensor literalResult(Tensor x);
// Weak accumulators adopt the loop body's type.
Tensor sumRows(Tensor v);
Tensor sumWhile(Tensor v);
Tensor productDoWhile(Tensor v);
Tensor meanOfRows(Tensor v);
Tensor countAndSum(Tensor v);
Tensor branchAccumulator(Tensor v);
Tensor nestedAccumulator(Tensor m);
Tensor ternaryAccumulator(Tensor v);
Tensor chainedWeak(Tensor v);
// Host values print as std::cout / printf print them.
Tensor printHostValues(Tensor n, bool flag, double d, int k);
// Stacks with a declared element type.
Tensor stackDeclared(Tensor x, int n);
// An endless loop for n > 0 (Function::cancel).
Tensor spin(Tensor n);
} // namespace fidelity

#endif
