// ping (cross-file-recursion.cpp) and pong (cross-file-recursion-callee.cpp)
// call each other.
#include <ag/ag.h>

AG_CONVERT ag::Tensor ping(ag::Tensor x);
AG_CONVERT ag::Tensor pong(ag::Tensor x);
