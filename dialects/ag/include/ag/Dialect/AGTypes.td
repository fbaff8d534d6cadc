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

// Anything that flows through regions, calls and function boundaries.
def AG_Value : AnyTypeOf<[AG_Tensor, AG_TokenType], "ag tensor or token">;

#endif // AG_DIALECT_AGTYPES_TD
