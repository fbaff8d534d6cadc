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
#include "llvm/ADT/DenseSet.h"

#include <utility>

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
  LibraryBranches,
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
  StagedTwinCall,
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
  LambdaHostWrite,
  LambdaCalledHere,
  ConditionVariable,
  PrintNotStatement,
  StreamManipulator,
  HelperPrints,
  HelperPrintsHere,
  HelperState,
  HelperStateHere,
  HelperCallsHere,
  ConditionalSideEffect,
  ConditionalAssigned,
  MutableGlobal,
  StagedValueInHost,
  FallsOffEnd,
  FallsOffEndHere,
  NodeResultType,
  NodeMoveOnlyParam,
  NodeMoveOnlyArg,
  NodeReferenceParam,
  NodeNotMovable,
  NodeDeclaration,
  NodeValueUse,
  NodeTry,
  NodeTryJump,
  NodeTryCaught,
  PrintWhatFormat,
  NodeTryPartial,
  NodeTryHere,
  Unsupported,
};

/// Reports ag-convert diagnostics through a Clang DiagnosticsEngine.
class Diagnostics {
public:
  explicit Diagnostics(clang::DiagnosticsEngine &engine);
  /// An error of a kind already reported at `loc` (a check that runs for
  /// each enclosing staged construct finds the same write again) is dropped,
  /// with its notes: each problem is reported once.
  clang::DiagnosticBuilder report(clang::SourceLocation loc, Diag kind);
  bool hasErrors() const { return engine.hasErrorOccurred(); }

private:
  static constexpr unsigned numKinds =
      static_cast<unsigned>(Diag::Unsupported) + 1;
  clang::DiagnosticsEngine &engine;
  unsigned ids[numKinds];
  unsigned ignoredIds[numKinds]; // the same formats, never shown
  bool isError[numKinds];
  llvm::DenseSet<std::pair<clang::SourceLocation::UIntTy, unsigned>> reported;
};

} // namespace frontend
} // namespace ag

#endif // AG_FRONTEND_DIAGNOSTICS_H
