// Staged lists: a local std::vector<ag::Tensor> appended to under staged
// control flow is declared as an ag::TensorList in the twin, listed in the
// variables of every staged construct appending to it (always: a list has a
// value on every path), and each push is preceded by ::ag::at (it records an
// ag.list_push while tracing). Pushes in host code and unrolled host loops
// stay as written; ag::stack(list) stays as written.
// RUN: cd %S && ag-convert --twins-only staged-list.cpp -- -std=c++17 -I%ag_include -I%S/Inputs | FileCheck %s --strict-whitespace --match-full-lines

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

// CHECK-LABEL:static const char ag_source_file[] = "{{.*}}staged-list.cpp";
// CHECK-LABEL:ag::Tensor ag_twin_halves(ag::Tensor x) {
// CHECK-NEXT:  ::ag::FunctionScope ag_scope("halves", ag_source_file, 15, 12, {"x"});
// CHECK-NEXT:  ::ag::TensorList parts;
// CHECK-NEXT:  ::ag::at({17, 3, 17, 20, "parts"});
// CHECK-NEXT:  parts.push_back(x);
// CHECK-NEXT:  ::ag::while_(
// CHECK-NEXT:      {18, 3, 18, 14}, {{[{][{]}}"x", x}, {"parts", parts}},
// CHECK-NEXT:      [&]() -> ::ag::Tensor { return x > 1; },
// CHECK-NEXT:      [&] {
// CHECK-NEXT:        ::ag::at({19, 5, 19, 13, "x"});
// CHECK-NEXT:        x = x / 2;
// CHECK-NEXT:        ::ag::at({20, 5, 20, 22, "parts"});
// CHECK-NEXT:        parts.push_back(x);
// CHECK-NEXT:      });
// CHECK-NEXT:  ::ag::at({22, 10, 22, 25});
// CHECK-NEXT:  return ag::stack(parts);
// CHECK-NEXT:}
// CHECK-LABEL:ag::Tensor ag_twin_positives(ag::Tensor x, ag::Tensor y) {
// CHECK-NEXT:  ::ag::FunctionScope ag_scope("positives", ag_source_file, 27, 12, {"x", "y"});
// CHECK-NEXT:  ::ag::TensorList kept;
// CHECK-NEXT:  ::ag::at({29, 3, 29, 19, "kept"});
// CHECK-NEXT:  kept.push_back(x);
// CHECK-NEXT:  ::ag::if_(
// CHECK-NEXT:      {30, 3, 30, 12}, {{[{][{]}}"kept", kept}, {"x", x}},
// CHECK-NEXT:      [&]() -> ::ag::Tensor { return y > 0; },
// CHECK-NEXT:      [&] {
// CHECK-NEXT:        ::ag::at({31, 5, 31, 24, "kept"});
// CHECK-NEXT:        kept.emplace_back(y);
// CHECK-NEXT:      },
// CHECK-NEXT:      [&] {
// CHECK-NEXT:        ::ag::at({33, 5, 33, 13, "x"});
// CHECK-NEXT:        x = x + 1;
// CHECK-NEXT:      });
// CHECK-NEXT:  ::ag::at({34, 3, 34, 19, "kept"});
// CHECK-NEXT:  kept.push_back(x);
// CHECK-NEXT:  ::ag::at({35, 10, 35, 24});
// CHECK-NEXT:  return ag::stack(kept);
// CHECK-NEXT:}
// CHECK-LABEL:ag::Tensor ag_twin_table(ag::Tensor n) {
// CHECK-NEXT:  ::ag::FunctionScope ag_scope("table", ag_source_file, 41, 12, {"n"});
// CHECK-NEXT:  ::ag::TensorList rows;
// CHECK-NEXT:  ::ag::at({43, 18, 43, 18, "i"});
// CHECK-NEXT:  ag::Tensor i = 0;
// CHECK-NEXT:  ::ag::while_(
// CHECK-NEXT:      {44, 3, 44, 14}, {{[{][{]}}"rows", rows}, {"i", i}},
// CHECK-NEXT:      [&]() -> ::ag::Tensor { return i < n; },
// CHECK-NEXT:      [&] {
// CHECK-NEXT:        ::ag::TensorList row;
// CHECK-NEXT:        ::ag::at({46, 20, 46, 20, "j"});
// CHECK-NEXT:        ag::Tensor j = 0;
// CHECK-NEXT:        ::ag::while_(
// CHECK-NEXT:            {47, 5, 47, 16}, {{[{][{]}}"row", row}, {"j", j}},
// CHECK-NEXT:            [&]() -> ::ag::Tensor { return j < n; },
// CHECK-NEXT:            [&] {
// CHECK-NEXT:              ::ag::at({48, 7, 48, 30, "row"});
// CHECK-NEXT:              row.push_back(i * n + j);
// CHECK-NEXT:              ::ag::at({49, 7, 49, 15, "j"});
// CHECK-NEXT:              j = j + 1;
// CHECK-NEXT:            });
// CHECK-NEXT:        ::ag::at({51, 5, 51, 34, "rows"});
// CHECK-NEXT:        rows.push_back(ag::stack(row));
// CHECK-NEXT:        ::ag::at({52, 5, 52, 13, "i"});
// CHECK-NEXT:        i = i + 1;
// CHECK-NEXT:      });
// CHECK-NEXT:  ::ag::at({54, 10, 54, 24});
// CHECK-NEXT:  return ag::stack(rows);
// CHECK-NEXT:}
// CHECK-LABEL:ag::Tensor ag_twin_triples(ag::Tensor x) {
// CHECK-NEXT:  ::ag::FunctionScope ag_scope("triples", ag_source_file, 59, 12, {"x"});
// CHECK-NEXT:  ::ag::TensorList parts;
// CHECK-NEXT:  ::ag::while_(
// CHECK-NEXT:      {61, 3, 61, 16}, {{[{][{]}}"parts", parts}, {"x", x}},
// CHECK-NEXT:      [&]() -> ::ag::Tensor { return x < 100; },
// CHECK-NEXT:      [&] {
// CHECK-NEXT:        for (int k = 0; k < 3; ++k) {
// CHECK-NEXT:          ::ag::at({63, 7, 63, 28, "parts"});
// CHECK-NEXT:          parts.push_back(x + k);
// CHECK-NEXT:        }
// CHECK-NEXT:        ::ag::at({64, 5, 64, 13, "x"});
// CHECK-NEXT:        x = x * 2;
// CHECK-NEXT:      });
// CHECK-NEXT:  ::ag::at({66, 10, 66, 25});
// CHECK-NEXT:  return ag::stack(parts);
// CHECK-NEXT:}
// CHECK-LABEL:ag::Tensor ag_twin_untilBig(ag::Tensor x) {
// CHECK-NEXT:  ::ag::FunctionScope ag_scope("untilBig", ag_source_file, 71, 12, {"x"});
// CHECK-NEXT:  ::ag::TensorList parts;
// CHECK-NEXT:  ::ag::Tensor ag_break_1 = false;
// CHECK-NEXT:  ::ag::while_(
// CHECK-NEXT:      {73, 3, 73, 17}, {{[{][{]}}"parts", parts}, {"x", x}, {"ag_break_1", ag_break_1}},
// CHECK-NEXT:      [&]() -> ::ag::Tensor {
// CHECK-NEXT:        return ::ag::and_(
// CHECK-NEXT:            {73, 10, 73, 17}, [&]() -> ::ag::Tensor { return !ag_break_1; },
// CHECK-NEXT:            [&]() -> ::ag::Tensor { return x < 1000; });
// CHECK-NEXT:      },
// CHECK-NEXT:      [&] {
// CHECK-NEXT:        ::ag::if_(
// CHECK-NEXT:            {74, 5, 74, 15}, {{[{][{]}}"ag_break_1", ag_break_1}},
// CHECK-NEXT:            [&]() -> ::ag::Tensor { return x > 50; },
// CHECK-NEXT:            [&] { ag_break_1 = true; }, [] {});
// CHECK-NEXT:        ::ag::if_(
// CHECK-NEXT:            {76, 5, 77, 13}, {{[{][{]}}"parts", parts}, {"x", x}},
// CHECK-NEXT:            [&]() -> ::ag::Tensor { return !ag_break_1; },
// CHECK-NEXT:            [&] {
// CHECK-NEXT:              ::ag::at({76, 5, 76, 22, "parts"});
// CHECK-NEXT:              parts.push_back(x);
// CHECK-NEXT:              ::ag::at({77, 5, 77, 13, "x"});
// CHECK-NEXT:              x = x * 2;
// CHECK-NEXT:            },
// CHECK-NEXT:            [] {});
// CHECK-NEXT:      });
// CHECK-NEXT:  ::ag::at({79, 10, 79, 25});
// CHECK-NEXT:  return ag::stack(parts);
// CHECK-NEXT:}
// CHECK-LABEL:ag::Tensor ag_twin_scaled(ag::Tensor x, std::vector<double> factors) {
// CHECK-NEXT:  ::ag::FunctionScope ag_scope("scaled", ag_source_file, 85, 12, {"x"});
// CHECK-NEXT:  ::ag::TensorList parts;
// CHECK-NEXT:  ::ag::Tensor ag_break_1 = false;
// CHECK-NEXT:  for (double f : factors) {
// CHECK-NEXT:    ::ag::if_(
// CHECK-NEXT:        {87, 28, 91, 3}, {{[{][{]}}"parts", parts}, {"ag_break_1", ag_break_1}},
// CHECK-NEXT:        [&]() -> ::ag::Tensor { return !ag_break_1; },
// CHECK-NEXT:        [&] {
// CHECK-NEXT:          ::ag::if_(
// CHECK-NEXT:              {88, 5, 88, 19}, {{[{][{]}}"ag_break_1", ag_break_1}},
// CHECK-NEXT:              [&]() -> ::ag::Tensor { return x * f > 50; },
// CHECK-NEXT:              [&] { ag_break_1 = true; }, [] {});
// CHECK-NEXT:          ::ag::if_(
// CHECK-NEXT:              {90, 5, 90, 26}, {{[{][{]}}"parts", parts}},
// CHECK-NEXT:              [&]() -> ::ag::Tensor { return !ag_break_1; },
// CHECK-NEXT:              [&] {
// CHECK-NEXT:                ::ag::at({90, 5, 90, 26, "parts"});
// CHECK-NEXT:                parts.push_back(x * f);
// CHECK-NEXT:              },
// CHECK-NEXT:              [] {});
// CHECK-NEXT:        },
// CHECK-NEXT:        [] {});
// CHECK-NEXT:  }
// CHECK-NEXT:  ::ag::at({92, 10, 92, 25});
// CHECK-NEXT:  return ag::stack(parts);
// CHECK-NEXT:}
// CHECK-LABEL:ag::Tensor ag_twin_firstBig(ag::Tensor x) {
// CHECK-NEXT:  ::ag::FunctionScope ag_scope("firstBig", ag_source_file, 98, 12, {"x"});
// CHECK-NEXT:  ::ag::Tensor ag_retval;
// CHECK-NEXT:  ::ag::Tensor ag_do_return = false;
// CHECK-NEXT:  ::ag::TensorList parts;
// CHECK-NEXT:  ::ag::while_(
// CHECK-NEXT:      {100, 3, 100, 17},
// CHECK-NEXT:      {{[{][{]}}"parts", parts},
// CHECK-NEXT:       {"x", x},
// CHECK-NEXT:       {"ag_do_return", ag_do_return},
// CHECK-NEXT:       {"ag_retval", ag_retval}},
// CHECK-NEXT:      [&]() -> ::ag::Tensor {
// CHECK-NEXT:        return ::ag::and_(
// CHECK-NEXT:            {100, 10, 100, 17}, [&]() -> ::ag::Tensor { return !ag_do_return; },
// CHECK-NEXT:            [&]() -> ::ag::Tensor { return x < 1000; });
// CHECK-NEXT:      },
// CHECK-NEXT:      [&] {
// CHECK-NEXT:        ::ag::if_(
// CHECK-NEXT:            {101, 5, 101, 15},
// CHECK-NEXT:            {{[{][{]}}"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}},
// CHECK-NEXT:            [&]() -> ::ag::Tensor { return x > 50; },
// CHECK-NEXT:            [&] {
// CHECK-NEXT:              ::ag::at({102, 14, 102, 29});
// CHECK-NEXT:              ag_retval = ag::stack(parts);
// CHECK-NEXT:              ag_do_return = true;
// CHECK-NEXT:            },
// CHECK-NEXT:            [] {});
// CHECK-NEXT:        ::ag::if_(
// CHECK-NEXT:            {103, 5, 104, 13}, {{[{][{]}}"parts", parts}, {"x", x}},
// CHECK-NEXT:            [&]() -> ::ag::Tensor { return !ag_do_return; },
// CHECK-NEXT:            [&] {
// CHECK-NEXT:              ::ag::at({103, 5, 103, 22, "parts"});
// CHECK-NEXT:              parts.push_back(x);
// CHECK-NEXT:              ::ag::at({104, 5, 104, 13, "x"});
// CHECK-NEXT:              x = x * 2;
// CHECK-NEXT:            },
// CHECK-NEXT:            [] {});
// CHECK-NEXT:      });
// CHECK-NEXT:  ::ag::if_(
// CHECK-NEXT:      {106, 3, 106, 10},
// CHECK-NEXT:      {{[{][{]}}"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}},
// CHECK-NEXT:      [&]() -> ::ag::Tensor { return !ag_do_return; },
// CHECK-NEXT:      [&] {
// CHECK-NEXT:        ag_retval = x;
// CHECK-NEXT:        ag_do_return = true;
// CHECK-NEXT:      },
// CHECK-NEXT:      [] {});
// CHECK-NEXT:  return ag_retval;
// CHECK-NEXT:}
// CHECK-LABEL:ag::Tensor ag_twin_early(ag::Tensor x) {
// CHECK-NEXT:  ::ag::FunctionScope ag_scope("early", ag_source_file, 111, 12, {"x"});
// CHECK-NEXT:  ::ag::Tensor ag_retval;
// CHECK-NEXT:  ::ag::Tensor ag_do_return = false;
// CHECK-NEXT:  ::ag::TensorList parts;
// CHECK-NEXT:  ::ag::at({113, 3, 113, 20, "parts"});
// CHECK-NEXT:  parts.push_back(x);
// CHECK-NEXT:  ::ag::if_(
// CHECK-NEXT:      {114, 3, 114, 12},
// CHECK-NEXT:      {{[{][{]}}"ag_do_return", ag_do_return}, {"ag_retval", ag_retval}},
// CHECK-NEXT:      [&]() -> ::ag::Tensor { return x < 0; },
// CHECK-NEXT:      [&] {
// CHECK-NEXT:        ag_retval = x;
// CHECK-NEXT:        ag_do_return = true;
// CHECK-NEXT:      },
// CHECK-NEXT:      [] {});
// CHECK-NEXT:  ::ag::if_(
// CHECK-NEXT:      {116, 3, 117, 25},
// CHECK-NEXT:      {{[{][{]}}"parts", parts},
// CHECK-NEXT:       {"ag_do_return", ag_do_return},
// CHECK-NEXT:       {"ag_retval", ag_retval}},
// CHECK-NEXT:      [&]() -> ::ag::Tensor { return !ag_do_return; },
// CHECK-NEXT:      [&] {
// CHECK-NEXT:        ::ag::at({116, 3, 116, 24, "parts"});
// CHECK-NEXT:        parts.push_back(x + 1);
// CHECK-NEXT:        ::ag::at({117, 10, 117, 25});
// CHECK-NEXT:        ag_retval = ag::stack(parts);
// CHECK-NEXT:        ag_do_return = true;
// CHECK-NEXT:      },
// CHECK-NEXT:      [] {});
// CHECK-NEXT:  return ag_retval;
// CHECK-NEXT:}
// CHECK-LABEL:ag::Tensor ag_twin_positiveRows(ag::Tensor t) {
// CHECK-NEXT:  ::ag::FunctionScope ag_scope("positiveRows", ag_source_file, 123, 12, {"t"});
// CHECK-NEXT:  ::ag::TensorList parts;
// CHECK-NEXT:  ::ag::for_each_({125, 3, 125, 26}, {{[{][{]}}"parts", parts}}, t,
// CHECK-NEXT:                  [&](const ::ag::Tensor &ag_row_2) {
// CHECK-NEXT:                    ::ag::Tensor row = ag_row_2;
// CHECK-NEXT:                    ::ag::Tensor ag_continue_1 = false;
// CHECK-NEXT:                    ::ag::if_(
// CHECK-NEXT:                        {126, 5, 126, 25}, {{[{][{]}}"ag_continue_1", ag_continue_1}},
// CHECK-NEXT:                        [&]() -> ::ag::Tensor { return ag::sum(row) < 0; },
// CHECK-NEXT:                        [&] { ag_continue_1 = true; }, [] {});
// CHECK-NEXT:                    ::ag::if_(
// CHECK-NEXT:                        {128, 5, 128, 24}, {{[{][{]}}"parts", parts}},
// CHECK-NEXT:                        [&]() -> ::ag::Tensor { return !ag_continue_1; },
// CHECK-NEXT:                        [&] {
// CHECK-NEXT:                          ::ag::at({128, 5, 128, 24, "parts"});
// CHECK-NEXT:                          parts.push_back(row);
// CHECK-NEXT:                        },
// CHECK-NEXT:                        [] {});
// CHECK-NEXT:                  });
// CHECK-NEXT:  ::ag::at({130, 10, 130, 25});
// CHECK-NEXT:  return ag::stack(parts);
// CHECK-NEXT:}
