// A helper compiled on its own, without ag-convert (as a library would be):
// its `if` needs a C++ bool, which a staged tensor cannot give while tracing.
#include <ag/ag.h>

ag::Tensor clampLow(ag::Tensor x) {
  if (x < 0)
    return ag::Tensor(int64_t(0));
  return x;
}
