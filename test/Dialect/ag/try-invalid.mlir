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

// -----

ag.func @typed_without_index(%p: !ag.host<"std::string">) {
  // expected-error @+1 {{handler region of a try with 'catches' takes two arguments}}
  ag.try catches ["std::out_of_range"] {
  } catch {
  ^bb0(%what: !ag.host<"std::string">):
  }
  ag.return
}

// -----

ag.func @typed_and_all(%p: !ag.host<"std::string">) {
  // expected-error @+1 {{'all' and 'catches' exclude each other}}
  ag.try all catches ["..."] {
  } catch {
  ^bb0(%what: !ag.host<"std::string">, %clause: tensor<i64>):
  }
  ag.return
}

// -----

ag.func @typed_empty(%p: !ag.host<"std::string">) {
  // expected-error @+1 {{'catches' names at least one type}}
  ag.try catches [] {
  } catch {
  ^bb0(%what: !ag.host<"std::string">, %clause: tensor<i64>):
  }
  ag.return
}
