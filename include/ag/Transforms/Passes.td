//===- Passes.td - ag dialect passes -----------------------*- tablegen -*-===//

#ifndef AG_TRANSFORMS_PASSES_TD
#define AG_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def IfToSelect : Pass<"ag-if-to-select"> {
  let summary = "Turn small, pure, trap-free ag.if ops into ag.select";
  let description = [{
    An `ag.if` whose regions only compute pure values that cannot fail at run
    time (no effects, no integer division or remainder, no `ag.index`, no
    nested control flow or calls) and hold at most `max-ops` ops each is
    replaced by the ops of both regions followed by one `ag.select` per
    result. The runtime then evaluates the choice without a branch.

    A branch that guards an operation which may fail stays an `ag.if`, so a
    converted `x != 0 && 10 / x > 2` never divides by zero.

    Example:

    ```mlir
    %r = ag.if %c -> (tensor<i64>) {
      %a = ag.add %x, %one : tensor<i64>
      ag.yield %a : tensor<i64>
    } else {
      ag.yield %x : tensor<i64>
    }
    ```
    becomes
    ```mlir
    %a = ag.add %x, %one : tensor<i64>
    %r = ag.select %c, %a, %x : tensor<i1>, tensor<i64>
    ```
  }];
  let options = [
    Option<"maxOps", "max-ops", "unsigned", /*default=*/"8",
           "Largest number of ops (terminator excluded) per region that is "
           "still speculated">
  ];
}

def InlineIfCalls : Pass<"ag-inline-if-calls"> {
  let summary = "Inline calls, only when the IR has any";
  let description = [{
    The upstream inliner without its per-callee canonicalization (the
    canonicalizer of `ag-optimize` runs once over the result), skipped when
    no op is a call: the inliner walks the symbol uses of every op even
    when there is nothing to inline, as costly as a canonicalization on a
    large traced graph. The first pass of `ag-optimize`.
  }];
}

def SimplifyRound : Pass<"ag-simplify-round"> {
  let summary = "CSE, LICM and ag-if-to-select, then canonicalize and CSE "
                "again if they changed anything";
  let description = [{
    One round of `ag-optimize` after the first canonicalization:
    common-subexpression elimination, loop-invariant code motion (only
    speculatable ops move: integer division and `ag.index` stay guarded)
    and `ag-if-to-select`; then canonicalize and CSE, but only if one of
    them changed the IR. On a straight-line graph that the first
    canonicalization left at a fixed point, a second round costs as much as
    the first and finds nothing.
  }];
}

def SymbolDCEIfPrivate : Pass<"ag-symbol-dce-if-private"> {
  let summary = "symbol-dce, only when there is a symbol it could erase";
  let description = [{
    The upstream `symbol-dce`, skipped unless the op holds a non-public
    symbol or a nested symbol table (symbol-dce erases nothing else, yet
    walks every op's symbol uses). The last pass of `ag-optimize`.
  }];
}

#endif // AG_TRANSFORMS_PASSES_TD
