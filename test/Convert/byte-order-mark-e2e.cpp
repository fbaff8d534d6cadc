// A source saved with a UTF-8 byte order mark and CRLF line ends (as some
// Windows editors do): the generated prelude goes after the mark, which a
// compiler skips only at the start of a file.
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>
#include <iostream>

AG_CONVERT ag::Tensor twice(ag::Tensor x) {
	if (x > 0)
		x = x * 2;
	return x;
} AG_CONVERT ag::Tensor mag(ag::Tensor x) { if (x < 0) x = -x; return x; }

int main() {
  // CHECK: 4 4
  std::cout << twice(2) << " " << ag::function(&twice)(2) << "\n";
  // CHECK-NEXT: 3 3
  std::cout << mag(-3) << " " << ag::function(&mag)(-3) << "\n";
}
