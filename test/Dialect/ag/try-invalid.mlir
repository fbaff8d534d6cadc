// RUN: ag-opt %s -split-input-file -verify-diagnostics

ag.func @no_message(%p: !ag.host<"std::string">) {
  // expected-error @+1 {{handler region takes one argument, the error's message, a std::string host value}}
  ag.try {
  } catch {
  }
  ag.return
}

// -----

ag.func @wrong_message(%p: !ag.host<"std::string">) {
  // expected-error @+1 {{handler region takes one argument}}
  ag.try {
  } catch {
  ^bb0(%what: tensor<i64>):
  }
  ag.return
}

// -----

ag.func @body_argument(%p: !ag.host<"std::string">) {
  // expected-error @+1 {{body region takes no arguments}}
  ag.try {
  ^bb0(%x: tensor<i64>):
  } catch {
  ^bb0(%what: !ag.host<"std::string">):
  }
  ag.return
}

// -----

ag.func @mismatch(%a: tensor<i64>, %b: tensor<f64>) -> tensor<i64> {
  // expected-error @+1 {{'handler' region yield}}
  %r = ag.try -> (tensor<i64>) {
    ag.yield %a : tensor<i64>
  } catch {
  ^bb0(%what: !ag.host<"std::string">):
    ag.yield %b : tensor<f64>
  }
  ag.return %r : tensor<i64>
}
