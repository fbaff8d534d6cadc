#ifndef AG_EXAMPLES_COLLATZ_H
#define AG_EXAMPLES_COLLATZ_H

#include <ag/ag.h>

#include <vector>

/// Number of Collatz steps from `a` down to 1.
ag::Tensor collatz(ag::Tensor a);

/// The values visited from `a` down to 1 (its length is known only when it
/// runs: a std::vector appended to in the loop becomes a list in the graph).
ag::Tensor collatzPath(ag::Tensor a);

#endif
