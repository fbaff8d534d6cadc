//===- TensorList.cpp - Lists appended to under staged control ------------===//

#include "ag/TensorList.h"
#include "ag/Error.h"
#include "ag/detail/TensorImpl.h"
#include "ag/detail/Tracer.h"

namespace ag {

namespace {
[[noreturn]] void staleList(const char *what) {
  Diagnostic diag;
  diag.message = std::string("cannot ") + what +
                 " a staged list outside of the trace that created it";
  throw Error(std::move(diag));
}
} // namespace

TensorList::TensorList() {
  if (detail::Tracer *tracer = detail::currentTracer())
    handle_ = tracer->listNew();
}

void TensorList::push_back(const Tensor &value) {
  detail::Tracer *tracer = detail::currentTracer();
  if (!isStaged()) {
    // A list made eagerly stays eager, as a vector would.
    elements_.push_back(value);
    return;
  }
  if (!tracer)
    staleList("push_back onto");
  if (!value.defined())
    tracer->error("push_back of an undefined tensor (a variable declared "
                  "without a value)");
  if (hasElementType_ &&
      (value.dtype() != elementDType_ || value.shape() != elementShape_))
    tracer->error("push_back of a " + std::string(dtypeName(value.dtype())) +
                  shapeToString(value.shape()) +
                  " onto a list whose elements are " +
                  dtypeName(elementDType_) + shapeToString(elementShape_) +
                  ": stacking needs every element to have one dtype and shape");
  handle_ = tracer->listPush(handle_, value);
  if (!hasElementType_) {
    hasElementType_ = true;
    elementDType_ = value.dtype();
    elementShape_ = value.shape();
    elementsWeak_ = value.isWeak();
  } else {
    elementsWeak_ = elementsWeak_ && value.isWeak();
  }
}

Tensor stack(const TensorList &list) {
  if (!list.isStaged())
    return stack(list.elements());
  detail::Tracer *tracer = detail::currentTracer();
  if (!tracer)
    staleList("stack");
  if (!list.hasElementType())
    tracer->error("ag::stack of a list that nothing is pushed onto before "
                  "this point: its element type is unknown (and stacking an "
                  "empty list fails)");
  return tracer->listStack(list.handle(), list.elementDType(),
                           list.elementShape(), /*declared=*/false);
}

Tensor stack(const TensorList &list, DType dtype, const Shape &elementShape) {
  if (!list.isStaged())
    return stack(list.elements(), dtype, elementShape);
  detail::Tracer *tracer = detail::currentTracer();
  if (!tracer)
    staleList("stack");
  // Weak elements adopt the declared dtype exactly when they would eagerly
  // (runtime/Tensor.cpp, stack of a vector): the list is stacked in its
  // own dtype and converted.
  bool adopts = false;
  if (list.hasElementType() && list.elementsWeak() &&
      list.elementDType() != dtype) {
    detail::TensorImpl element, declared;
    element.dtype = list.elementDType();
    element.weak = true;
    declared.dtype = dtype;
    adopts = detail::operandType(OpKind::Eq, element, declared) == dtype;
  }
  if (list.hasElementType() && ((list.elementDType() != dtype && !adopts) ||
                                list.elementShape() != elementShape))
    tracer->error("ag::stack: the list's elements are " +
                  std::string(dtypeName(list.elementDType())) +
                  shapeToString(list.elementShape()) +
                  ", but they are declared " + dtypeName(dtype) +
                  shapeToString(elementShape));
  if (adopts)
    return cast(tracer->listStack(list.handle(), list.elementDType(),
                                  elementShape, /*declared=*/true),
                dtype);
  return tracer->listStack(list.handle(), dtype, elementShape,
                           /*declared=*/true);
}

} // namespace ag
