//===- Diagnostics.h - ag-convert's diagnostics -----------------*- C++ -*-===//
//
// Every conversion diagnostic, registered as a Clang custom diagnostic so it
// prints like a compiler error (file:line:col, source line, caret, notes).
// The texts live in one table so wording stays consistent.
//
//===----------------------------------------------------------------------===//
#ifndef AG_FRONTEND_DIAGNOSTICS_H
#define AG_FRONTEND_DIAGNOSTICS_H

#include "clang/Basic/Diagnostic.h"

namespace ag {
namespace frontend {

enum class Diag {
  NoBody,
  Constexpr,
  Method,
  Template,
  OutOfLine,
  Lambda,
  DependentCondition,
  MemberWrite,
  DefinedInHeader,
  Recursion,
  RecursionNote,
  CrossFileDefaultArg,
  UnconvertedHelper,
  HelperBranchesHere,
  Goto,
  SwitchStaged,
  SwitchBody,
  Exceptions,
  Coroutine,
  AddressOfCarried,
  ReferenceToCarried,
  CarriedNote,
  HostAssigned,
  StagedBecause,
  VectorAppend,
  StagedListUse,
  StagedListAppend,
  PartAssigned,
  MaybeUndefined,
  AssignedHere,
  StagedAsBool,
  HostValueOfTensor,
  NonTensorReturn,
  InMacro,
  FunctionInMacro,
  InLambda,
  LambdaWrite,
  ConditionVariable,
  PrintNotStatement,
  HelperPrints,
  HelperPrintsHere,
  HelperCallsHere,
  ConditionalSideEffect,
  ConditionalAssigned,
  MutableGlobal,
  StagedValueInHost,
  FallsOffEnd,
  FallsOffEndHere,
  Unsupported,
};

/// Reports ag-convert diagnostics through a Clang DiagnosticsEngine.
class Diagnostics {
public:
  explicit Diagnostics(clang::DiagnosticsEngine &engine);
  clang::DiagnosticBuilder report(clang::SourceLocation loc, Diag kind);
  bool hasErrors() const { return engine.hasErrorOccurred(); }

private:
  clang::DiagnosticsEngine &engine;
  unsigned ids[static_cast<unsigned>(Diag::Unsupported) + 1];
};

} // namespace frontend
} // namespace ag

#endif // AG_FRONTEND_DIAGNOSTICS_H
