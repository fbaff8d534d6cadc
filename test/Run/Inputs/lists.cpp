// The source that list-errors.mlir's locations point into (not compiled).
AG_CONVERT ag::Tensor rows(ag::Tensor n) {
  std::vector<ag::Tensor> rows;
  for (ag::Tensor i = 0; i < n; i = i + 1)
    rows.push_back(ag::Tensor({1.0, 2.0, 3.0}) * i);
  return ag::stack(rows);
}

AG_CONVERT ag::Tensor mixed(ag::Tensor wide) {
  std::vector<ag::Tensor> rows;
  rows.push_back(ag::Tensor({1.0, 2.0, 3.0}));
  if (wide)
    rows.push_back(ag::Tensor({1, 2}));
  return ag::stack(rows);
}
