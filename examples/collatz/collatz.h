#ifndef AG_EXAMPLES_COLLATZ_H
#define AG_EXAMPLES_COLLATZ_H

#include <ag/ag.h>

/// Number of Collatz steps from `a` down to 1.
ag::Tensor collatz(ag::Tensor a);

#endif
