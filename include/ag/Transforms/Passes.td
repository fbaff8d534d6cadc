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

#endif // AG_TRANSFORMS_PASSES_TD
