#ifndef AG_EXAMPLES_HUBER_H
#define AG_EXAMPLES_HUBER_H
#include <ag/ag.h>
/// Huber loss of one residual: quadratic near zero, linear in the tails.
ag::Tensor huber(ag::Tensor x, ag::Tensor delta);
/// Mean Huber loss over a vector of residuals.
ag::Tensor meanHuber(ag::Tensor residuals, ag::Tensor delta);
#endif
