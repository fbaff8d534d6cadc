// RUN: ag-opt %s -split-input-file -verify-diagnostics

ag.func @effect_without_token(%p: !ag.host<"Table">) {
  // expected-error @+1 {{with 'effect' takes the effect token as its first operand}}
  ag.node "save" effect(%p) : (!ag.host<"Table">) -> ()
  ag.return
}

// -----

ag.func @effect_without_result_token(%t: !ag.token, %p: !ag.host<"Table">) {
  // expected-error @+1 {{with 'effect' yields the next effect token as its last result}}
  ag.node "save" effect(%t, %p) : (!ag.token, !ag.host<"Table">) -> ()
  ag.return
}

// -----

ag.func @bad_pack(%p: !ag.host<"Table">) {
  // expected-error @+1 {{packs take 3 operands, but the node has 1}}
  %r = ag.node "concat"(%p) {packs = array<i32: 3>} : (!ag.host<"Table">) -> !ag.host<"Table">
  ag.return
}

// -----

ag.func @empty_name(%p: !ag.host<"Table">) {
  // expected-error @+1 {{needs a non-empty callee name}}
  %r = ag.node ""(%p) : (!ag.host<"Table">) -> !ag.host<"Table">
  ag.return
}

// -----

ag.func @mismatch(%p: !ag.host<"Table">) -> !ag.host<"Fit"> {
  // expected-error @+1 {{operand list #0 has type '!ag.host<"Table">' but function result list #0 has type '!ag.host<"Fit">'}}
  ag.return %p : !ag.host<"Table">
}
