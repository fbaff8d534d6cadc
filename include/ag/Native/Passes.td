//===- Passes.td - Passes of the native backend ------------*- tablegen -*-===//

#ifndef AG_NATIVE_PASSES_TD
#define AG_NATIVE_PASSES_TD

include "mlir/Pass/PassBase.td"

def LowerToArith : Pass<"ag-lower-to-arith", "mlir::ModuleOp"> {
  let summary = "Lower scalar and elementwise ag.funcs to func/arith/math/scf";
  let description = [{
    The first step of the native backend (docs/architecture.md, "Native
    code"). Every `ag.func` whose values are all 0-d tensors (or that it
    calls) becomes a `func.func` on the element types (`tensor<i64>` ->
    `i64`, `tensor<i1>` -> `i1`) with one extra trailing `i1` result, the
    *fault* flag: it is true when an op that is an evaluation error in the
    interpreter (integer division or remainder by zero or MIN / -1, a shift
    count out of range, an integer power with a negative exponent, a float
    to integer cast out of range, a zero loop step) was reached. Loops stop
    at the next condition after a fault; the caller then re-runs the graph
    on the interpreter, which reports the error with its location and loop
    iteration. Each op computes what `include/ag/semantics/ElementOps.h`
    defines (`ag.if` -> `scf.if`, `ag.while`/`ag.for` -> `scf.while`,
    `ag.call` -> `func.call`; exp, log, tanh, sin, cos and float pow call
    `ag_<op>_f32`/`_f64`, which the native backend binds to the functors).

    A function on ranked tensors whose ops are all elementwise (no regions,
    no calls), whose tensors all have one shape and whose constants of that
    shape are splats becomes one loop over the elements (the chain fused):
    `func.func` attributes `{ag.elementwise}` taking a `!llvm.ptr` per
    ranked parameter, then per ranked result (the caller's buffers), then
    the element count (`i64`); it returns the 0-d results and the fault
    flag. Its 0-d ops run before the loop, in order.

    Effects in scalar functions run in program order: a token is an unused
    `i1`; `ag.print` calls `ag_native_print(spec, length, values, count) ->
    i1` (the spec, an `llvm.mlir.global`, holds each operand's dtype as a
    byte and then the format; the values are 8-byte stack slots) only while
    no fault was reached, and a failed print is a fault; a failed
    `ag.assert` and a non-finite `ag.check_numerics` input are faults, so
    the interpreter reports them, skipping the prints native code wrote.

    A function with an op or a type the lowering does not know (lists,
    host values, reductions along axes and other tensor ops, effects on
    tensors) is declined with a remark naming the op and stays an `ag.func`;
    so is a function calling a declined one.

    ```
    ag-opt graph.mlir --ag-lower-to-arith
    ```
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::func::FuncDialect",
                           "mlir::LLVM::LLVMDialect",
                           "mlir::math::MathDialect",
                           "mlir::scf::SCFDialect"];
}

def LowerToLLVM : Pass<"ag-lower-to-llvm", "mlir::ModuleOp"> {
  let summary = "Lower scalar ag.funcs to the LLVM dialect";
  let description = [{
    `--ag-lower-to-arith`, then the upstream conversions of `scf`, `cf`,
    `math`, `arith` and `func` to the LLVM dialect: the module the native
    backend hands to `mlir::ExecutionEngine`. Fails if a function was
    declined (the remark says which op) and the module therefore still
    holds `ag` ops.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::cf::ControlFlowDialect",
                           "mlir::func::FuncDialect",
                           "mlir::LLVM::LLVMDialect",
                           "mlir::math::MathDialect",
                           "mlir::scf::SCFDialect"];
}

#endif // AG_NATIVE_PASSES_TD
