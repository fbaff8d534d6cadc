//===- AGTypes.td - ag dialect types -----------------------*- tablegen -*-===//

#ifndef AG_DIALECT_AGTYPES_TD
#define AG_DIALECT_AGTYPES_TD

include "ag/Dialect/AGDialect.td"
include "mlir/IR/AttrTypeBase.td"

class AG_Type<string name, string typeMnemonic, list<Trait> traits = []>
    : TypeDef<AG_Dialect, name, traits> {
  let mnemonic = typeMnemonic;
}

def AG_TokenType : AG_Type<"Token", "token"> {
  let summary = "the !ag.token type";
  let description = [{
    A token carries no data: it threads side-effecting ops (`ag.print`,
    `ag.assert`, `ag.check_numerics`) in program order. Each effect consumes
    the current token and produces the next one; control flow ops pass tokens
    through their regions like any loop-carried or branch-merged value.

    Example:

    ```mlir
    %t0 = ag.token
    %t1 = ag.print %t0, "x = {}", %x : tensor<i64>
    ```
  }];
}

def AG_ListType : AG_Type<"List", "list"> {
  let summary = "the !ag.list type";
  let description = [{
    A list of tensors: what a `std::vector<ag::Tensor>` appended to under
    staged control flow becomes. A list is a value like a tensor: it is
    carried through loops and merged after branches, and `ag.list_push`
    returns a new list rather than changing its operand (the runtime appends
    in place when no one else can see the old list, so a loop of N pushes
    costs O(N)).

    The element type is not part of the list type: C++'s `ag::Tensor` is
    dynamically typed, and tracing checks that every push onto one list has
    the dtype and shape of the first (the way TensorFlow's TensorList carries
    its element type on the ops, not on the variant). `ag.list_stack` names
    the element type it expects in its result type and the runtime checks it.

    Example:

    ```mlir
    %l0 = ag.list_new
    %l1 = ag.list_push %l0, %x : tensor<3xf64>
    %m = ag.list_stack %l1 : tensor<?x3xf64>
    ```
  }];
}

def AG_HostType : AG_Type<"Host", "host"> {
  let summary = "a value of a C++ type of the user's (an AG_NODE's)";
  let description = [{
    An opaque value of the C++ type named by `name`: a node's result, a part
    of one, or a host value captured while tracing. `name` is the stable
    spelling ag gives the type (`Table`, `std::pair<Table, Table>`), so a
    producer and a consumer agree when their types are equal. Host values
    flow through `ag.if`, `ag.while`, `ag.for` and calls like tensors; only
    `ag.node` calls compute on them.

    Example:

    ```mlir
    %t = ag.node "load"(%p) : (!ag.host<"std::string">) -> !ag.host<"Table">
    ```
  }];
  let parameters = (ins StringRefParameter<"the C++ type name">:$name);
  let assemblyFormat = "`<` $name `>`";
}

// Anything that flows through regions, calls and function boundaries.
def AG_Value : AnyTypeOf<[AG_Tensor, AG_TokenType, AG_ListType, AG_HostType],
                         "ag tensor, token, list or host value">;

#endif // AG_DIALECT_AGTYPES_TD
