// Staged lists: a local std::vector<ag::Tensor> appended to under staged
// control flow is declared as an ag::TensorList in the twin, listed in the
// variables of every staged construct appending to it (always: a list has a
// value on every path), and each push is preceded by ::ag::at (it records an
// ag.list_push while tracing). Pushes in host code and unrolled host loops
// stay as written; ag::stack(list) stays as written.
// RUN: cd %S && ag-convert --twins-only staged-list.cpp -- -std=c++17 -I%ag_include -I%S/Inputs | FileCheck %s --strict-whitespace --match-full-lines
// RUN: ag-convert %s -- -std=c++17 -I%ag_include -I%S/Inputs | %cxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I%ag_include -I%S/Inputs -x c++ -

#include <ag/ag.h>
#include <tensor-rows.h>
#include <vector>

// The example: pushed in host code, in a staged loop, stacked after it.
AG_CONVERT
ag::Tensor halves(ag::Tensor x) {
  std::vector<ag::Tensor> parts;
  parts.push_back(x);
  while (x > 1) {
    x = x / 2;
    parts.push_back(x);
  }
  return ag::stack(parts);
}

// Pushed in one branch of a staged if, declared with empty braces.
AG_CONVERT
ag::Tensor positives(ag::Tensor x, ag::Tensor y) {
  std::vector<ag::Tensor> kept{};
  kept.push_back(x);
  if (y > 0)
    kept.emplace_back(y);
  else
    x = x + 1;
  kept.push_back(x);
  return ag::stack(kept);
}

// Nested staged loops; `row` is declared in the outer body: a staged list
// of the inner loop only.
AG_CONVERT
ag::Tensor table(ag::Tensor n) {
  std::vector<ag::Tensor> rows = {};
  ag::Tensor i = 0;
  while (i < n) {
    std::vector<ag::Tensor> row;
    ag::Tensor j = 0;
    while (j < n) {
      row.push_back(i * n + j);
      j = j + 1;
    }
    rows.push_back(ag::stack(row));
    i = i + 1;
  }
  return ag::stack(rows);
}

// A host loop inside a staged loop: unrolled, each push stays as written.
AG_CONVERT
ag::Tensor triples(ag::Tensor x) {
  std::vector<ag::Tensor> parts;
  while (x < 100) {
    for (int k = 0; k < 3; ++k)
      parts.push_back(x + k);
    x = x * 2;
  }
  return ag::stack(parts);
}

// A lowered break: the push after it is guarded by the break flag.
AG_CONVERT
ag::Tensor untilBig(ag::Tensor x) {
  std::vector<ag::Tensor> parts;
  while (x < 1000) {
    if (x > 50)
      break;
    parts.push_back(x);
    x = x * 2;
  }
  return ag::stack(parts);
}

// A host range-for left by a staged break stays unrolled, each iteration
// guarded: the list is carried by the guards.
AG_CONVERT
ag::Tensor scaled(ag::Tensor x, std::vector<double> factors) {
  std::vector<ag::Tensor> parts;
  for (double f : factors) {
    if (x * f > 50)
      break;
    parts.push_back(x * f);
  }
  return ag::stack(parts);
}

// A lowered return in a loop: the rest of the body is guarded, the loop
// stops on the return flag.
AG_CONVERT
ag::Tensor firstBig(ag::Tensor x) {
  std::vector<ag::Tensor> parts;
  while (x < 1000) {
    if (x > 50)
      return ag::stack(parts);
    parts.push_back(x);
    x = x * 2;
  }
  return x;
}

// A lowered return: the rest of the function is guarded by it.
AG_CONVERT
ag::Tensor early(ag::Tensor x) {
  std::vector<ag::Tensor> parts;
  parts.push_back(x);
  if (x < 0)
    return x;
  parts.push_back(x + 1);
  return ag::stack(parts);
}

// A range-for over a tensor (ag::for_each_) with a lowered continue: the
// list is carried by the loop and by the guard after the continue.
AG_CONVERT
ag::Tensor positiveRows(ag::Tensor t) {
  std::vector<ag::Tensor> parts;
  for (ag::Tensor row : t) {
    if (ag::sum(row) < 0)
      continue;
    parts.push_back(row);
  }
  return ag::stack(parts);
}

// Several declarators: the staged one becomes a TensorList, the host vector
// keeps its written type.
AG_CONVERT
ag::Tensor split(ag::Tensor x) {
  std::vector<ag::Tensor> parts, scratch;
  scratch.push_back(x);
  while (x > 1) {
    x = x / 2;
    parts.push_back(x);
  }
  return ag::stack(parts) + ag::stack(scratch);
}

// CHECK-LABEL:static const char ag_source_file[] = "{{.*}}staged-list.cpp";
// CHECK-LABEL:ag::Tensor ag_twin_halves(ag::Tensor x) {
// CHECK-NEXT:  ::ag::FunctionScope ag_scope("halves", ag_source_file, 16, 12, {"x"});
// CHECK-NEXT:  ::ag::at({17, 3, 17, 32, "parts"});
// CHECK-NEXT:  ::ag::TensorList parts;
// CHECK-NEXT:  ::ag::at({18, 3, 18, 20, "parts"});
// CHECK-NEXT:  parts.push_back(x);
// CHECK-NEXT:  ::ag::while_(
// CHECK-NEXT:      {19, 3, 19, 14}, {{[{][{]}}"x", x}, {"parts", parts}},
// CHECK-NEXT:      [&]() -> ::ag::Tensor { return x > 1; },
// CHECK-NEXT:      [&] {
// CHECK-NEXT:        ::ag::at({20, 5, 20, 13, "x"});
// CHECK-NEXT:        x = x / 2;
// CHECK-NEXT:        ::ag::at({21, 5, 21, 22, "parts"});
// CHECK-NEXT:        parts.push_back(x);
// CHECK-NEXT:      });
// CHECK-NEXT:  ::ag::at({23, 10, 23, 25});
// CHECK-NEXT:  ::ag::detail::bind_({{[{][{]}}"parts", parts}});
// CHECK-NEXT:  return ag::stack(parts);
// CHECK-NEXT:}
// CHECK-LABEL:ag::Tensor ag_twin_positives(ag::Tensor x, ag::Tensor y) {
// CHECK-NEXT:  ::ag::FunctionScope ag_scope("positives", ag_source_file, 28, 12, {"x", "y"});
// CHECK-NEXT:  ::ag::at({29, 3, 29, 33, "kept"});
// CHECK-NEXT:  ::ag::TensorList kept;
// CHECK-NEXT:  ::ag::at({30, 3, 30, 19, "kept"});
// CHECK-NEXT:  kept.push_back(x);
// CHECK-NEXT:  ::ag::at({31, 3, 31, 12});
// CHECK-NEXT:  ::ag::if_(
// CHECK-NEXT:      {31, 3, 31, 12}, {{[{][{]}}"kept", kept}, {"x", x}, ::ag::dead_("y", y)}, y > 0,
// CHECK-NEXT:      [&] {
// CHECK-NEXT:        ::ag::at({32, 5, 32, 24, "kept"});
// CHECK-NEXT:        kept.emplace_back(y);
// CHECK-NEXT:      },
// CHECK-NEXT:      [&] {
// CHECK-NEXT:        ::ag::at({34, 5, 34, 13, "x"});
// CHECK-NEXT:        x = x + 1;
// CHECK-NEXT:      });
// CHECK-NEXT:  ::ag::at({35, 3, 35, 19, "kept"});
// CHECK-NEXT:  kept.push_back(x);
// CHECK-NEXT:  ::ag::at({36, 10, 36, 24});
// CHECK-NEXT:  ::ag::detail::bind_({{[{][{]}}"kept", kept}});
// CHECK-NEXT:  return ag::stack(kept);
// CHECK-NEXT:}
// CHECK-LABEL:ag::Tensor ag_twin_table(ag::Tensor n) {
// CHECK-NEXT:  ::ag::FunctionScope ag_scope("table", ag_source_file, 42, 12, {"n"});
// CHECK-NEXT:  ::ag::at({43, 3, 43, 36, "rows"});
// CHECK-NEXT:  ::ag::TensorList rows;
// CHECK-NEXT:  ::ag::at({44, 18, 44, 18, "i"});
// CHECK-NEXT:  ag::Tensor i = 0;
// CHECK-NEXT:  ::ag::while_(
// CHECK-NEXT:      {45, 3, 45, 14}, {{[{][{]}}"rows", rows}, {"i", i}},
// CHECK-NEXT:      [&]() -> ::ag::Tensor { return i < n; },
// CHECK-NEXT:      [&] {
// CHECK-NEXT:        ::ag::at({46, 5, 46, 32, "row"});
// CHECK-NEXT:        ::ag::TensorList row;
// CHECK-NEXT:        ::ag::at({47, 20, 47, 20, "j"});
// CHECK-NEXT:        ag::Tensor j = 0;
// CHECK-NEXT:        ::ag::while_(
// CHECK-NEXT:            {48, 5, 48, 16}, {{[{][{]}}"row", row}, {"j", j}},
// CHECK-NEXT:            [&]() -> ::ag::Tensor { return j < n; },
// CHECK-NEXT:            [&] {
// CHECK-NEXT:              ::ag::at({49, 7, 49, 30, "row"});
// CHECK-NEXT:              row.push_back(i * n + j);
// CHECK-NEXT:              ::ag::at({50, 7, 50, 15, "j"});
// CHECK-NEXT:              j = j + 1;
// CHECK-NEXT:            });
// CHECK-NEXT:        ::ag::at({52, 5, 52, 34, "rows"});
// CHECK-NEXT:        rows.push_back(::ag::sub_({52, 20, 52, 33}, ag::stack(row)));
// CHECK-NEXT:        ::ag::at({53, 5, 53, 13, "i"});
// CHECK-NEXT:        i = i + 1;
// CHECK-NEXT:      });
// CHECK-NEXT:  ::ag::at({55, 10, 55, 24});
// CHECK-NEXT:  ::ag::detail::bind_({{[{][{]}}"rows", rows}, {"i", i}});
// CHECK-NEXT:  return ag::stack(rows);
// CHECK-NEXT:}
// CHECK-LABEL:ag::Tensor ag_twin_triples(ag::Tensor x) {
// CHECK-NEXT:  ::ag::FunctionScope ag_scope("triples", ag_source_file, 60, 12, {"x"});
// CHECK-NEXT:  ::ag::at({61, 3, 61, 32, "parts"});
// CHECK-NEXT:  ::ag::TensorList parts;
// CHECK-NEXT:  ::ag::while_(
// CHECK-NEXT:      {62, 3, 62, 16}, {{[{][{]}}"parts", parts}, {"x", x}},
// CHECK-NEXT:      [&]() -> ::ag::Tensor { return x < 100; },
// CHECK-NEXT:      [&] {
// CHECK-NEXT:        for (int k = 0; k < 3; ++k) {
// CHECK-NEXT:          ::ag::at({64, 7, 64, 28, "parts"});
// CHECK-NEXT:          parts.push_back(x + k);
// CHECK-NEXT:        }
// CHECK-NEXT:        ::ag::at({65, 5, 65, 13, "x"});
// CHECK-NEXT:        x = x * 2;
// CHECK-NEXT:      });
// CHECK-NEXT:  ::ag::at({67, 10, 67, 25});
// CHECK-NEXT:  ::ag::detail::bind_({{[{][{]}}"parts", parts}});
// CHECK-NEXT:  return ag::stack(parts);
// CHECK-NEXT:}
// CHECK-LABEL:ag::Tensor ag_twin_untilBig(ag::Tensor x) {
// CHECK-NEXT:  ::ag::FunctionScope ag_scope("untilBig", ag_source_file, 72, 12, {"x"});
// CHECK-NEXT:  ::ag::at({73, 3, 73, 32, "parts"});
// CHECK-NEXT:  ::ag::TensorList parts;
// CHECK-NEXT:  ::ag::Tensor ag_break_1 = false;
// CHECK-NEXT:  ::ag::while_(
// CHECK-NEXT:      {74, 3, 74, 17}, {{[{][{]}}"parts", parts}, {"x", x}, {"ag_break_1", ag_break_1}},
// CHECK-NEXT:      [&]() -> ::ag::Tensor {
// CHECK-NEXT:        return ::ag::and_(
// CHECK-NEXT:            {74, 10, 74, 17}, [&]() -> ::ag::Tensor { return !ag_break_1; },
// CHECK-NEXT:            [&]() -> ::ag::Tensor { return x < 1000; });
// CHECK-NEXT:      },
// CHECK-NEXT:      [&] {
// CHECK-NEXT:        ::ag::at({75, 5, 75, 15});
// CHECK-NEXT:        ::ag::if_({75, 5, 75, 15}, {{[{][{]}}"ag_break_1", ag_break_1}}, x > 50,
// CHECK-NEXT:                  [&] { ag_break_1 = true; });
// CHECK-NEXT:        ::ag::at({77, 5, 78, 13});
// CHECK-NEXT:        ::ag::if_(
// CHECK-NEXT:            {77, 5, 78, 13},
// CHECK-NEXT:            {{[{][{]}}"parts", parts}, {"x", x}, {"ag_break_1", ag_break_1}},
// CHECK-NEXT:            !ag_break_1,
// CHECK-NEXT:            [&] {
// CHECK-NEXT:              ::ag::at({77, 5, 77, 22, "parts"});
// CHECK-NEXT:              parts.push_back(x);
// CHECK-NEXT:              ::ag::at({78, 5, 78, 13, "x"});
// CHECK-NEXT:              x = x * 2;
// CHECK-NEXT:            },
// CHECK-NEXT:            [&] { ag_break_1 = true; });
// CHECK-NEXT:      });
// CHECK-NEXT:  ::ag::at({80, 10, 80, 25});
// CHECK-NEXT:  ::ag::detail::bind_({{[{][{]}}"parts", parts}});
// CHECK-NEXT:  return ag::stack(parts);
// CHECK-NEXT:}
// CHECK-LABEL:ag::Tensor ag_twin_scaled(ag::Tensor x, std::vector<double> factors) {
// CHECK-NEXT:  ::ag::FunctionScope ag_scope("scaled", ag_source_file, 86, 12, {"x"});
// CHECK-NEXT:  ::ag::at({87, 3, 87, 32, "parts"});
// CHECK-NEXT:  ::ag::TensorList parts;
// CHECK-NEXT:  ::ag::Tensor ag_break_1 = false;
// CHECK-NEXT:  for (double f : factors) {
// CHECK-NEXT:    ::ag::at({88, 28, 92, 3});
// CHECK-NEXT:    ::ag::if_({88, 28, 92, 3}, {{[{][{]}}"parts", parts}, {"ag_break_1", ag_break_1}},
// CHECK-NEXT:              !ag_break_1, [&] {
// CHECK-NEXT:                ::ag::at({89, 5, 89, 19});
// CHECK-NEXT:                ::ag::if_({89, 5, 89, 19}, {{[{][{]}}"ag_break_1", ag_break_1}},
// CHECK-NEXT:                          x * f > 50, [&] { ag_break_1 = true; });
// CHECK-NEXT:                ::ag::at({91, 5, 91, 26});
// CHECK-NEXT:                ::ag::if_(
// CHECK-NEXT:                    {91, 5, 91, 26},
// CHECK-NEXT:                    {{[{][{]}}"parts", parts}, {"ag_break_1", ag_break_1}}, !ag_break_1,
// CHECK-NEXT:                    [&] {
// CHECK-NEXT:                      ::ag::at({91, 5, 91, 26, "parts"});
// CHECK-NEXT:                      parts.push_back(x * f);
// CHECK-NEXT:                    },
// CHECK-NEXT:                    [&] { ag_break_1 = true; });
// CHECK-NEXT:              });
// CHECK-NEXT:  }
// CHECK-NEXT:  ::ag::at({93, 10, 93, 25});
// CHECK-NEXT:  ::ag::detail::bind_({{[{][{]}}"parts", parts}});
// CHECK-NEXT:  return ag::stack(parts);
// CHECK-NEXT:}
// CHECK-LABEL:ag::Tensor ag_twin_firstBig(ag::Tensor x) {
// CHECK-NEXT:  ::ag::FunctionScope ag_scope("firstBig", ag_source_file, 99, 12, {"x"});
// CHECK-NEXT:  ::ag::Tensor ag_retval;
// CHECK-NEXT:  ::ag::Tensor ag_do_return = false;
// CHECK-NEXT:  ::ag::at({100, 3, 100, 32, "parts"});
// CHECK-NEXT:  ::ag::TensorList parts;
// CHECK-NEXT:  ::ag::while_(
// CHECK-NEXT:      {101, 3, 101, 17},
// CHECK-NEXT:      {{[{][{]}}"parts", parts},
// CHECK-NEXT:       {"x", x},
// CHECK-NEXT:       {"ag_do_return", ag_do_return},
// CHECK-NEXT:       {"ag_retval", ag_retval}},
// CHECK-NEXT:      [&]() -> ::ag::Tensor {
// CHECK-NEXT:        return ::ag::and_(
// CHECK-NEXT:            {101, 10, 101, 17}, [&]() -> ::ag::Tensor { return !ag_do_return; },
// CHECK-NEXT:            [&]() -> ::ag::Tensor { return x < 1000; });
// CHECK-NEXT:      },
// CHECK-NEXT:      [&] {
// CHECK-NEXT:        ::ag::at({102, 5, 102, 15});
// CHECK-NEXT:        ::ag::if_({102, 5, 102, 15},
// CHECK-NEXT:                  {{[{][{]}}"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}},
// CHECK-NEXT:                  x > 50, [&] {
// CHECK-NEXT:                    ::ag::at({103, 14, 103, 29, "ag_retval"});
// CHECK-NEXT:                    ag_retval = ag::stack(parts);
// CHECK-NEXT:                    ag_do_return = true;
// CHECK-NEXT:                  });
// CHECK-NEXT:        ::ag::at({104, 5, 105, 13});
// CHECK-NEXT:        ::ag::if_(
// CHECK-NEXT:            {104, 5, 105, 13},
// CHECK-NEXT:            {{[{][{]}}"parts", parts},
// CHECK-NEXT:             {"x", x},
// CHECK-NEXT:             {"ag_do_return", ag_do_return},
// CHECK-NEXT:             {"ag_retval", ag_retval}},
// CHECK-NEXT:            !ag_do_return,
// CHECK-NEXT:            [&] {
// CHECK-NEXT:              ::ag::at({104, 5, 104, 22, "parts"});
// CHECK-NEXT:              parts.push_back(x);
// CHECK-NEXT:              ::ag::at({105, 5, 105, 13, "x"});
// CHECK-NEXT:              x = x * 2;
// CHECK-NEXT:            },
// CHECK-NEXT:            [&] { ag_do_return = true; });
// CHECK-NEXT:      });
// CHECK-NEXT:  ::ag::at({107, 3, 107, 10});
// CHECK-NEXT:  ::ag::if_({107, 3, 107, 10},
// CHECK-NEXT:            {{[{][{]}}"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}},
// CHECK-NEXT:            !ag_do_return, [&] {
// CHECK-NEXT:              ::ag::at({{[^}]*}}, "ag_retval"});
// CHECK-NEXT:              ag_retval = x;
// CHECK-NEXT:              ag_do_return = true;
// CHECK-NEXT:            });
// CHECK-NEXT:  ::ag::detail::bind_({{[{][{]}}"parts", parts}});
// CHECK-NEXT:  return ag_retval;
// CHECK-NEXT:}
// CHECK-LABEL:ag::Tensor ag_twin_early(ag::Tensor x) {
// CHECK-NEXT:  ::ag::FunctionScope ag_scope("early", ag_source_file, 112, 12, {"x"});
// CHECK-NEXT:  ::ag::Tensor ag_retval;
// CHECK-NEXT:  ::ag::Tensor ag_do_return = false;
// CHECK-NEXT:  ::ag::at({113, 3, 113, 32, "parts"});
// CHECK-NEXT:  ::ag::TensorList parts;
// CHECK-NEXT:  ::ag::at({114, 3, 114, 20, "parts"});
// CHECK-NEXT:  parts.push_back(x);
// CHECK-NEXT:  ::ag::at({115, 3, 115, 12});
// CHECK-NEXT:  ::ag::if_({115, 3, 115, 12},
// CHECK-NEXT:            {{[{][{]}}"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}}, x < 0,
// CHECK-NEXT:            [&] {
// CHECK-NEXT:              ::ag::at({{[^}]*}}, "ag_retval"});
// CHECK-NEXT:              ag_retval = x;
// CHECK-NEXT:              ag_do_return = true;
// CHECK-NEXT:            });
// CHECK-NEXT:  ::ag::at({117, 3, 118, 25});
// CHECK-NEXT:  ::ag::if_(
// CHECK-NEXT:      {117, 3, 118, 25},
// CHECK-NEXT:      {{[{][{]}}"parts", parts},
// CHECK-NEXT:       {"ag_do_return", ag_do_return},
// CHECK-NEXT:       {"ag_retval", ag_retval}},
// CHECK-NEXT:      !ag_do_return,
// CHECK-NEXT:      [&] {
// CHECK-NEXT:        ::ag::at({117, 3, 117, 24, "parts"});
// CHECK-NEXT:        parts.push_back(x + 1);
// CHECK-NEXT:        ::ag::at({118, 10, 118, 25, "ag_retval"});
// CHECK-NEXT:        ag_retval = ag::stack(parts);
// CHECK-NEXT:        ag_do_return = true;
// CHECK-NEXT:      },
// CHECK-NEXT:      [&] { ag_do_return = true; });
// CHECK-NEXT:  ::ag::detail::bind_({{[{][{]}}"parts", parts}});
// CHECK-NEXT:  return ag_retval;
// CHECK-NEXT:}
// CHECK-LABEL:ag::Tensor ag_twin_positiveRows(ag::Tensor t) {
// CHECK-NEXT:  ::ag::FunctionScope ag_scope("positiveRows", ag_source_file, 124, 12, {"t"});
// CHECK-NEXT:  ::ag::at({125, 3, 125, 32, "parts"});
// CHECK-NEXT:  ::ag::TensorList parts;
// CHECK-NEXT:  ::ag::for_each_({126, 3, 126, 26}, {{[{][{]}}"parts", parts}}, t,
// CHECK-NEXT:                  [&](const ::ag::Tensor &ag_row_2) {
// CHECK-NEXT:                    ::ag::Tensor row = ag_row_2;
// CHECK-NEXT:                    ::ag::Tensor ag_continue_1 = false;
// CHECK-NEXT:                    ::ag::at({127, 5, 127, 25});
// CHECK-NEXT:                    ::ag::if_({127, 5, 127, 25},
// CHECK-NEXT:                              {{[{][{]}}"ag_continue_1", ag_continue_1}},
// CHECK-NEXT:                              ag::sum(row) < 0, [&] { ag_continue_1 = true; });
// CHECK-NEXT:                    ::ag::at({129, 5, 129, 24});
// CHECK-NEXT:                    ::ag::if_(
// CHECK-NEXT:                        {129, 5, 129, 24},
// CHECK-NEXT:                        {{[{][{]}}"parts", parts}, {"ag_continue_1", ag_continue_1}},
// CHECK-NEXT:                        !ag_continue_1,
// CHECK-NEXT:                        [&] {
// CHECK-NEXT:                          ::ag::at({129, 5, 129, 24, "parts"});
// CHECK-NEXT:                          parts.push_back(row);
// CHECK-NEXT:                        },
// CHECK-NEXT:                        [&] { ag_continue_1 = true; });
// CHECK-NEXT:                  });
// CHECK-NEXT:  ::ag::at({131, 10, 131, 25});
// CHECK-NEXT:  ::ag::detail::bind_({{[{][{]}}"parts", parts}});
// CHECK-NEXT:  return ag::stack(parts);
// CHECK-NEXT:}

// CHECK-LABEL:ag::Tensor ag_twin_split(ag::Tensor x) {
// CHECK-NEXT:  ::ag::FunctionScope ag_scope("split", ag_source_file, 137, 12, {"x"});
// CHECK-NEXT:  ::ag::at({138, 3, 138, 31, "parts"});
// CHECK-NEXT:  ::ag::TensorList parts;
// CHECK-NEXT:  std::vector<ag::Tensor> scratch;
// CHECK-NEXT:  scratch.push_back(x);
// CHECK-NEXT:  ::ag::while_(
// CHECK-NEXT:      {140, 3, 140, 14}, {{[{][{]}}"x", x}, {"parts", parts}},
// CHECK-NEXT:      [&]() -> ::ag::Tensor { return x > 1; },
// CHECK-NEXT:      [&] {
// CHECK-NEXT:        ::ag::at({141, 5, 141, 13, "x"});
// CHECK-NEXT:        x = x / 2;
// CHECK-NEXT:        ::ag::at({142, 5, 142, 22, "parts"});
// CHECK-NEXT:        parts.push_back(x);
// CHECK-NEXT:      });
// CHECK-NEXT:  ::ag::at({144, 10, 144, 46});
// CHECK-NEXT:  ::ag::detail::bind_({{[{][{]}}"parts", parts}});
// CHECK-NEXT:  return ::ag::sub_({144, 10, 144, 25}, ag::stack(parts)) + ag::stack(scratch);
// CHECK-NEXT:}
