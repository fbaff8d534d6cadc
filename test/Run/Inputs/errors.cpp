// The source that errors.mlir's locations point into (not compiled).
AG_CONVERT ag::Tensor pick(ag::Tensor rows, ag::Tensor i) {
  ag::Tensor row = rows[i];
  return ag::sum(row);
}

AG_CONVERT ag::Tensor normalize(ag::Tensor x, ag::Tensor total) {
  ag::Tensor y = ag::check_numerics(x / total, "normalized");
  return y;
}

AG_CONVERT ag::Tensor parity(ag::Tensor a, ag::Tensor m) {
  ag::Tensor r = 0;
  if (a > 0) {
    r = a % m;
  }
  return r;
}
