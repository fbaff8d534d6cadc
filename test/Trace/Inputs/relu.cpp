// A helper compiled without ag-convert (as a library would be): its `if`
// needs a C++ bool, which a staged tensor cannot give while tracing.
#include <ag/ag.h>

ag::Tensor relu(ag::Tensor x) {
  if (x > 0)
    return x;
  return ag::Tensor(0.0);
}
