//===- AGOps.td - ag dialect operations --------------------*- tablegen -*-===//

#ifndef AG_DIALECT_AGOPS_TD
#define AG_DIALECT_AGOPS_TD

include "ag/Dialect/AGDialect.td"
include "ag/Dialect/AGTypes.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/CallInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/FunctionInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/LoopLikeInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

// The state the effect ops write (stdout, the assertion state). Declaring a
// write on it keeps DCE and CSE away from them.
def AG_EffectResource : Resource<"::ag::ir::EffectResource">;
def AG_Effect : MemoryEffects<[MemWrite<AG_EffectResource>]>;

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

def AG_ConstantOp : AG_Op<"constant",
    [ConstantLike, Pure, InferTypeOpAdaptor]> {
  let summary = "a constant tensor";
  let description = [{
    Materializes a dense constant. The result type is the attribute's type,
    which must be a statically shaped tensor of an ag element type. Only
    `dense<...>` literals are accepted (not sparse or resource elements), so
    consumers may read `getValue()` as a `DenseElementsAttr`.

    Example:

    ```mlir
    %c = ag.constant dense<3> : tensor<i64>
    %v = ag.constant dense<[1.0, 2.5]> : tensor<2xf32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs AG_Tensor:$result);
  let assemblyFormat = "$value attr-dict";
  let hasFolder = 1;
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Binary elementwise ops
//===----------------------------------------------------------------------===//

// `lhs` and `rhs` have the same element type and either the same shape or one
// of them is 0-d; the result has the other operand's type. The type after `:`
// is written once when both operands share it.
class AG_BinaryOp<string mnemonic, Type operandType, list<Trait> traits = []>
    : AG_Op<mnemonic, traits # [InferTypeOpAdaptor]> {
  let arguments = (ins operandType:$lhs, operandType:$rhs);
  let results = (outs operandType:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` custom<BinaryTypes>(type($lhs), type($rhs))
  }];
  let hasFolder = 1;
}

class AG_ArithOp<string mnemonic, string what, string cpp,
                 list<Trait> traits = [Pure]>
    : AG_BinaryOp<mnemonic, AG_NumTensor, traits> {
  let summary = "elementwise " # what;
  let description = [{
    Computes `lhs }] # cpp # [{ rhs` elementwise with C++ semantics for the
    element type. A 0-d operand is broadcast against the other one.

    Example:

    ```mlir
    %r = ag.}] # mnemonic # [{ %a, %b : tensor<4xf32>
    %s = ag.}] # mnemonic # [{ %v, %k : tensor<3xi64>, tensor<i64>
    ```
  }];
}

def AG_AddOp : AG_ArithOp<"add", "addition", "+", [Pure, Commutative]>;
def AG_SubOp : AG_ArithOp<"sub", "subtraction", "-">;
def AG_MulOp : AG_ArithOp<"mul", "multiplication", "*", [Pure, Commutative]>;

// Integer division and remainder fail at run time on a zero divisor (and on
// INT_MIN / -1), so they are not speculatable: they must not be hoisted out
// of the branch or loop that guards them.
def AG_DivOp : AG_ArithOp<"div", "division", "/",
    [NoMemoryEffect, DeclareOpInterfaceMethods<ConditionallySpeculatable>]> {
  let description = [{
    Computes `lhs / rhs` elementwise. Integer division truncates toward zero
    as in C++; a zero divisor (or `INT_MIN / -1`) is a run-time error, so the
    op is speculatable only for floats or a constant non-zero divisor, and
    the folder never folds it. Float division follows IEEE 754.

    Example:

    ```mlir
    %q = ag.div %a, %b : tensor<i64>
    ```
  }];
}
def AG_RemOp : AG_ArithOp<"rem", "remainder", "%",
    [NoMemoryEffect, DeclareOpInterfaceMethods<ConditionallySpeculatable>]> {
  let description = [{
    Computes the remainder of `lhs / rhs` elementwise: C++ `%` for integers
    (sign of the dividend; a zero divisor is a run-time error, never folded)
    and `std::fmod` for floats.

    Example:

    ```mlir
    %m = ag.rem %a, %b : tensor<i64>
    ```
  }];
}
def AG_PowOp : AG_ArithOp<"pow", "power", "**",
    [NoMemoryEffect, DeclareOpInterfaceMethods<ConditionallySpeculatable>]> {
  let description = [{
    Raises `lhs` to the power `rhs` elementwise (`std::pow` for floats). An
    integer power with a negative exponent is a run-time error, so the op is
    speculatable only for a float result or a constant non-negative integer
    exponent.

    Example:

    ```mlir
    %p = ag.pow %x, %two : tensor<3xf64>, tensor<f64>
    ```
  }];
}
def AG_MinOp : AG_ArithOp<"min", "minimum", "min", [Pure]> {
  let description = [{
    Elementwise minimum of `lhs` and `rhs` as `std::min` computes it:
    `rhs < lhs ? rhs : lhs`. Not commutative: `min(-0.0, 0.0)` is `-0.0`,
    `min(0.0, -0.0)` is `0.0`, and a NaN is the result only when it is
    `lhs`.

    Example:

    ```mlir
    %m = ag.min %a, %b : tensor<i32>
    ```
  }];
}
def AG_MaxOp : AG_ArithOp<"max", "maximum", "max", [Pure]> {
  let description = [{
    Elementwise maximum of `lhs` and `rhs` as `std::max` computes it:
    `lhs < rhs ? rhs : lhs` (not commutative, like `ag.min`).

    Example:

    ```mlir
    %m = ag.max %a, %b : tensor<i32>
    ```
  }];
}

class AG_LogicalOp<string mnemonic, string what, list<Trait> traits = []>
    : AG_BinaryOp<mnemonic, AG_IntOrBoolTensor, traits # [Pure, Commutative]> {
  let summary = "elementwise logical or bitwise " # what;
  let description = [{
    Elementwise logical }] # what # [{ of two `i1` tensors, or bitwise of two
    integer tensors, as C++'s operator (equal shapes, or one 0-d operand
    broadcast against the other). Short-circuit evaluation is expressed
    with `ag.if`, not with this op: both operands are computed.

    Example:

    ```mlir
    %r = ag.}] # mnemonic # [{ %a, %b : tensor<i1>
    %m = ag.}] # mnemonic # [{ %x, %k : tensor<4xi32>, tensor<i32>
    ```
  }];
}

def AG_AndOp : AG_LogicalOp<"and", "and">;
def AG_OrOp : AG_LogicalOp<"or", "or">;
def AG_XorOp : AG_LogicalOp<"xor", "exclusive or">;

// A shift count below 0 or not below the width is a run-time error, so the
// shifts are speculatable only by a constant count in range.
class AG_ShiftOp<string mnemonic, string cpp>
    : AG_BinaryOp<mnemonic, AG_IntTensor,
        [NoMemoryEffect, DeclareOpInterfaceMethods<ConditionallySpeculatable>]> {
  let summary = "elementwise shift (C++ `" # cpp # "`)";
  let description = [{
    Computes `lhs }] # cpp # [{ rhs` on integer tensors. A count below 0 or
    not below the bit width (undefined in C++) is a run-time error at the
    op's location, never folded; otherwise `<<` wraps (C++20) and `>>` is
    arithmetic.

    Example:

    ```mlir
    %r = ag.}] # mnemonic # [{ %x, %k : tensor<4xi64>, tensor<i64>
    ```
  }];
}
def AG_ShlOp : AG_ShiftOp<"shl", "<<">;
def AG_ShrOp : AG_ShiftOp<"shr", ">>">;

def AG_CmpPredicate : I64EnumAttr<"CmpPredicate", "ag.cmp predicate", [
    I64EnumAttrCase<"eq", 0>, I64EnumAttrCase<"ne", 1>,
    I64EnumAttrCase<"lt", 2>, I64EnumAttrCase<"le", 3>,
    I64EnumAttrCase<"gt", 4>, I64EnumAttrCase<"ge", 5>]> {
  let cppNamespace = "::ag::ir";
}

def AG_CmpOp : AG_Op<"cmp", [Pure, InferTypeOpAdaptor]> {
  let summary = "elementwise comparison";
  let description = [{
    Compares `lhs` and `rhs` elementwise with the C++ operator named by the
    predicate (`eq` `==`, `ne` `!=`, `lt` `<`, `le` `<=`, `gt` `>`, `ge`
    `>=`; comparisons involving a float NaN are false except `ne`). Operands
    follow the binary broadcasting rule; the result is an `i1` tensor of the
    broadcast shape.

    Example:

    ```mlir
    %lt = ag.cmp lt, %a, %b : tensor<i64>
    %pos = ag.cmp gt, %v, %zero : tensor<4xf32>, tensor<f32>
    ```
  }];
  let arguments = (ins AG_CmpPredicate:$predicate, AG_Tensor:$lhs,
                       AG_Tensor:$rhs);
  let results = (outs AG_BoolTensor:$result);
  let assemblyFormat = [{
    $predicate `,` $lhs `,` $rhs attr-dict `:`
    custom<BinaryTypes>(type($lhs), type($rhs))
  }];
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Unary elementwise ops
//===----------------------------------------------------------------------===//

class AG_UnaryOp<string mnemonic, Type type, string what, string cpp>
    : AG_Op<mnemonic, [Pure, SameOperandsAndResultType]> {
  let summary = "elementwise " # what;
  let description = [{
    Computes `}] # cpp # [{` elementwise; the result has the operand's type.

    Example:

    ```mlir
    %r = ag.}] # mnemonic # [{ %x : }] #
      !if(!eq(type, AG_BoolTensor), "tensor<3xi1>", "tensor<3xf32>") # [{
    ```
  }];
  let arguments = (ins type:$input);
  let results = (outs type:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasFolder = 1;
}

def AG_NegOp : AG_UnaryOp<"neg", AG_NumTensor, "negation", "-x">;
def AG_AbsOp : AG_UnaryOp<"abs", AG_NumTensor, "absolute value", "std::abs(x)">;
def AG_ExpOp : AG_UnaryOp<"exp", AG_FloatTensor, "exponential", "std::exp(x)">;
def AG_LogOp : AG_UnaryOp<"log", AG_FloatTensor, "natural logarithm",
                          "std::log(x)">;
def AG_SqrtOp : AG_UnaryOp<"sqrt", AG_FloatTensor, "square root",
                           "std::sqrt(x)">;
def AG_TanhOp : AG_UnaryOp<"tanh", AG_FloatTensor, "hyperbolic tangent",
                           "std::tanh(x)">;
def AG_FloorOp : AG_UnaryOp<"floor", AG_FloatTensor, "floor", "std::floor(x)">;
def AG_NotOp : AG_UnaryOp<"not", AG_BoolTensor, "logical not", "!x">;
def AG_BitNotOp : AG_UnaryOp<"bitnot", AG_IntTensor, "bitwise not", "~x">;
def AG_CeilOp : AG_UnaryOp<"ceil", AG_FloatTensor, "ceiling", "std::ceil(x)">;
def AG_RoundOp : AG_UnaryOp<"round", AG_FloatTensor,
    "rounding (halfway cases away from zero)", "std::round(x)">;
def AG_SinOp : AG_UnaryOp<"sin", AG_FloatTensor, "sine", "std::sin(x)">;
def AG_CosOp : AG_UnaryOp<"cos", AG_FloatTensor, "cosine", "std::cos(x)">;
def AG_SigmoidOp : AG_UnaryOp<"sigmoid", AG_FloatTensor, "logistic sigmoid",
                              "1 / (1 + std::exp(-x))">;
def AG_SignOp : AG_UnaryOp<"sign", AG_NumTensor, "sign",
    "x > 0 ? 1 : x < 0 ? -1 : x">;

// Predicates: an i1 tensor of the operand's shape.
class AG_PredicateOp<string mnemonic, string what, string cpp>
    : AG_Op<mnemonic, [Pure, InferTypeOpAdaptor]> {
  let summary = "elementwise " # what;
  let description = [{
    Computes `}] # cpp # [{` elementwise (false / true for integers); the
    result is an `i1` tensor of the operand's shape.

    Example:

    ```mlir
    %r = ag.}] # mnemonic # [{ %x : tensor<3xf32>
    ```
  }];
  let arguments = (ins AG_NumTensor:$input);
  let results = (outs AG_BoolTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasFolder = 1;
}
def AG_IsNanOp : AG_PredicateOp<"isnan", "NaN test", "std::isnan(x)">;
def AG_IsFiniteOp : AG_PredicateOp<"isfinite", "finiteness test",
                                   "std::isfinite(x)">;

//===----------------------------------------------------------------------===//
// Selection, conversion and shape ops
//===----------------------------------------------------------------------===//

def AG_SelectOp : AG_Op<"select",
    [Pure, AllTypesMatch<["true_value", "false_value", "result"]>]> {
  let summary = "elementwise choice between two values";
  let description = [{
    Picks `true_value` where `cond` is true and `false_value` elsewhere.
    `cond` has the values' shape or is 0-d (then it picks a whole value).
    Both values are computed: use `ag.if` when one of them must not be.

    Example:

    ```mlir
    %m = ag.select %c, %a, %b : tensor<i1>, tensor<3xf32>
    %e = ag.select %mask, %a, %b : tensor<3xi1>, tensor<3xf32>
    ```
  }];
  let arguments = (ins AG_BoolTensor:$cond, AG_Tensor:$true_value,
                       AG_Tensor:$false_value);
  let results = (outs AG_Tensor:$result);
  let assemblyFormat = [{
    $cond `,` $true_value `,` $false_value attr-dict `:` type($cond) `,`
    type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

// A float-to-integer cast fails at run time for a value outside the
// integer type's range: it is not speculated past the guard that tests it.
def AG_CastOp : AG_Op<"cast", [NoMemoryEffect,
    DeclareOpInterfaceMethods<ConditionallySpeculatable>]> {
  let summary = "elementwise element type conversion";
  let description = [{
    Converts each element with C++ `static_cast` semantics: floats to
    integers truncate toward zero, anything to `i1` means `!= 0`, `i1` to a
    number gives 0 or 1. A float whose truncation is outside the integer
    type's range (NaN, infinities, `3e9` to `i32`), undefined in C++, is a
    run-time error. The shape is unchanged, except that the result type
    may make a static dimension dynamic (`tensor<0x3xf64>` to
    `tensor<?x3xf64>`), so a value can meet the result of `ag.list_stack`.

    Example:

    ```mlir
    %f = ag.cast %i : tensor<3xi64> to tensor<3xf32>
    ```
  }];
  let arguments = (ins AG_Tensor:$input);
  let results = (outs AG_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

// A dynamic dimension (of the input or a `like` operand) is checked at run
// time.
def AG_BroadcastOp : AG_Op<"broadcast", [NoMemoryEffect,
    DeclareOpInterfaceMethods<ConditionallySpeculatable>]> {
  let summary = "broadcast to a larger shape";
  let description = [{
    Broadcasts `input` with numpy rules: shapes are aligned on their
    trailing dimensions, and each input dimension equals the result's or is
    1. The element type is unchanged.

    Without `like` operands the result shape is the static result type's; a
    dynamic input dimension is checked when the graph runs (`ag::broadcast_to`
    of a stacked list).

    With `like` operands the result shape is the numpy broadcast of the
    shapes of `input` and of every `like` operand, computed when the graph
    runs (only their shapes are read). The result type is that broadcast of
    the operand types: a dimension is `?` where the size is known only at run
    time, i.e. where every operand has `?` or 1 there and one has `?`. This
    is how a scalar or a smaller value meets a value of a dynamic shape
    (`ag::where(x > 0, 0.0, x)` for `x : tensor<?xf64>`).

    Only a static input without `like` operands is speculatable: otherwise
    the shapes may not broadcast.

    Example:

    ```mlir
    %b = ag.broadcast %row : tensor<3xf32> to tensor<2x3xf32>
    %z = ag.broadcast %zero like %x : tensor<f64> to tensor<?xf64> like tensor<?xf64>
    ```
  }];
  let arguments = (ins AG_Tensor:$input, Variadic<AG_Tensor>:$like);
  let results = (outs AG_Tensor:$result);
  let assemblyFormat = [{
    $input (`like` $like^)? attr-dict `:` type($input) `to` type($result)
    (`like` type($like)^)?
  }];
  let builders = [
    OpBuilder<(ins "::mlir::Type":$result, "::mlir::Value":$input), [{
      build($_builder, $_state, result, input, ::mlir::ValueRange());
    }]>
  ];
  let hasVerifier = 1;
  let hasFolder = 1;
}

// An out-of-range index fails at run time, so the op is not speculatable;
// having no memory effect, it is still removed when unused.
def AG_IndexOp : AG_Op<"index", [NoMemoryEffect,
    DeclareOpInterfaceMethods<ConditionallySpeculatable>, InferTypeOpAdaptor]> {
  let summary = "a row along the first dimension";
  let description = [{
    Returns `source[index]`: the row at `index` along dimension 0, of type
    `tensor<shape[1:]>`. An index outside `[0, shape[0])` is a run-time
    error. The op has no memory effect (an unused one is removed) but is only
    speculatable for a constant in-range index, so it is never hoisted out of
    the branch or loop that guards it.

    Example:

    ```mlir
    %row = ag.index %m[%i] : tensor<4x3xf32>
    ```
  }];
  let arguments = (ins AG_Tensor:$source, AG_I64Scalar:$index);
  let results = (outs AG_Tensor:$result);
  let assemblyFormat = "$source `[` $index `]` attr-dict `:` type($source)";
  let hasFolder = 1;
}

// Like ag.index: an out-of-range index fails at run time.
def AG_SetIndexOp : AG_Op<"set_index", [NoMemoryEffect,
    DeclareOpInterfaceMethods<ConditionallySpeculatable>,
    AllTypesMatch<["source", "result"]>]> {
  let summary = "a tensor with one row along the first dimension replaced";
  let description = [{
    Returns `source` with the row at `index` along dimension 0 replaced by
    `value` (`t[i] = v` in C++; `source` itself is unchanged, tensors are
    values). `value` has the row type `tensor<shape[1:]>` of `source`: the
    tracer converts and broadcasts the assigned value first. An index
    outside `[0, shape[0])` is a run-time error, so the op is only
    speculatable for a constant in-range index.

    Example:

    ```mlir
    %m2 = ag.set_index %m[%i], %row : tensor<4x3xf32>, tensor<3xf32>
    %v2 = ag.set_index %v[%i], %x : tensor<?xi64>, tensor<i64>
    ```
  }];
  let arguments = (ins AG_Tensor:$source, AG_I64Scalar:$index,
                       AG_Tensor:$value);
  let results = (outs AG_Tensor:$result);
  let assemblyFormat = [{
    $source `[` $index `]` `,` $value attr-dict `:` type($source) `,`
    type($value)
  }];
  let hasVerifier = 1;
}

def AG_ReduceSumOp : AG_Op<"reduce_sum", [Pure, InferTypeOpAdaptor]> {
  let summary = "sum of all elements";
  let description = [{
    Sums every element of `input` into a 0-d tensor of the same element type.

    Example:

    ```mlir
    %s = ag.reduce_sum %v : tensor<8xf64>
    ```
  }];
  let arguments = (ins AG_NumTensor:$input);
  let results = (outs AG_NumTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasFolder = 1;
}

def AG_StackOp : AG_Op<"stack", [Pure, SameTypeOperands, InferTypeOpAdaptor]> {
  let summary = "stack values along a new first dimension";
  let description = [{
    Stacks `N >= 1` values of one type `tensor<S>` into `tensor<NxS>`. The
    operand type is written once.

    Example:

    ```mlir
    %m = ag.stack %a, %b, %c : tensor<3xf32>
    ```
  }];
  let arguments = (ins Variadic<AG_Tensor>:$inputs);
  let results = (outs AG_Tensor:$result);
  let assemblyFormat = [{
    $inputs attr-dict `:` custom<SameTypes>(ref($inputs), type($inputs))
  }];
  let hasFolder = 1;
}

def AG_DimOp : AG_Op<"dim", [Pure]> {
  let summary = "the size of one dimension";
  let description = [{
    Returns the size of dimension `index` of `source` as a 0-d `i64`. Folds
    to a constant when the dimension is static; a dynamic one (the first
    dimension of a stacked list) is read at evaluation. `ag.for` over the
    rows of a stacked list takes its trip count from it.

    Example:

    ```mlir
    %n = ag.dim %m, 0 : tensor<?x3xf64>
    ```
  }];
  let arguments = (ins AG_Tensor:$source, I64Attr:$index);
  let results = (outs AG_I64Scalar:$result);
  let assemblyFormat = "$source `,` $index attr-dict `:` type($source)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

// The op library (issue 13): reductions over axes, matrix products,
// transposes and reshapes. Verification, folding and canonicalization live
// in AGLibraryOps.cpp.

def AG_ReductionKind : I64EnumAttr<"ReductionKind", "ag.reduce kind", [
    I64EnumAttrCase<"sum", 0>, I64EnumAttrCase<"prod", 1>,
    I64EnumAttrCase<"mean", 2>, I64EnumAttrCase<"min", 3>,
    I64EnumAttrCase<"max", 4>, I64EnumAttrCase<"any", 5>,
    I64EnumAttrCase<"all", 6>, I64EnumAttrCase<"argmin", 7>,
    I64EnumAttrCase<"argmax", 8>]> {
  let cppNamespace = "::ag::ir";
}

// min, max, argmin and argmax of an empty extent fail at run time: the op is
// speculatable only when every reduced dimension is static and non-zero.
def AG_ReduceOp : AG_Op<"reduce", [NoMemoryEffect,
    DeclareOpInterfaceMethods<ConditionallySpeculatable>, InferTypeOpAdaptor]> {
  let summary = "reduction over a set of axes";
  let description = [{
    Reduces `input` over `axes` (sorted, distinct, in `[0, rank)`; all of
    them to reduce every element). The reduced dimensions are dropped, or
    kept with size 1 with `keepdims`. Operand and result element types:
    `sum` and `prod` take numbers (integers wrap) and `mean` floats, all
    three keeping the element type; `min` and `max` take any element type
    (a NaN wins); `any` and `all` take and give `i1`; `argmin` and `argmax`
    take any element type and give the `i64` position of the first extreme
    along one axis, or in the row-major flattening when `axes` lists every
    dimension. The empty sum is 0, the empty product 1, the empty mean NaN;
    `min`, `max`, `argmin` and `argmax` of an empty extent are run-time
    errors. Integer and `i1` reductions and float `min`/`max`/`argmin`/
    `argmax` of constants fold; float sums, products and means do not (their
    value depends on the kernel's summation order: floats are added in
    eight interleaved partial sums, `ag.reduce_sum` adds them in one pass).
    An integer `sum` over every axis without `keepdims` canonicalizes to
    `ag.reduce_sum`; a float one does not, since that would change its bits.

    Example:

    ```mlir
    %s = ag.reduce sum %m over [1] : tensor<2x3xf64>
    %k = ag.reduce max %m over [0] keepdims : tensor<2x3xf64>
    %i = ag.reduce argmax %v over [0] : tensor<?xf32>
    ```
  }];
  let arguments = (ins AG_ReductionKind:$kind, AG_Tensor:$input,
                       DenseI64ArrayAttr:$axes, UnitAttr:$keepdims);
  let results = (outs AG_Tensor:$result);
  let assemblyFormat = [{
    $kind $input `over` $axes (`keepdims` $keepdims^)? attr-dict `:`
    type($input)
  }];
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

// Mismatched dimensions known only at run time fail there.
def AG_MatmulOp : AG_Op<"matmul", [NoMemoryEffect,
    DeclareOpInterfaceMethods<ConditionallySpeculatable>, InferTypeOpAdaptor]> {
  let summary = "matrix product";
  let description = [{
    numpy `matmul` for operands of rank 1 to 3 and one numeric element
    type: `[n] x [n]` gives a 0-d dot product, `[m,k] x [k]` and `[k] x
    [k,n]` vectors, `[m,k] x [k,n]` a matrix, and a rank-3 operand a batch
    of products (`[b,m,k] x [b,k,n]`, or shared with a rank-2 operand).
    Static inner (and batch) dimensions must agree; dynamic ones are checked
    when the graph runs. Integer products wrap. Integer products of small
    constants fold (float ones keep the kernel's summation order).

    Example:

    ```mlir
    %c = ag.matmul %a, %b : tensor<2x3xf64>, tensor<3x4xf64>
    %d = ag.matmul %u, %v : tensor<3xf64>
    ```
  }];
  let arguments = (ins AG_NumTensor:$lhs, AG_NumTensor:$rhs);
  let results = (outs AG_NumTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` custom<BinaryTypes>(type($lhs), type($rhs))
  }];
  let hasFolder = 1;
}

def AG_TransposeOp : AG_Op<"transpose", [Pure, InferTypeOpAdaptor]> {
  let summary = "permute dimensions";
  let description = [{
    Result dimension `i` is `input`'s dimension `permutation[i]`. An
    identity permutation folds away, a constant input folds, and a transpose
    of a transpose becomes one transpose.

    Example:

    ```mlir
    %t = ag.transpose %m [1, 0] : tensor<2x3xf32>
    ```
  }];
  let arguments = (ins AG_Tensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs AG_Tensor:$result);
  let assemblyFormat = "$input $permutation attr-dict `:` type($input)";
  let hasFolder = 1;
}

// An element count known only at run time may not match.
def AG_ReshapeOp : AG_Op<"reshape", [NoMemoryEffect,
    DeclareOpInterfaceMethods<ConditionallySpeculatable>]> {
  let summary = "the same elements with another shape";
  let description = [{
    Returns `input`'s elements in row-major order with the result type's
    shape; the element types are equal. At most one result dimension may be
    dynamic: the runtime computes it from the element count. When both
    shapes are static the element counts must be equal; otherwise a
    mismatch is a run-time error. A reshape of a reshape reshapes the
    original value, a reshape to the same type folds away, and a constant
    input folds.

    Example:

    ```mlir
    %f = ag.reshape %m : tensor<2x3xf64> to tensor<6xf64>
    %g = ag.reshape %l : tensor<?x3xf64> to tensor<?xf64>
    ```
  }];
  let arguments = (ins AG_Tensor:$input);
  let results = (outs AG_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

// Dimensions other than the axis, known only at run time, may differ.
def AG_ConcatOp : AG_Op<"concat", [NoMemoryEffect,
    DeclareOpInterfaceMethods<ConditionallySpeculatable>, InferTypeOpAdaptor]> {
  let summary = "join tensors along an axis";
  let description = [{
    Joins `N >= 1` tensors of one element type and one rank `>= 1` along
    `axis` (in `[0, rank)`): the result's `axis` dimension is the sum of the
    operands', the other dimensions are the operands' (which must agree;
    dynamic ones are checked when the graph runs). One operand folds to
    itself, constant operands fold.

    Example:

    ```mlir
    %c = ag.concat %a, %b along 1 : tensor<2x3xf32>, tensor<2x1xf32>
    %l = ag.concat %u, %v along 0 : tensor<?xf64>, tensor<4xf64>
    ```
  }];
  let arguments = (ins Variadic<AG_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs AG_Tensor:$result);
  let assemblyFormat = "$inputs `along` $axis attr-dict `:` type($inputs)";
  let hasFolder = 1;
}

// Bounds against a dynamic dimension are checked at run time.
def AG_SliceOp : AG_Op<"slice", [NoMemoryEffect,
    DeclareOpInterfaceMethods<ConditionallySpeculatable>, InferTypeOpAdaptor]> {
  let summary = "a strided sub-tensor";
  let description = [{
    NumPy's `input[start0:stop0:step0, start1:stop1:step1, ...]` with one
    entry per dimension in each of `start`, `stop` and `step`, resolved as
    Python's `slice.indices` does, except that bounds out of range are
    an error (not clamped): a negative bound counts from the end of the
    dimension, then a positive step needs both bounds in [0, n] and a
    negative one (which walks backwards) in [-1, n - 1], -1 meaning
    before the first element. A stop of 9223372036854775807 (`ag::kEnd`,
    INT64_MAX) is NumPy's omitted stop: the end, or past the first element
    for a negative step. Bounds out of range of a static dimension, and a
    zero step, do not verify; of a dynamic one, they are an evaluation
    error. A result dimension is
    static when the input's is (or when both bounds of a dynamic one count
    from the same end and are crossed: empty). A slice taking every element
    folds away, a constant input folds.

    Example:

    ```mlir
    %w = ag.slice %v [2] to [5] step [1] : tensor<8xf64>
    %e = ag.slice %m [0, 1] to [9223372036854775807, 4] step [2, 1] : tensor<?x4xf32>
    ```
  }];
  let arguments = (ins AG_Tensor:$input, DenseI64ArrayAttr:$start,
                       DenseI64ArrayAttr:$stop, DenseI64ArrayAttr:$step);
  let results = (outs AG_Tensor:$result);
  let assemblyFormat = [{
    $input $start `to` $stop `step` $step attr-dict `:` type($input)
  }];
  let hasFolder = 1;
}

// An index out of range fails at run time: not speculatable.
def AG_GatherOp : AG_Op<"gather", [NoMemoryEffect, InferTypeOpAdaptor]> {
  let summary = "elements at a tensor of positions along an axis";
  let description = [{
    NumPy's `take(input, indices, axis)`: the result has `input`'s
    dimensions with dimension `axis` (in `[0, rank)`) replaced by the
    dimensions of `indices`, and `result[..., j..., ...]` is
    `input[..., indices[j...], ...]`. An index outside `[0, shape[axis])` is
    a run-time error (no negative indices, as `ag.index`), so the op is
    never hoisted out of the branch or loop that guards it. Constant
    operands with indices in range fold.

    Example:

    ```mlir
    %rows = ag.gather %table[%ids] along 0 : tensor<100x16xf32>, tensor<?xi64>
    ```
  }];
  let arguments = (ins AG_Tensor:$input, AG_IntTensor:$indices, I64Attr:$axis);
  let results = (outs AG_Tensor:$result);
  let assemblyFormat = [{
    $input `[` $indices `]` `along` $axis attr-dict `:` type($input) `,`
    type($indices)
  }];
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Lists
//===----------------------------------------------------------------------===//

def AG_ListNewOp : AG_Op<"list_new", [Pure]> {
  let summary = "an empty list";
  let description = [{
    Produces an empty `!ag.list`: the value of a `std::vector<ag::Tensor>`
    declared before the staged code that appends to it.

    Example:

    ```mlir
    %l = ag.list_new
    ```
  }];
  let results = (outs AG_ListType:$result);
  let assemblyFormat = "attr-dict";
  let builders = [OpBuilder<(ins), [{
    $_state.addTypes(ListType::get($_builder.getContext()));
  }]>];
}

def AG_ListPushOp : AG_Op<"list_push", [Pure]> {
  let summary = "a list with one more element";
  let description = [{
    Returns `list` with `value` appended; `list` itself is unchanged (lists
    are values). Tracing guarantees that all elements of one list share a
    dtype and shape.

    Example:

    ```mlir
    %l1 = ag.list_push %l0, %x : tensor<3xf64>
    ```
  }];
  let arguments = (ins AG_ListType:$list, AG_Tensor:$value);
  let results = (outs AG_ListType:$result);
  let assemblyFormat = "$list `,` $value attr-dict `:` type($value)";
  let builders = [OpBuilder<(ins "::mlir::Value":$list, "::mlir::Value":$value), [{
    build($_builder, $_state, ListType::get($_builder.getContext()), list,
          value);
  }]>];
}

// Fails at run time on an empty list or an element of another type, so it
// is not speculatable; having no memory effect, it is still removed when
// unused.
def AG_ListStackOp : AG_Op<"list_stack", [NoMemoryEffect,
    DeclareOpInterfaceMethods<ConditionallySpeculatable>]> {
  let summary = "stack the elements of a list along a new first dimension";
  let description = [{
    Stacks the `N >= 1` elements of `list`, each of type `tensor<S>`, into a
    `tensor<?xS>` (the number of elements is known at evaluation). The result
    type names the element type; an empty list or an element of another
    dtype or shape is a run-time error, like `ag::stack` of such a vector.

    With `declared` the element type was declared by the program
    (`ag::stack(v, ag::Float64, {3})`): an empty list then gives a
    `tensor<0xS>`, as NumPy and TensorFlow do given the element type, and an
    element of another type is still an error.

    Example:

    ```mlir
    %m = ag.list_stack %l : tensor<?x3xf64>
    %e = ag.list_stack %l declared : tensor<?xi64>
    ```
  }];
  let arguments = (ins AG_ListType:$list, UnitAttr:$declared);
  let results = (outs AG_Tensor:$result);
  let assemblyFormat = "$list (`declared` $declared^)? attr-dict `:` type($result)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Nodes: calls of the user's AG_NODE functions on host values
//===----------------------------------------------------------------------===//

def AG_NodeOp : AG_Op<"node", [
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>,
    DeclareOpInterfaceMethods<ConditionallySpeculatable>]> {
  let summary = "a call of a registered AG_NODE function";
  let description = [{
    Calls the C++ function registered under `callee` (its fully qualified
    name; never an address) on `operands` and yields its results: host
    values (`!ag.host<"T">`) and 0-d tensors for arithmetic values. The
    runtime runs it lazily, at most once per evaluation, in parallel with
    independent nodes. A node may throw, so it is never speculated (hoisted
    out of a branch); a pure one that nothing uses is removed.

    With `effect` the node has effects (AG_NODE_EFFECT): its first operand
    is the effect token and its last result the next token, so it runs in
    program order with `ag.print` and `ag.assert`, exactly once, on taken
    paths.

    `packs`, when present, gives per C++ parameter the number of operands
    it takes as one `std::vector` (fan-in of `n` values), or -1 for a
    parameter taking a single operand.

    Example:

    ```mlir
    %t = ag.node "load"(%p) : (!ag.host<"std::string">) -> !ag.host<"Table">
    %t1, %f = ag.node "save" effect(%t0, %t) : (!ag.token, !ag.host<"Table">) -> (!ag.token, tensor<f64>)
    ```
  }];
  let arguments = (ins StrAttr:$callee, UnitAttr:$effect,
                       OptionalAttr<DenseI32ArrayAttr>:$packs,
                       Variadic<AG_Value>:$operands);
  let results = (outs Variadic<AG_Value>:$results);
  let assemblyFormat = [{
    $callee (`effect` $effect^)? `(` $operands `)` attr-dict `:`
    functional-type($operands, $results)
  }];
  let hasVerifier = 1;
}

def AG_HostConstantOp : AG_Op<"host_constant", [Pure]> {
  let summary = "a host value captured while tracing";
  let description = [{
    A C++ value the twin passed to a node (an argument that is not a graph
    value: a literal, a host variable, a parameter of a host type). The
    value lives in the process that traced the graph, under `id`; `name`
    (the variable, if known) is for diagnostics. A graph holding one cannot
    be saved, since the value cannot be written out.

    Example:

    ```mlir
    %p = ag.host_constant 3 {name = "path"} : !ag.host<"std::string">
    ```
  }];
  let arguments = (ins I64Attr:$id, OptionalAttr<StrAttr>:$name);
  let results = (outs AG_HostType:$result);
  let assemblyFormat = "$id attr-dict `:` qualified(type($result))";
}

//===----------------------------------------------------------------------===//
// Effects
//===----------------------------------------------------------------------===//

def AG_TokenOp : AG_Op<"token", [Pure]> {
  let summary = "the entry token of an effect chain";
  let description = [{
    Produces the token the first effect of a function consumes.

    Example:

    ```mlir
    %t0 = ag.token
    ```
  }];
  let results = (outs AG_TokenType:$result);
  let assemblyFormat = "attr-dict";
  let builders = [OpBuilder<(ins), [{
    $_state.addTypes(TokenType::get($_builder.getContext()));
  }]>];
}

def AG_PrintOp : AG_Op<"print", [AG_Effect]> {
  let summary = "print formatted values";
  let description = [{
    Prints `format` with each `{}` replaced by the next operand, in order. A
    placeholder may carry one printf conversion for a single-element operand,
    as in `{%.3f}` or `{%5d}` (flags, width, precision, and one of
    `d i u x X o f F e E g G a A c s`; no `*`, no `%n`); `{{` and `}}` (and a
    lone `}`) print literal braces. The number of placeholders must equal the
    number of operands. Runs once, after the effect that produced `token`.

    Example:

    ```mlir
    %t1 = ag.print %t0, "x = {}, y = {%.3f}\n", %x, %y : tensor<i64>, tensor<f32>
    %t2 = ag.print %t1, "done\n"
    ```
  }];
  let arguments = (ins AG_TokenType:$token, StrAttr:$format,
                       Variadic<AG_Tensor>:$inputs);
  let results = (outs AG_TokenType:$result_token);
  let assemblyFormat = [{
    $token `,` $format (`,` $inputs^ `:` type($inputs))? attr-dict
  }];
  let hasVerifier = 1;
}

def AG_AssertOp : AG_Op<"assert", [AG_Effect]> {
  let summary = "fail with a message when a condition is false";
  let description = [{
    Raises a run-time error carrying `message` (and the op's location) when
    `cond` is false. A constant true condition folds away.

    Example:

    ```mlir
    %t1 = ag.assert %t0, %ok, "x must be positive"
    ```
  }];
  let arguments = (ins AG_TokenType:$token, AG_BoolScalar:$cond,
                       StrAttr:$message);
  let results = (outs AG_TokenType:$result_token);
  let assemblyFormat = "$token `,` $cond `,` $message attr-dict";
  let hasFolder = 1;
}

def AG_CheckNumericsOp : AG_Op<"check_numerics",
    [AG_Effect, AllTypesMatch<["input", "result"]>]> {
  let summary = "fail when a tensor holds a NaN or an infinity";
  let description = [{
    Returns `input` unchanged, after raising a run-time error carrying
    `message` if any element is NaN or infinite (integers always pass).

    Example:

    ```mlir
    %y, %t1 = ag.check_numerics %t0, %x, "loss" : tensor<f32>
    ```
  }];
  let arguments = (ins AG_TokenType:$token, AG_Tensor:$input,
                       StrAttr:$message);
  let results = (outs AG_Tensor:$result, AG_TokenType:$result_token);
  let assemblyFormat = "$token `,` $input `,` $message attr-dict `:` type($input)";
}

//===----------------------------------------------------------------------===//
// Structured control flow
//===----------------------------------------------------------------------===//

def AG_YieldOp : AG_Op<"yield", [Pure, ReturnLike, Terminator,
    ParentOneOf<["IfOp", "WhileOp", "ForOp", "TryOp"]>]> {
  let summary = "region terminator of ag.if, ag.try, ag.for and ag.while's body";
  let description = [{
    Passes `results` to the parent: the results of an `ag.if` or `ag.try`, the next
    iteration's values of an `ag.for` or of an `ag.while` (from its `after`
    region). May be left out when it would have no operands.

    Example:

    ```mlir
    ag.yield %a, %t : tensor<i64>, !ag.token
    ```
  }];
  let arguments = (ins Variadic<AG_Value>:$results);
  let builders = [OpBuilder<(ins), [{ /* no results */ }]>];
  let assemblyFormat = "attr-dict ($results^ `:` type($results))?";
}

def AG_ConditionOp : AG_Op<"condition", [HasParent<"WhileOp">,
    DeclareOpInterfaceMethods<RegionBranchTerminatorOpInterface,
                              ["getSuccessorRegions"]>,
    Pure, Terminator]> {
  let summary = "loop continuation condition of ag.while";
  let description = [{
    Terminates the `before` region of an `ag.while`. When `condition` is
    true, `args` become the arguments of the `after` region; otherwise they
    become the results of the loop.

    Example:

    ```mlir
    ag.condition %go(%x, %n : tensor<i64>, tensor<i64>)
    ```
  }];
  let arguments = (ins AG_BoolScalar:$condition, Variadic<AG_Value>:$args);
  let assemblyFormat = [{
    $condition (`(` $args^ `:` type($args) `)`)? attr-dict
  }];
}

def AG_IfOp : AG_Op<"if", [
    DeclareOpInterfaceMethods<RegionBranchOpInterface,
        ["getRegionInvocationBounds", "getEntrySuccessorRegions"]>,
    SingleBlockImplicitTerminator<"YieldOp">, RecursiveMemoryEffects,
    RecursivelySpeculatable, NoRegionArguments]> {
  let summary = "if-then-else";
  let description = [{
    Runs `then` when `cond` is true and `else` otherwise; only the taken
    region runs. Results are the operands of the taken region's `ag.yield`
    and may include `!ag.token`s threading effects out of the branches. The
    `else` region may be omitted only when there are no results, and an
    `ag.yield` without operands may be omitted.

    Example:

    ```mlir
    %r = ag.if %c -> (tensor<i64>) {
      %q = ag.div %a, %b : tensor<i64>
      ag.yield %q : tensor<i64>
    } else {
      ag.yield %a : tensor<i64>
    }
    ag.if %c {
      %t1 = ag.print %t0, "taken\n"
    }
    ```
  }];
  let arguments = (ins AG_BoolScalar:$cond);
  let results = (outs Variadic<AG_Value>:$results);
  let regions = (region SizedRegion<1>:$thenRegion,
                        MaxSizedRegion<1>:$elseRegion);
  let skipDefaultBuilders = 1;
  let builders = [
    // Creates the `then` block, and the `else` block if asked. With no
    // results both get their `ag.yield`; otherwise the caller adds them.
    OpBuilder<(ins "::mlir::TypeRange":$resultTypes, "::mlir::Value":$cond,
                   CArg<"bool", "true">:$withElseRegion)>
  ];
  let extraClassDeclaration = [{
    ::mlir::Block *thenBlock() { return &getThenRegion().front(); }
    ::mlir::Block *elseBlock() {
      return getElseRegion().empty() ? nullptr : &getElseRegion().front();
    }
    YieldOp thenYield();
    YieldOp elseYield();
  }];
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def AG_TryOp : AG_Op<"try", [
    SingleBlockImplicitTerminator<"YieldOp">, RecursiveMemoryEffects]> {
  let summary = "a graph-level try/catch";
  let description = [{
    Runs `body`; its yield gives the results. When an op of `body` fails
    while it runs (an AG_NODE function throws, an assert fails, a kernel
    reports an error), the ops of `body` already running finish, nothing
    else of it starts, and `handler` runs instead: its one argument is the
    error's message (the `what()` of the exception a node threw), a host
    value of the tracing compiler's name for `std::string`, and its
    yield gives the results. Without `all` (a C++ `catch (const
    std::exception &)`) an exception a node threw that is not derived from
    `std::exception` is not caught; with `all` (`catch (...)`) it is.
    With `catches` (a C++ `try` with several `catch` clauses, or one of a
    type other than `std::exception`), each entry names a clause's type as
    registered by the program that traced it (`"std::runtime_error"`,
    `"MyError"`), `"..."` a `catch (...)`; the error is matched against
    them in order as C++ would (a node's exception by its type, a failing op
    of the graph as an `ag::Error`, which derives from `std::exception`),
    the handler gets a second argument, the index of the clause that
    matched (`tensor<i64>`), and an error no clause matches propagates.
    Cancellation and evaluation limits are never caught. Results may
    include `!ag.token`s threading effects out of the regions; only the
    effects of the path taken happen, those of `body` up to the failure.

    Example:

    ```mlir
    %f, %t1 = ag.try -> (!ag.host<"Fit">, !ag.token) {
      %a = ag.node "fit"(%d) : (!ag.host<"Data">) -> !ag.host<"Fit">
      ag.yield %a, %t0 : !ag.host<"Fit">, !ag.token
    } catch {
    ^bb0(%what: !ag.host<"std::string">):
      %t2 = ag.node "report" effect(%t0, %what) : (!ag.token, !ag.host<"std::string">) -> !ag.token
      ag.yield %fallback, %t2 : !ag.host<"Fit">, !ag.token
    }
    ```
  }];
  let arguments = (ins UnitAttr:$all, OptionalAttr<StrArrayAttr>:$catches);
  let results = (outs Variadic<AG_Value>:$results);
  let regions = (region SizedRegion<1>:$body, SizedRegion<1>:$handler);
  let assemblyFormat = [{
    (`all` $all^)? (`catches` $catches^)? (`->` `(` type($results)^ `)`)?
    $body `catch` $handler
    attr-dict
  }];
  let extraClassDeclaration = [{
    ::mlir::Block *bodyBlock() { return &getBody().front(); }
    ::mlir::Block *handlerBlock() { return &getHandler().front(); }
    YieldOp bodyYield();
    YieldOp handlerYield();
  }];
  let hasVerifier = 1;
}

def AG_WhileOp : AG_Op<"while", [
    DeclareOpInterfaceMethods<RegionBranchOpInterface,
        ["getEntrySuccessorOperands"]>,
    DeclareOpInterfaceMethods<LoopLikeOpInterface,
        ["getRegionIterArgs", "getYieldedValuesMutable"]>,
    RecursiveMemoryEffects, SingleBlock]> {
  let summary = "a general while / do-while loop";
  let description = [{
    Has exactly the semantics of `scf.while`. The `before` region receives
    the loop-carried values (first `inits`, then what `after` yields) and
    ends in `ag.condition %cond(%forwarded...)`: when `%cond` is true the
    forwarded values enter the `after` region, otherwise they are the
    results. The `after` region yields the next loop-carried values, whose
    types must equal the `inits` types. A `do { body } while (c)` loop puts
    the body in `before`.

    Example:

    ```mlir
    %r = ag.while (%x = %init) : (tensor<i64>) -> tensor<i64> {
      %go = ag.cmp lt, %x, %n : tensor<i64>
      ag.condition %go(%x : tensor<i64>)
    } do {
    ^bb0(%x: tensor<i64>):
      %y = ag.add %x, %one : tensor<i64>
      ag.yield %y : tensor<i64>
    }
    ```
  }];
  let arguments = (ins Variadic<AG_Value>:$inits);
  let results = (outs Variadic<AG_Value>:$results);
  let regions = (region SizedRegion<1>:$before, SizedRegion<1>:$after);
  let skipDefaultBuilders = 1;
  let builders = [
    // Creates both blocks with their arguments (`inits` types for `before`,
    // `resultTypes` for `after`) and no terminators.
    OpBuilder<(ins "::mlir::TypeRange":$resultTypes,
                   "::mlir::ValueRange":$inits)>
  ];
  let extraClassDeclaration = [{
    ::mlir::Block *beforeBlock() { return &getBefore().front(); }
    ::mlir::Block *afterBlock() { return &getAfter().front(); }
    ConditionOp getConditionOp();
    YieldOp getYieldOp();
  }];
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def AG_ForOp : AG_Op<"for", [
    DeclareOpInterfaceMethods<RegionBranchOpInterface,
        ["getEntrySuccessorOperands"]>,
    DeclareOpInterfaceMethods<LoopLikeOpInterface,
        ["getRegionIterArgs", "getYieldedValuesMutable",
         "getLoopResults"]>,
    SingleBlockImplicitTerminator<"YieldOp">, RecursiveMemoryEffects]> {
  let summary = "a counted loop";
  let description = [{
    Runs the body for `iv = lb, lb + step, ...` while `iv < ub` (or, for a
    negative `step`, while `iv > ub`); a zero step is a run-time error. The
    body's arguments are the induction variable (`tensor<i64>`) and the
    loop-carried values, first `inits`, then what the body yields. The
    results are the last loop-carried values (`inits` if the body never
    runs).

    Example:

    ```mlir
    %sum = ag.for %i = %lb to %ub step %one iter_args(%acc = %zero)
        -> (tensor<i64>) {
      %next = ag.add %acc, %i : tensor<i64>
      ag.yield %next : tensor<i64>
    }
    ```
  }];
  let arguments = (ins AG_I64Scalar:$lowerBound, AG_I64Scalar:$upperBound,
                       AG_I64Scalar:$step, Variadic<AG_Value>:$inits);
  let results = (outs Variadic<AG_Value>:$results);
  let regions = (region SizedRegion<1>:$body);
  let skipDefaultBuilders = 1;
  let builders = [
    // Creates the body block with its arguments; with no `inits` it also
    // gets its `ag.yield`, otherwise the caller adds it.
    OpBuilder<(ins "::mlir::Value":$lowerBound, "::mlir::Value":$upperBound,
                   "::mlir::Value":$step,
                   CArg<"::mlir::ValueRange", "{}">:$inits)>
  ];
  let extraClassDeclaration = [{
    ::mlir::Block *getBodyBlock() { return &getBody().front(); }
    ::mlir::BlockArgument getInductionVar() {
      return getBodyBlock()->getArgument(0);
    }
    YieldOp getYieldOp();
  }];
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// Functions
//===----------------------------------------------------------------------===//

def AG_FuncOp : AG_Op<"func", [FunctionOpInterface, IsolatedFromAbove]> {
  let summary = "a traced function";
  let description = [{
    A function whose arguments and results are ag tensors or tokens. A
    function with effects takes no token argument: it starts its chain with
    `ag.token` and returns the final token as its last result. The body is a
    single block ending in `ag.return`; a declaration has no body.

    Effects must form one chain: within its block, a token is used by at
    most one op (counting uses nested in that op's regions), since two
    consumers would leave their effects unordered.

    Example:

    ```mlir
    ag.func @twice(%x: tensor<f32>) -> (tensor<f32>, !ag.token) {
      %t0 = ag.token
      %t1 = ag.print %t0, "x = {}\n", %x : tensor<f32>
      %y = ag.add %x, %x : tensor<f32>
      ag.return %y, %t1 : tensor<f32>, !ag.token
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       TypeAttrOf<FunctionType>:$function_type,
                       OptionalAttr<StrAttr>:$sym_visibility,
                       OptionalAttr<DictArrayAttr>:$arg_attrs,
                       OptionalAttr<DictArrayAttr>:$res_attrs);
  let regions = (region MaxSizedRegion<1>:$body);
  let skipDefaultBuilders = 1;
  let builders = [
    // Like func.func: no entry block yet, call addEntryBlock() to make one.
    OpBuilder<(ins "::llvm::StringRef":$name,
                   "::mlir::FunctionType":$type)>
  ];
  let extraClassDeclaration = [{
    /// CallableOpInterface.
    ::mlir::Region *getCallableRegion() {
      return isExternal() ? nullptr : &getBody();
    }
    ::llvm::ArrayRef<::mlir::Type> getArgumentTypes() {
      return getFunctionType().getInputs();
    }
    ::llvm::ArrayRef<::mlir::Type> getResultTypes() {
      return getFunctionType().getResults();
    }
  }];
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
}

def AG_ReturnOp : AG_Op<"return", [Pure, HasParent<"FuncOp">, ReturnLike,
                                   Terminator]> {
  let summary = "function return";
  let description = [{
    Returns from the enclosing `ag.func`; the operand types must equal the
    function's result types.

    Example:

    ```mlir
    ag.return %y, %t : tensor<f32>, !ag.token
    ```
  }];
  let arguments = (ins Variadic<AG_Value>:$operands);
  let builders = [OpBuilder<(ins), [{ /* no results */ }]>];
  let assemblyFormat = "attr-dict ($operands^ `:` type($operands))?";
  let hasVerifier = 1;
}

def AG_CallOp : AG_Op<"call", [CallOpInterface,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "call an ag.func";
  let description = [{
    Calls the `ag.func` named `callee` in the enclosing symbol table; operand
    and result types must match its signature. The upstream `inline` pass
    inlines these calls.

    Example:

    ```mlir
    %y, %t = ag.call @twice(%x) : (tensor<f32>) -> (tensor<f32>, !ag.token)
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee,
                       Variadic<AG_Value>:$operands);
  let results = (outs Variadic<AG_Value>:$results);
  let builders = [
    OpBuilder<(ins "FuncOp":$callee, CArg<"::mlir::ValueRange", "{}">:$operands), [{
      $_state.addOperands(operands);
      $_state.addAttribute("callee", ::mlir::SymbolRefAttr::get(callee));
      $_state.addTypes(callee.getFunctionType().getResults());
    }]>
  ];
  let extraClassDeclaration = [{
    ::mlir::FunctionType getCalleeType() {
      return ::mlir::FunctionType::get(getContext(), getOperands().getTypes(),
                                       getResultTypes());
    }
    /// CallOpInterface.
    operand_range getArgOperands() { return getOperands(); }
    ::mlir::MutableOperandRange getArgOperandsMutable() {
      return getOperandsMutable();
    }
    ::mlir::CallInterfaceCallable getCallableForCallee() {
      return (*this)->getAttrOfType<::mlir::SymbolRefAttr>("callee");
    }
    void setCalleeFromCallable(::mlir::CallInterfaceCallable callee) {
      (*this)->setAttr("callee", callee.get<::mlir::SymbolRefAttr>());
    }
  }];
  let assemblyFormat = [{
    $callee `(` $operands `)` attr-dict `:` functional-type($operands, results)
  }];
}

#endif // AG_DIALECT_AGOPS_TD
