// A converted function declared in a header and defined in another file.
#include <ag/ag.h>

AG_CONVERT ag::Tensor externalTwice(ag::Tensor x);
