//===- ag/TensorList.h - Lists appended to under staged control -*- C++ -*-===//
//
// A `std::vector<ag::Tensor>` that an AG_CONVERT function appends to inside a
// staged `if` or loop cannot stay a C++ vector in the twin: how many elements
// it gets is decided at each evaluation. ag-convert declares it as an
// ag::TensorList instead, which records `!ag.list` values while tracing
// (ag.list_new, ag.list_push, ag.list_stack) and is carried through loops and
// merged after branches like a tensor. Eagerly (a twin run without a tracer)
// it is a plain vector of tensors.
//
// Users write std::vector<ag::Tensor>; only twins spell this type.
//
//===----------------------------------------------------------------------===//
#ifndef AG_TENSORLIST_H
#define AG_TENSORLIST_H

#include "ag/Tensor.h"

#include <vector>

namespace ag {

class TensorList {
public:
  /// An empty list (while tracing: an ag.list_new).
  TensorList();

  /// Appends `value`. While tracing, every element of one list must have the
  /// dtype and shape of the first (stacking needs it): a different one is an
  /// ag::Error at the push.
  void push_back(const Tensor &value);
  void emplace_back(const Tensor &value) { push_back(value); }

  /// True while this list is a value in a graph being traced.
  bool isStaged() const { return handle_.defined(); }
  /// The elements of an eager list.
  const std::vector<Tensor> &elements() const { return elements_; }

  /// Internal (staging API): the graph value of a staged list, held as a
  /// Tensor so that ag::if_/while_ carry and merge it like a tensor.
  Tensor &handle() { return handle_; }
  const Tensor &handle() const { return handle_; }
  /// Whether an element was pushed while tracing, and its dtype and shape.
  bool hasElementType() const { return hasElementType_; }
  DType elementDType() const { return elementDType_; }
  const Shape &elementShape() const { return elementShape_; }
  /// Whether every element pushed while tracing is weakly typed (a literal or
  /// a value computed from literals only): such elements adopt a dtype that
  /// ag::stack declares, as they do eagerly.
  bool elementsWeak() const { return elementsWeak_; }

private:
  Tensor handle_;
  std::vector<Tensor> elements_;
  bool hasElementType_ = false;
  DType elementDType_ = DType::Int64;
  Shape elementShape_;
  bool elementsWeak_ = false;
};

/// Stacks the elements along a new first dimension, like ag::stack of the
/// vector the list stands for. Staged, the result's first dimension is only
/// known at evaluation (`float64[?, 3]`).
Tensor stack(const TensorList &list);
/// ag::stack(values, dtype, elementShape) of the vector the list stands for.
/// Staged, every push must have the declared type, or all of them be weak
/// values that adopt it (`push_back(0)` stacked as ag::Int32).
Tensor stack(const TensorList &list, DType dtype,
             const Shape &elementShape = {});

} // namespace ag

#endif // AG_TENSORLIST_H
