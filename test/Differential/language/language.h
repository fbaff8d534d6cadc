// Annotated functions written as users write modern C++ (lambdas, compound
// assignment, prints, containers of structs): language.cpp is converted by
// ag-convert; language_test.cpp compares each with its graph.
#ifndef AG_TEST_DIFFERENTIAL_LANGUAGE_LANGUAGE_H
#define AG_TEST_DIFFERENTIAL_LANGUAGE_LANGUAGE_H

#include <ag/ag.h>

#include <array>
#include <vector>

namespace language {
using ag::Tensor;

// Compound bitwise and shift assignment, on variables and rows.
Tensor bitwiseCompound(Tensor x, Tensor y);
Tensor bitwiseCompoundLoop(Tensor x, Tensor y);
Tensor bitwiseCompoundRows(Tensor v, Tensor m);
Tensor maskedFlags(Tensor x);

// Lambdas holding staged ?:, && and || (and calls of converted functions).
Tensor lambdaConditional(Tensor x);
Tensor lambdaLogical(Tensor x, Tensor y);
Tensor lambdaCallsConverted(Tensor x);
Tensor lambdaImmediate(Tensor x);
Tensor clampPositive(Tensor x);

// A host switch whose cases hold staged ?:, && and converted calls.
Tensor switchExpressions(Tensor x, int mode);

// std::cout << t.item<T>() with a staged t.
Tensor printItems(Tensor x);
Tensor printItemsInLoop(Tensor x);
Tensor printCastItems(Tensor x);

// Containers of structs of tensors.
struct Layer {
  Tensor w, b;
};
struct Scaled {
  Tensor value;
  double scale;
};
Tensor applyLayers(std::vector<Layer> layers, Tensor x);
Tensor applyLayerArray(std::array<Layer, 2> layers, Tensor x);
std::vector<Layer> shiftLayers(std::vector<Layer> layers, Tensor by);
Tensor sumScaled(std::vector<Scaled> items);
} // namespace language

#endif // AG_TEST_DIFFERENTIAL_LANGUAGE_LANGUAGE_H
