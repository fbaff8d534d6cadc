// The node the graph-level try tests (nodes-try-*-e2e.cpp) call: it fails
// with std::runtime_error for an empty path and std::invalid_argument for
// one starting with '!', else returns the path's length.
#ifndef AG_TEST_CONVERT_INPUTS_TRY_LOAD_H
#define AG_TEST_CONVERT_INPUTS_TRY_LOAD_H

#include <ag/ag.h>
#include <ag/Node.h>
#include <stdexcept>
#include <string>

AG_NODE double load(const std::string &path) {
  if (path.empty())
    throw std::runtime_error("empty path");
  if (path[0] == '!')
    throw std::invalid_argument("bad path " + path);
  return static_cast<double>(path.size());
}

#endif // AG_TEST_CONVERT_INPUTS_TRY_LOAD_H
