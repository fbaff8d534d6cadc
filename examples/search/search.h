#ifndef AG_EXAMPLES_SEARCH_H
#define AG_EXAMPLES_SEARCH_H
#include <ag/ag.h>
/// The smallest a (with a <= b) such that a*a + b*b == n, or -1.
ag::Tensor sumOfSquares(ag::Tensor n);
#endif
