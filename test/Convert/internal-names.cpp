// Twin-internal locals never collide with (or shadow) the user's names: a
// function naming anything `ag_...` gets them as `ag1_...` (or the first free
// `ag<N>_`).
// RUN: cd %S && ag-convert --twins-only internal-names.cpp -- -std=c++17 -I%ag_include | FileCheck %s
// RUN: ag-convert %s -- -std=c++17 -I%ag_include | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -x c++ -

#include <ag/ag.h>

AG_CONVERT
ag::Tensor clash(ag::Tensor ag_scope, ag::Tensor n) {
  ag::Tensor ag_retval = 0;
  while (n > 0) {
    if (n == 3)
      return ag_retval + ag_scope;
    ag_retval += n;
    n -= 1;
  }
  return ag_retval;
}

// CHECK-LABEL: ag::Tensor ag_twin_clash(ag::Tensor ag_scope, ag::Tensor n) {
// CHECK-NEXT:   ::ag::FunctionScope ag1_scope("clash",
// CHECK:        ::ag::Tensor ag1_retval;
// CHECK-NEXT:   ::ag::Tensor ag1_do_return = false;
// CHECK:        ag1_retval = ag_retval + ag_scope;
// CHECK:        return ag1_retval;
