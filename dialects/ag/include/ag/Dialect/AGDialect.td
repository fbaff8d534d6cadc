//===- AGDialect.td - The ag dialect -----------------------*- tablegen -*-===//
//
// The dialect definition, the base op class and the type constraints every
// ag op uses.
//
//===----------------------------------------------------------------------===//

#ifndef AG_DIALECT_AGDIALECT_TD
#define AG_DIALECT_AGDIALECT_TD

include "mlir/IR/OpBase.td"

def AG_Dialect : Dialect {
  let name = "ag";
  let cppNamespace = "::ag::ir";
  let summary = "Lazily evaluated graphs traced from eager C++ functions";
  let description = [{
    The `ag` dialect is the graph form of a C++ function marked `AG_CONVERT`.
    Values are ranked builtin tensors whose element type is one of `i1`,
    `i32`, `i64`, `f32` or `f64`; a 0-d tensor is a scalar. Shapes are static
    except where a size is only known at evaluation: the first dimension of a
    stacked `!ag.list` (`tensor<?x3xf64>`). Binary elementwise ops take
    operands of equal type, or one 0-d operand that is broadcast against the
    other; kernels check the actual shapes of dynamic operands.

    Side effects (`ag.print`, `ag.assert`, `ag.check_numerics`) consume and
    produce a `!ag.token`, so the graph carries their program order as data
    dependences and each runs once, only on the paths that reach it.

    Control flow is structured: `ag.if`, `ag.while` and `ag.for` hold
    single-block regions terminated by `ag.yield` / `ag.condition`, in the
    manner of the `scf` dialect. Functions are `ag.func`, called with `ag.call`
    and inlined by the upstream `inline` pass.

    Example:

    ```mlir
    ag.func @collatz(%a: tensor<i64>) -> tensor<i64> {
      %zero = ag.constant dense<0> : tensor<i64>
      %one = ag.constant dense<1> : tensor<i64>
      %r:2 = ag.while (%x = %a, %n = %zero) : (tensor<i64>, tensor<i64>)
                                          -> (tensor<i64>, tensor<i64>) {
        %go = ag.cmp ne, %x, %one : tensor<i64>
        ag.condition %go(%x, %n : tensor<i64>, tensor<i64>)
      } do {
      ^bb0(%x: tensor<i64>, %n: tensor<i64>):
        %two = ag.constant dense<2> : tensor<i64>
        %m = ag.rem %x, %two : tensor<i64>
        %even = ag.cmp eq, %m, %zero : tensor<i64>
        %next = ag.if %even -> (tensor<i64>) {
          %h = ag.div %x, %two : tensor<i64>
          ag.yield %h : tensor<i64>
        } else {
          %three = ag.constant dense<3> : tensor<i64>
          %t = ag.mul %three, %x : tensor<i64>
          %u = ag.add %t, %one : tensor<i64>
          ag.yield %u : tensor<i64>
        }
        %n1 = ag.add %n, %one : tensor<i64>
        ag.yield %next, %n1 : tensor<i64>, tensor<i64>
      }
      ag.return %r#1 : tensor<i64>
    }
    ```
  }];
  let useDefaultTypePrinterParser = 1;
  let hasConstantMaterializer = 1;
  let extraClassDeclaration = [{
    void registerTypes();
  }];
}

class AG_Op<string mnemonic, list<Trait> traits = []>
    : Op<AG_Dialect, mnemonic, traits>;

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

// Every tensor computed by the graph: a ranked tensor of one of the five
// element types the runtime implements. Dimensions are static except the
// first one of a stacked list (ag.list_stack).
def AG_Tensor : RankedTensorOf<[I1, I32, I64, F32, F64]>;
def AG_NumTensor : RankedTensorOf<[I32, I64, F32, F64]>;
def AG_FloatTensor : RankedTensorOf<[F32, F64]>;
def AG_BoolTensor : RankedTensorOf<[I1]>;
def AG_IntTensor : RankedTensorOf<[I32, I64]>;
def AG_IntOrBoolTensor : RankedTensorOf<[I1, I32, I64]>;
// Conditions and loop bounds: buildable so assembly formats can leave them
// untyped.
def AG_BoolScalar : 0DTensorOf<[I1]>,
    BuildableType<"::mlir::RankedTensorType::get({}, $_builder.getI1Type())">;
def AG_I64Scalar : 0DTensorOf<[I64]>,
    BuildableType<"::mlir::RankedTensorType::get({}, "
                  "$_builder.getIntegerType(64))">;

#endif // AG_DIALECT_AGDIALECT_TD
