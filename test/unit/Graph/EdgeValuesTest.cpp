//===- EdgeValuesTest.cpp - every path computes every op alike ------------===//
//
// One elementwise op can be computed five ways: eagerly (the kernels), in a
// graph on fed values (the evaluator calling the kernels), in a graph whose
// lhs or rhs is a trace-time constant (canonicalization may rewrite the op),
// with both operands constant (the folder), and inside a loop on scalars
// (the scalar register code). Over edge values (+-0, NaN, +-inf, integer
// min/max, -1) every path must give the eager result bit for bit, or fail
// where the eager code fails.
//
//===----------------------------------------------------------------------===//

#include "ag/ag.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

using namespace ag;

namespace {

using BinaryFn = std::function<Tensor(const Tensor &, const Tensor &)>;

const char *sourcePath() { return "edge_values.cpp"; }

/// What the twins below compute; set before a fresh ag::function traces.
BinaryFn gOp;
Tensor gConst; // the constant operand of the one-constant forms

Tensor fed(Tensor a, Tensor b) { return gOp(a, b); }
Tensor twinFed(Tensor a, Tensor b) {
  FunctionScope scope("fed", sourcePath(), 1, 1, {"a", "b"});
  at({2, 3, 2, 10, nullptr});
  return gOp(a, b);
}
[[maybe_unused]] const bool fedRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&fed),
    reinterpret_cast<const void *>(&twinFed), "fed", sourcePath(), 1);

Tensor constLhs(Tensor b) { return gOp(gConst, b); }
Tensor twinConstLhs(Tensor b) {
  FunctionScope scope("constLhs", sourcePath(), 1, 1, {"b"});
  at({2, 3, 2, 10, nullptr});
  return gOp(gConst, b);
}
[[maybe_unused]] const bool constLhsRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&constLhs),
    reinterpret_cast<const void *>(&twinConstLhs), "constLhs", sourcePath(), 1);

Tensor constRhs(Tensor a) { return gOp(a, gConst); }
Tensor twinConstRhs(Tensor a) {
  FunctionScope scope("constRhs", sourcePath(), 1, 1, {"a"});
  at({2, 3, 2, 10, nullptr});
  return gOp(a, gConst);
}
[[maybe_unused]] const bool constRhsRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&constRhs),
    reinterpret_cast<const void *>(&twinConstRhs), "constRhs", sourcePath(), 1);

/// Both operands are trace-time constants: the folder's path.
Tensor gConst2;
Tensor folded(Tensor unused) { return gOp(gConst, gConst2) + unused * 0; }
Tensor twinFolded(Tensor unused) {
  FunctionScope scope("folded", sourcePath(), 1, 1, {"unused"});
  at({2, 3, 2, 10, nullptr});
  return gOp(gConst, gConst2);
}
[[maybe_unused]] const bool foldedRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&folded),
    reinterpret_cast<const void *>(&twinFolded), "folded", sourcePath(), 1);

/// The op inside a one-trip staged loop on scalars: the scalar register
/// code's path.
DType gResultDType; // of the op on the loop's operands
Tensor inLoop(Tensor a, Tensor b) {
  Tensor r = Tensor::zeros(gResultDType, {});
  for (Tensor i = 0; i < 1; i += 1)
    r = gOp(a, b);
  return r;
}
Tensor twinInLoop(Tensor a, Tensor b) {
  FunctionScope scope("inLoop", sourcePath(), 1, 1, {"a", "b"});
  at({2, 3, 2, 10, "r"});
  Tensor r = Tensor::zeros(gResultDType, {});
  at({3, 3, 3, 10, "i"});
  Tensor i = 0;
  while_(
      {3, 3, 4, 10}, {{"r", r}, {"i", i}}, [&]() -> Tensor { return i < 1; },
      [&] {
        at({4, 5, 4, 10, "r"});
        r = gOp(a, b);
        at({3, 20, 3, 25, "i"});
        i += 1;
      });
  return r;
}
[[maybe_unused]] const bool inLoopRegistered = detail::registerTwin(
    reinterpret_cast<const void *>(&inLoop),
    reinterpret_cast<const void *>(&twinInLoop), "inLoop", sourcePath(), 1);

template <typename T> std::vector<Tensor> edgeValues() {
  using L = std::numeric_limits<T>;
  std::vector<T> v;
  if constexpr (std::is_same_v<T, bool>)
    v = {false, true};
  else if constexpr (std::is_floating_point_v<T>)
    v = {T(0),          T(-0.0),        T(1),          T(-1),
         T(2.5),        T(-7.25),       L::max(),      L::lowest(),
         L::infinity(), -L::infinity(), L::quiet_NaN()};
  else
    v = {T(0),  T(1),  T(-1), T(2),     T(-3),
         T(31), T(32), T(64), L::max(), L::min()};
  std::vector<Tensor> out;
  for (T x : v)
    out.push_back(Tensor::fromBuffer(DTypeOf<T>::value, {}, &x));
  return out;
}

std::vector<Tensor> edgeValues(DType dtype) {
  return ag::sem::dispatchDType(
      dtype, [](auto tag) { return edgeValues<decltype(tag)>(); });
}

/// Equal dtype, shape and bits (Tensor::identical takes -0.0 == +0.0, which
/// would hide the difference between min(-0.0, 0.0) and min(0.0, -0.0));
/// any NaN equals any NaN.
bool sameBits(const Tensor &x, const Tensor &y) {
  if (x.dtype() != y.dtype() || x.shape() != y.shape())
    return false;
  size_t size = dtypeSize(x.dtype());
  const char *p = static_cast<const char *>(x.rawData());
  const char *q = static_cast<const char *>(y.rawData());
  for (int64_t i = 0, n = x.numel(); i < n; ++i, p += size, q += size) {
    if (std::memcmp(p, q, size) == 0)
      continue;
    bool bothNaN =
        (x.dtype() == DType::Float32 && std::isnan(*(const float *)p) &&
         std::isnan(*(const float *)q)) ||
        (x.dtype() == DType::Float64 && std::isnan(*(const double *)p) &&
         std::isnan(*(const double *)q));
    if (!bothNaN)
      return false;
  }
  return true;
}

struct Outcome {
  Tensor value;
  bool failed = false;
  std::string message;
};

Outcome attempt(const std::function<Tensor()> &f) {
  Outcome o;
  try {
    o.value = f();
  } catch (const Error &e) {
    o.failed = true;
    o.message = e.diagnostic().message;
  } catch (const std::exception &e) {
    o.failed = true;
    o.message = e.what();
  }
  return o;
}

struct NamedOp {
  const char *name;
  BinaryFn fn;
};

std::vector<NamedOp> binaryOps() {
  return {
      {"+", [](const Tensor &a, const Tensor &b) { return a + b; }},
      {"-", [](const Tensor &a, const Tensor &b) { return a - b; }},
      {"*", [](const Tensor &a, const Tensor &b) { return a * b; }},
      {"/", [](const Tensor &a, const Tensor &b) { return a / b; }},
      {"%", [](const Tensor &a, const Tensor &b) { return a % b; }},
      {"pow", [](const Tensor &a, const Tensor &b) { return pow(a, b); }},
      {"min", [](const Tensor &a, const Tensor &b) { return min(a, b); }},
      {"max", [](const Tensor &a, const Tensor &b) { return max(a, b); }},
      {"==", [](const Tensor &a, const Tensor &b) { return a == b; }},
      {"<", [](const Tensor &a, const Tensor &b) { return a < b; }},
      {"<=", [](const Tensor &a, const Tensor &b) { return a <= b; }},
      {"&", [](const Tensor &a, const Tensor &b) { return a & b; }},
      {"|", [](const Tensor &a, const Tensor &b) { return a | b; }},
      {"^", [](const Tensor &a, const Tensor &b) { return a ^ b; }},
      {"<<", [](const Tensor &a, const Tensor &b) { return a << b; }},
      {">>", [](const Tensor &a, const Tensor &b) { return a >> b; }},
  };
}

/// Unary ops as binary ones that ignore their second operand.
std::vector<NamedOp> unaryOps() {
#define AG_UNARY_CASE(NAME, EXPR)                                              \
  {                                                                            \
    NAME, [](const Tensor &a, const Tensor &) { return EXPR; }                 \
  }
  return {
      AG_UNARY_CASE("neg", -a),
      AG_UNARY_CASE("abs", abs(a)),
      AG_UNARY_CASE("exp", exp(a)),
      AG_UNARY_CASE("log", log(a)),
      AG_UNARY_CASE("sqrt", sqrt(a)),
      AG_UNARY_CASE("tanh", tanh(a)),
      AG_UNARY_CASE("floor", floor(a)),
      AG_UNARY_CASE("ceil", ceil(a)),
      AG_UNARY_CASE("round", round(a)),
      AG_UNARY_CASE("sin", sin(a)),
      AG_UNARY_CASE("cos", cos(a)),
      AG_UNARY_CASE("sigmoid", sigmoid(a)),
      AG_UNARY_CASE("sign", sign(a)),
      AG_UNARY_CASE("isnan", isnan(a)),
      AG_UNARY_CASE("isfinite", isfinite(a)),
      AG_UNARY_CASE("~", ~a),
      AG_UNARY_CASE("!", !a),
  };
#undef AG_UNARY_CASE
}

/// Runs `op` on every pair of edge values of every dtype along every path
/// and compares each path with the eager result.
void checkAllPaths(const NamedOp &op, bool unary = false) {
  constexpr DType kDTypes[] = {DType::Bool, DType::Int32, DType::Int64,
                               DType::Float32, DType::Float64};
  gOp = op.fn;
  for (DType dtype : kDTypes) {
    std::vector<Tensor> values = edgeValues(dtype);
    // One trace per path and dtype serves every pair.
    auto fedFn = function(&fed);
    gResultDType = dtype;
    for (const Tensor &a : values)
      for (const Tensor &b : values) {
        Outcome o = attempt([&] { return op.fn(a, b); });
        if (!o.failed)
          gResultDType = o.value.dtype();
      }
    auto loopFn = function(&inLoop);
    for (const Tensor &a : values) {
      for (const Tensor &b : values) {
        if (unary && &b != &values.front())
          break;
        std::string what = std::string(op.name) + " " + dtypeName(dtype) + " " +
                           toString(a) + ", " + toString(b);
        Outcome eager = attempt([&] { return op.fn(a, b); });
        auto expectSame = [&](const char *path, const Outcome &got) {
          EXPECT_EQ(got.failed, eager.failed)
              << what << " [" << path << "]: " << got.message << eager.message;
          if (!got.failed && !eager.failed) {
            EXPECT_TRUE(sameBits(got.value, eager.value))
                << what << " [" << path << "]: " << got.value << ", eager "
                << eager.value;
          }
        };
        expectSame("graph", attempt([&] { return fedFn(a, b); }));
        expectSame("scalar code", attempt([&] { return loopFn(a, b); }));
        gConst = a;
        expectSame("constant lhs",
                   attempt([&] { return function(&constLhs)(b); }));
        gConst = b;
        expectSame("constant rhs",
                   attempt([&] { return function(&constRhs)(a); }));
        gConst = a;
        gConst2 = b;
        expectSame("folded",
                   attempt([&] { return function(&folded)(Tensor(0)); }));
      }
    }
  }
}

TEST(EdgeValues, EveryBinaryOpAgreesOnEveryPath) {
  for (const NamedOp &op : binaryOps())
    checkAllPaths(op);
}

TEST(EdgeValues, EveryUnaryOpAgreesOnEveryPath) {
  for (const NamedOp &op : unaryOps())
    checkAllPaths(op, /*unary=*/true);
}

/// clip is std::clamp: max(x, lo), then min(.., hi), with their rules for
/// -0.0 and NaN.
TEST(EdgeValues, ClipIsStdClamp) {
  for (double x : {-2.0, -0.0, 0.0, 0.5, 3.0, std::nan("")}) {
    Tensor got = clip(Tensor(x), Tensor(-0.0), Tensor(1.0));
    double want = std::clamp(x, -0.0, 1.0);
    double g = got.item<double>();
    EXPECT_TRUE((std::isnan(g) && std::isnan(want)) ||
                std::memcmp(&g, &want, sizeof g) == 0)
        << x << ": " << g << " vs " << want;
  }
}

} // namespace
