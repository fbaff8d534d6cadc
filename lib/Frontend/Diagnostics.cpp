//===- Diagnostics.cpp - ag-convert's diagnostics -------------------------===//

#include "Diagnostics.h"

using namespace clang;

namespace ag {
namespace frontend {

namespace {
struct DiagInfo {
  Diag kind;
  DiagnosticIDs::Level level;
  const char *format;
};
} // namespace

// Messages say what is wrong and, where there is one, how to get going.
static const DiagInfo diagTable[] = {
    {Diag::NoBody, DiagnosticIDs::Error,
     "AG_CONVERT function %0 has no definition in this file; ag-convert "
     "needs its body to build the twin"},
    {Diag::Constexpr, DiagnosticIDs::Error,
     "AG_CONVERT cannot be used on a %select{constexpr|consteval}0 function "
     "%1: compile-time evaluation cannot be staged"},
    {Diag::Method, DiagnosticIDs::Error,
     "AG_CONVERT on %select{virtual member function|constructor|destructor|"
     "conversion function|operator|member function of a local or unnamed "
     "class}0 %1 is not supported; convert a named, non-virtual member "
     "function of a named class (or a free function) and call it from there"},
    {Diag::Template, DiagnosticIDs::Error,
     "AG_CONVERT on %select{function template|member template or nested "
     "member of class template|member function template|explicit "
     "specialization}0 %1 is not supported; %select{convert a function "
     "template or a non-template function|convert a non-template member "
     "function of the class template itself (not of a nested class or a "
     "partial specialization), or move the body into a free AG_CONVERT "
     "function template taking the members it reads, and call that|convert "
     "a function template or a non-template function|convert the primary "
     "template (every instantiation gets a twin) or a non-template "
     "function}0"},
    {Diag::OutOfLine, DiagnosticIDs::Error,
     "AG_CONVERT on %select{an out-of-line definition|a friend function "
     "defined inside a class}1 is not supported yet; define %0 "
     "%select{inside its namespace|at namespace scope (and declare it a "
     "friend in the class)}1"},
    {Diag::Lambda, DiagnosticIDs::Error,
     "AG_CONVERT on a lambda is not supported: its captures would be frozen "
     "into the graph; write a named AG_CONVERT function and call it"},
    {Diag::DependentCondition, DiagnosticIDs::Error,
     "the type of this %0 condition depends on a template parameter and it "
     "is staged in %1: the twin is written once, from the template, where "
     "it reads as a host condition; write it as an ag::Tensor (e.g. "
     "'ag::Tensor(...)') to stage it for every instantiation"},
    {Diag::MemberWrite, DiagnosticIDs::Error,
     "modifying member %0 of type %1 in a converted member function is not "
     "supported: %select{only ag::Tensor members become graph results "
     "written back to the object; this one would change once, while "
     "tracing, not at each call|it is modified under staged control flow; "
     "assign a local ag::Tensor there and the member after the construct}2"},
    {Diag::DefinedInHeader, DiagnosticIDs::Error,
     "AG_CONVERT %select{member function|function template}0 %1 is defined "
     "in '%2', which ag-convert does not rewrite (it rewrites only the file "
     "it converts), so it would have no twin; define it in a converted "
     "source file (a member function out of line)"},
    {Diag::Recursion, DiagnosticIDs::Error,
     "recursive call to converted function %0 is not supported: tracing it "
     "would never end"},
    {Diag::RecursionNote, DiagnosticIDs::Note, "%0 calls %1 here"},
    {Diag::CrossFileDefaultArg, DiagnosticIDs::Error,
     "this call of %0 leaves out a default argument: %0 is AG_CONVERT and "
     "defined in another file, so its twin is called through a function "
     "pointer, which has none; pass every argument"},
    {Diag::UnconvertedHelper, DiagnosticIDs::Error,
     "call to %0, which branches on an ag::Tensor but is not AG_CONVERT: "
     "it runs as written while tracing and cannot stage that branch; mark "
     "it AG_CONVERT"},
    {Diag::LibraryBranches, DiagnosticIDs::Error,
     "call to '%0', which compares ag::Tensors as a C++ bool inside the "
     "standard library: it runs as written while tracing and cannot stage "
     "that choice; %select{use %2|write it with a staged if or ?:}1"},
    {Diag::HelperBranchesHere, DiagnosticIDs::Note,
     "branch on an ag::Tensor here"},
    {Diag::Goto, DiagnosticIDs::Error,
     "'goto' and labels are not supported in a converted function"},
    {Diag::SwitchStaged, DiagnosticIDs::Error,
     "'switch' on a staged value is not supported; use if/else on the "
     "ag::Tensor instead"},
    {Diag::SwitchBody, DiagnosticIDs::Error,
     "'%0' under staged control flow cannot leave a 'switch' or its case "
     "(the rest of the switch would have to be staged); use if/else for this "
     "choice"},
    {Diag::Exceptions, DiagnosticIDs::Error,
     "'%0' is not supported in a converted function: exceptions cannot be "
     "staged"},
    {Diag::Coroutine, DiagnosticIDs::Error,
     "coroutines ('%0') are not supported in a converted function"},
    {Diag::AddressOfCarried, DiagnosticIDs::Error,
     "taking the address of %0 is not supported: it is %select{merged after "
     "a staged 'if'|carried by a staged loop}1, so the twin rebinds it"},
    {Diag::ReferenceToCarried, DiagnosticIDs::Error,
     "binding non-const reference %0 to %1 is not supported: %1 is "
     "%select{merged after a staged 'if'|carried by a staged loop}2, so the "
     "twin rebinds it"},
    {Diag::CarriedNote, DiagnosticIDs::Note, "staged %select{'if'|loop}0 here"},
    {Diag::HostAssigned, DiagnosticIDs::Error,
     "host %select{variable|parameter}2 %0 of type %1 is modified under "
     "staged control flow; it would be computed once while tracing, not at "
     "each evaluation (%select{make it an ag::Tensor|the caller's variable "
     "cannot follow the graph: take an ag::Tensor & instead, or return the "
     "new value}2)"},
    {Diag::StagedBecause, DiagnosticIDs::Note,
     "this %0 is staged because %select{its condition has type "
     "ag::Tensor|it is a range-for over an ag::Tensor|it leaves through a "
     "staged 'break', 'continue' or 'return'|it is around calls of AG_NODE "
     "functions}1"},
    {Diag::StagedTwinCall, DiagnosticIDs::Error,
     "cannot call %0 with a number known only when the graph runs: with its "
     "number parameters staged, its body does not convert (errors above); "
     "pass values known while tracing, or make %0 an AG_NODE function"},
    {Diag::VectorAppend, DiagnosticIDs::Error,
     "%select{appending to|modifying}2 %0 of type %1 under staged control "
     "flow is not supported: only a local std::vector<ag::Tensor> variable "
     "(not a parameter, reference, global or static) appended to with "
     "push_back or emplace_back can become a staged list"},
    {Diag::StagedListUse, DiagnosticIDs::Error,
     "%0 is appended to under staged control flow, so it becomes a staged "
     "list in the graph; %select{only push_back, emplace_back, ag::stack(%0), "
     "a range-for over it, and reading size(), empty(), [i], at(i), front() "
     "and back() are supported on it|it must be declared empty, "
     "without an initializer or with empty braces|it cannot be used inside a "
     "lambda}1"},
    {Diag::StagedListAppend, DiagnosticIDs::Note,
     "appended to under staged control flow here"},
    {Diag::PartAssigned, DiagnosticIDs::Error,
     "assigning to %0 or to part of it (element, member, pointee, binding) "
     "under staged control flow is not supported; use a separate ag::Tensor "
     "variable"},
    {Diag::MaybeUndefined, DiagnosticIDs::Error,
     "staged variable %0 may be undefined here: it has no value before the "
     "%1 at line %2 and is assigned on only some paths through it"},
    {Diag::AssignedHere, DiagnosticIDs::Note, "%0 is assigned here"},
    {Diag::StagedAsBool, DiagnosticIDs::Error,
     "a staged value is used as a C++ 'bool' here; only conditions of "
     "if/while/for/?:/&&/||/assert can be staged"},
    {Diag::HostValueOfTensor, DiagnosticIDs::Error,
     "the condition of this %0 reads a host value out of a tensor with "
     "'%1()': it cannot be staged (the tensor has no value while tracing); "
     "compare the ag::Tensor itself"},
    {Diag::NonTensorReturn, DiagnosticIDs::Error,
     "'return' inside staged control flow needs the function to return "
     "void, ag::Tensor, a number, or a std::pair, std::tuple or aggregate "
     "struct of tensors (a pair or tuple may hold numbers), not %0"},
    {Diag::InMacro, DiagnosticIDs::Error,
     "staged construct inside a macro expansion cannot be rewritten; expand "
     "the macro by hand"},
    {Diag::FunctionInMacro, DiagnosticIDs::Error,
     "AG_CONVERT function %0 is spelled by a macro expansion; ag-convert "
     "copies its declaration from the source, so write it out"},
    {Diag::InLambda, DiagnosticIDs::Error,
     "staged control flow inside a lambda is not supported; move it into an "
     "AG_CONVERT function"},
    {Diag::LambdaWrite, DiagnosticIDs::Error,
     "a lambda assigning captured tensor %0 is not supported in a converted "
     "function; return the new value from the lambda instead"},
    {Diag::LambdaHostWrite, DiagnosticIDs::Error,
     "lambda %0 modifies captured host variable %1 and is called under "
     "staged control flow; the write would happen once while tracing, not "
     "at each evaluation (return the new value from the lambda and assign "
     "it at the call)"},
    {Diag::LambdaCalledHere, DiagnosticIDs::Note,
     "%0 is called here, under staged control flow"},
    {Diag::ConditionVariable, DiagnosticIDs::Error,
     "a variable declared in the condition of a staged %0 is not supported; "
     "declare it before"},
    {Diag::PrintNotStatement, DiagnosticIDs::Error,
     "this print is not a statement of its own, so it cannot become a graph "
     "effect: it would print once while tracing, not at each evaluation; "
     "make it a separate statement"},
    {Diag::StreamManipulator, DiagnosticIDs::Error,
     "stream manipulator '%0' in a converted print is not supported: a "
     "graph prints tensors when it runs and cannot change std::cout's "
     "format then; format with printf (\"%%.3f\", \"%%x\", \"%%8d\"...) "
     "or set std::cout's format before calling the function"},
    {Diag::HelperPrints, DiagnosticIDs::Error,
     "call to %0, which prints but is not AG_CONVERT: it runs as written "
     "while tracing, so it would print once then, not at each evaluation; "
     "mark it AG_CONVERT (or print with ag::print)"},
    {Diag::HelperPrintsHere, DiagnosticIDs::Note, "%0 prints here"},
    {Diag::HelperState, DiagnosticIDs::Error,
     "call to %0, which uses mutable %select{global|static}1 %2 but is not "
     "AG_CONVERT: it runs once, while tracing, so the graph would keep what "
     "it did then at every evaluation; pass the state as a parameter (an "
     "ag::Tensor), or make %2 const"},
    {Diag::HelperStateHere, DiagnosticIDs::Note, "%0 uses %1 here"},
    {Diag::HelperCallsHere, DiagnosticIDs::Note,
     "through plain functions, which call %0 here"},
    {Diag::ConditionalSideEffect, DiagnosticIDs::Error,
     "'%0' is modified in %select{the right operand|a branch}1 of a staged "
     "'%2', which runs only on some paths; the graph cannot keep that effect "
     "conditional (assign before the expression, or use a staged if)"},
    {Diag::ConditionalAssigned, DiagnosticIDs::Error,
     "a staged '?:' cannot be assigned to or modified: in the graph it is a "
     "new value, not one of its operands (use a staged if)"},
    {Diag::MutableGlobal, DiagnosticIDs::Error,
     "%select{reading|modifying}0 %select{global|static}1 variable %2 in a "
     "converted function is not supported: %select{its value is frozen into "
     "the graph when it is traced, later changes are not seen|the graph does "
     "not modify it when it is evaluated}0; pass it as a parameter (or make "
     "it const)"},
    {Diag::StagedValueInHost, DiagnosticIDs::Error,
     "this '%0' has a staged condition, so its value is "
     "an ag::Tensor known only when the graph runs; it cannot "
     "%select{initialize|be assigned to|be passed as|be returned as|be used "
     "as}1 %2 (make that an ag::Tensor, or a const reference)"},
    {Diag::FallsOffEnd, DiagnosticIDs::Error,
     "control can reach the end of non-void function %0 without a 'return': "
     "eagerly that is undefined behaviour, and the graph would return an "
     "arbitrary value; return a value on every path"},
    {Diag::FallsOffEndHere, DiagnosticIDs::Note,
     "this path continues to the end of the function"},
    {Diag::NodeResultType, DiagnosticIDs::Error,
     "AG_NODE function %0 returns %select{a reference|a pointer}1 (%2): a "
     "graph value must own its data, and this one would refer to memory "
     "the graph does not keep alive; return the value itself"},
    {Diag::NodeMoveOnlyParam, DiagnosticIDs::Error,
     "AG_NODE function %0 takes %1 %select{by value|by rvalue reference}2, "
     "which can be moved but not copied: a graph value may have several "
     "consumers, so a node cannot take it away from the others; take it by "
     "const reference (%3)"},
    {Diag::NodeMoveOnlyArg, DiagnosticIDs::Error,
     "this host variable of type %0 cannot be passed to AG_NODE function %1: "
     "the graph captures a host argument by copy, and the type can only be "
     "moved; std::move it into the call, or make it a node's result"},
    {Diag::NodeReferenceParam, DiagnosticIDs::Error,
     "parameter %0 of AG_NODE function %1 is a non-const lvalue reference "
     "(%2): a node gets graph values, it cannot modify its caller's "
     "variables; take it by value or by const reference and return the new "
     "value"},
    {Diag::NodeNotMovable, DiagnosticIDs::Error,
     "AG_NODE function %0 %select{takes|returns}1 %2 by value, which can be "
     "neither copied nor moved: a graph holds its values by copy or move; "
     "make the type movable%select{ or take a const reference|}1"},
    {Diag::NodeDeclaration, DiagnosticIDs::Error,
     "AG_NODE on %select{a non-static member function|a variadic function|"
     "a constexpr or consteval function}0 %1 is not supported; "
     "%select{make it a static member or a free function taking the object|"
     "give it a fixed parameter list|drop the constexpr}0"},
    {Diag::NodeValueUse, DiagnosticIDs::Error,
     "this %select{node result|staged number}3 (of type "
     "%0) cannot be %1: it exists only when the graph runs, not while "
     "tracing; %2"},
    {Diag::NodeTry, DiagnosticIDs::Error,
     "'try' around calls of AG_NODE functions is not supported yet: a node "
     "throws when the graph runs, after tracing has left this block; let "
     "the exception propagate (it becomes an ag::Error located at the "
     "call) or catch it inside the node"},
    {Diag::NodeTryJump, DiagnosticIDs::Error,
     "'%0' out of a 'try' around calls of AG_NODE functions is not "
     "supported: the 'try' becomes a graph-level try, which only merges "
     "variables; set a variable and test it after the 'try'"},
    {Diag::NodeTryCaught, DiagnosticIDs::Error,
     "the caught exception %0 exists only when the graph runs: only its "
     "'what()' can be used, passed to an AG_NODE function taking a "
     "std::string or printed with std::cout, printf, fprintf to stdout or "
     "stderr, puts or fputs"},
    {Diag::PrintWhatFormat, DiagnosticIDs::Error,
     "e.what() of a caught exception is printed %select{with a format that "
     "is not a string literal|by a '%1' conversion}0: it is known only when "
     "the graph runs, where it is printed with a '%%s' (a '-' flag, a width "
     "and a precision allowed) of a string literal format"},

    {Diag::NodeTryPartial, DiagnosticIDs::Error,
     "variable %0 is assigned in this 'try' and %select{used after it|read "
     "in its 'catch'}1: when a node fails after this assignment, the eager "
     "code keeps the value %0 got here, which a graph-level try does not "
     "know; assign %0 only in the last statement of the 'try', or assign it "
     "first thing in the 'catch'"},
    {Diag::NodeTryHere, DiagnosticIDs::Note,
     "the 'try' around calls of AG_NODE functions is here"},
    {Diag::Unsupported, DiagnosticIDs::Error,
     "%0 is not supported in a converted function"},
};

Diagnostics::Diagnostics(DiagnosticsEngine &engine) : engine(engine) {
  for (const DiagInfo &info : diagTable) {
    unsigned kind = static_cast<unsigned>(info.kind);
    ids[kind] =
        engine.getDiagnosticIDs()->getCustomDiagID(info.level, info.format);
    ignoredIds[kind] = engine.getDiagnosticIDs()->getCustomDiagID(
        DiagnosticIDs::Ignored, info.format);
    isError[kind] = info.level == DiagnosticIDs::Error;
  }
}

DiagnosticBuilder Diagnostics::report(SourceLocation loc, Diag kind) {
  unsigned k = static_cast<unsigned>(kind);
  // Clang drops the notes that follow an ignored diagnostic.
  if (isError[k] && !reported.insert({loc.getRawEncoding(), k}).second)
    return engine.Report(loc, ignoredIds[k]);
  return engine.Report(loc, ids[k]);
}

} // namespace frontend
} // namespace ag
