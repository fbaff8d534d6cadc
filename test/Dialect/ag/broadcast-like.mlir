// RUN: ag-opt %s | ag-opt | FileCheck %s
// RUN: ag-opt %s --canonicalize | FileCheck %s --check-prefix=CANON

// ag.broadcast with `like` operands: the result shape is the broadcast of
// the operands' run-time shapes, so a scalar or a smaller value can meet a
// value of a dynamic shape (ag::where(x > 0, 0.0, x) for x : tensor<?xf64>).

// CHECK-LABEL: ag.func @scalar_like
// CANON-LABEL: ag.func @scalar_like
ag.func @scalar_like(%x: tensor<?xf64>) -> tensor<?xf64> {
  %z = ag.constant dense<0.0> : tensor<f64>
  // CHECK: ag.broadcast %{{.*}} like %{{.*}} : tensor<f64> to tensor<?xf64> like tensor<?xf64>
  // The shape is the run time's: never folded to a constant.
  // CANON: ag.broadcast %{{.*}} like %{{.*}} : tensor<f64> to tensor<?xf64> like tensor<?xf64>
  %b = ag.broadcast %z like %x : tensor<f64> to tensor<?xf64> like tensor<?xf64>
  ag.return %b : tensor<?xf64>
}

// CHECK-LABEL: ag.func @row_like
ag.func @row_like(%row: tensor<3xf32>, %m: tensor<?x3xf32>, %c: tensor<?x1xi1>,
                  %u: tensor<?x?xi64>, %k: tensor<1xi64>)
    -> (tensor<?x3xf32>, tensor<?x3xf32>, tensor<?x?xi64>) {
  // CHECK: ag.broadcast %{{.*}} like %{{.*}} : tensor<3xf32> to tensor<?x3xf32> like tensor<?x3xf32>
  %a = ag.broadcast %row like %m : tensor<3xf32> to tensor<?x3xf32> like tensor<?x3xf32>
  // Several operands, and a dynamic input: a '?' against 3 gives 3.
  // CHECK: ag.broadcast %{{.*}} like %{{.*}}, %{{.*}} : tensor<?x3xf32> to tensor<?x3xf32> like tensor<?x1xi1>, tensor<3xf32>
  %b = ag.broadcast %m like %c, %row : tensor<?x3xf32> to tensor<?x3xf32> like tensor<?x1xi1>, tensor<3xf32>
  // CHECK: ag.broadcast %{{.*}} like %{{.*}} : tensor<1xi64> to tensor<?x?xi64> like tensor<?x?xi64>
  %d = ag.broadcast %k like %u : tensor<1xi64> to tensor<?x?xi64> like tensor<?x?xi64>
  ag.return %a, %b, %d : tensor<?x3xf32>, tensor<?x3xf32>, tensor<?x?xi64>
}
