//===- Expect.h - Eager-vs-graph assertions of the differential tests -----===//
//
// One place for how the differential suites compare an eager result with a
// graph's: identical values and dtypes, shown with their dtypes on failure.
//
//===----------------------------------------------------------------------===//
#ifndef AG_TEST_DIFFERENTIAL_EXPECT_H
#define AG_TEST_DIFFERENTIAL_EXPECT_H

#include "ag/Tensor.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace ag::test {

inline std::string show(const Tensor &t) {
  std::ostringstream os;
  os << t << " (" << dtypeName(t.dtype()) << ")";
  return os.str();
}

inline void expectSame(const Tensor &eager, const Tensor &graph) {
  EXPECT_TRUE(eager.identical(graph))
      << "eager " << show(eager) << ", graph " << show(graph);
}

} // namespace ag::test

#endif // AG_TEST_DIFFERENTIAL_EXPECT_H
