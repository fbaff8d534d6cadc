// Tokens spelled with more characters than they mean: a body in digraphs
// (`<%` `%>`, the twin goes after the whole `%>`, and an in-place twin after
// the whole `<%`) and a function name split by a line continuation (the
// twin's name is the identifier, not the name's first characters).
// REQUIRES: ag-runtime
// RUN: ag-convert %s -- -std=c++17 -I%ag_include > %t.cpp
// RUN: FileCheck --check-prefix=TWIN %s < %t.cpp
// RUN: %cxx -std=c++17 -Wall -Wextra -Werror -I%ag_include %t.cpp -o %t.exe -L%ag_obj/lib -lag -Wl,-rpath,%ag_obj/lib
// RUN: %t.exe | FileCheck %s

#include <ag/ag.h>
#include <iostream>

// TWIN: ag::Tensor ag_twin_alt(ag::Tensor x, ag::Tensor y) {
AG_CONVERT ag::Tensor alt(ag::Tensor x, ag::Tensor y) <%
  ag::Tensor r = 0;
  if (x > 0 and y > 0)
    r = x + y;
  else if (not(x > 0) or y < 0)
    r = x - y;
  return r;
%>

// TWIN: ag::Tensor ag_twin_split(ag::Tensor x) {
AG_CONVERT ag::Tensor spl\
it(ag::Tensor x) { if (x > 0) x = x * 5; return x; }

struct Scale <%
  ag::Tensor k = 2.0;
  AG_CONVERT ag::Tensor pick(ag::Tensor x) <% if (x > k) return x; return k; %>
%>;

int main() {
  // CHECK: 3 3
  std::cout << alt(1, 2) << " " << ag::function(&alt)(1, 2) << "\n";
  // CHECK-NEXT: -3 -3
  std::cout << alt(-1, 2) << " " << ag::function(&alt)(-1, 2) << "\n";
  // CHECK-NEXT: 15 15
  std::cout << split(3) << " " << ag::function(&split)(3) << "\n";
  Scale s;
  // CHECK-NEXT: 2 2
  std::cout << s.pick(1) << " " << ag::method(s, &Scale::pick)(1) << "\n";
}
