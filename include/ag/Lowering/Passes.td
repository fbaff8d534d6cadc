//===- Passes.td - Passes of the lowering ------------------*- tablegen -*-===//

#ifndef AG_LOWERING_PASSES_TD
#define AG_LOWERING_PASSES_TD

include "mlir/Pass/PassBase.td"

def PrintProgram : Pass<"ag-print-program", "mlir::ModuleOp"> {
  let summary = "Print the runtime Program each ag.func lowers to";
  let description = [{
    Lowers every `ag.func` with a body, as `ag::function` and `ag-run` do
    before evaluating it, and prints the resulting Program to stdout: its
    arguments, captures and constants, one line per node (results, kernel
    or op name, operand slots, `heavy` when it may run as a task of its
    own), each region's sub-program indented under its node, and the
    result slots. Slots print as `%N(name)` with the source variable they
    hold. The IR itself is left unchanged. A function that cannot be
    lowered is an error at the op that cannot.

    For the lowering's tests and for reading what the evaluator will run:

    ```
    ag-opt graph.mlir --ag-print-program -o /dev/null
    ```
  }];
}

#endif // AG_LOWERING_PASSES_TD
