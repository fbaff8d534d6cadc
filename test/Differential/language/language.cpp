#include "language.h"

#include <cstdint>
#include <cstdio>
#include <iostream>

namespace language {

AG_CONVERT
Tensor bitwiseCompound(Tensor x, Tensor y) {
  Tensor q = x;
  q &= 6;
  q |= 1;
  q ^= y;
  q <<= 2;
  q >>= 1;
  return q;
}

AG_CONVERT
Tensor bitwiseCompoundLoop(Tensor x, Tensor y) {
  Tensor r = x;
  while (r < 100) {
    r *= 3;
    r += y;
    r <<= 1;
    r ^= 5;
    r |= 2;
    r &= 255;
    r >>= 1;
    if (r == 0)
      break;
  }
  return r;
}

AG_CONVERT
Tensor bitwiseCompoundRows(Tensor v, Tensor m) {
  for (int i = 0; i < 3; ++i) {
    if (v[i] > 2)
      v[i] |= m;
    else
      v[i] ^= m;
  }
  v[0] <<= 1;
  v[2] >>= 1;
  return v;
}

AG_CONVERT
Tensor maskedFlags(Tensor x) {
  Tensor flags = x > 0;
  flags &= x < 10;
  flags |= x == -5;
  return flags;
}

AG_CONVERT
Tensor clampPositive(Tensor x) {
  if (x < 0)
    return 0 * x;
  return x;
}

AG_CONVERT
Tensor lambdaConditional(Tensor x) {
  auto relu = [](Tensor v) { return v > 0 ? v : 0 * v; };
  auto pick = [&](Tensor v) -> Tensor {
    return v > 2 ? (v > 4 ? v * 10 : v + x) : -v;
  };
  return relu(x - 1) + pick(x);
}

AG_CONVERT
Tensor lambdaLogical(Tensor x, Tensor y) {
  // The guard keeps the division from running when y is 0.
  auto safe = [](Tensor a, Tensor b) -> Tensor { return b != 0 && a / b > 1; };
  auto outside = [](Tensor v) -> Tensor { return v < -3 || v > 3; };
  return ag::cast(safe(x, y), ag::Int64) * 10 + ag::cast(outside(x), ag::Int64);
}

AG_CONVERT
Tensor lambdaCallsConverted(Tensor x) {
  auto shifted = [](Tensor v) { return clampPositive(v - 2); };
  return shifted(x) + shifted(x * 2);
}

AG_CONVERT
Tensor lambdaImmediate(Tensor x) {
  const Tensor y = [&] { return x > 0 ? x : -x; }();
  return y + [&](Tensor z) { return z < 3 ? z : z * 2; }(x);
}

AG_CONVERT
Tensor switchExpressions(Tensor x, int mode) {
  Tensor r = x;
  switch (mode) {
  case 0:
    r = x > 0 ? x * 2 : -x;
    break;
  case 1:
    r = ag::cast(x > 1 && 10 / x > 2, ag::Int64);
    [[fallthrough]];
  case 2:
    r = r + clampPositive(x - 3);
    break;
  default: {
    Tensor t = x < 0 || x > 5 ? x : x * x;
    r = t;
  }
  }
  return r;
}

AG_CONVERT
Tensor printItems(Tensor x) {
  std::cout << "double " << x.item<double>() << ", int " << x.item<int>()
            << ", long " << x.item<int64_t>() << ", float " << x.item<float>()
            << ", bool " << x.item<bool>() << '\n';
  return x + 1;
}

AG_CONVERT
Tensor printItemsInLoop(Tensor x) {
  Tensor s = 0 * x;
  while (x > 0) {
    std::cout << "x=" << x << ", item " << x.item<double>() << '\n';
    s += x;
    x -= 1;
  }
  std::cout << "sum " << s.item<int64_t>() << std::endl;
  return s;
}

AG_CONVERT
Tensor printCastItems(Tensor x) {
  std::cout << static_cast<double>(x.item<int>()) << " "
            << static_cast<int>(x.item<double>()) << " "
            << (long)x.item<float>() << "\n";
  return x;
}

AG_CONVERT
Tensor applyLayers(std::vector<Layer> layers, Tensor x) {
  Tensor y = x;
  for (const Layer &layer : layers) {
    y = y * layer.w + layer.b;
    if (y < 0)
      y = -y;
  }
  return y;
}

AG_CONVERT
Tensor applyLayerArray(std::array<Layer, 2> layers, Tensor x) {
  auto [first, second] = layers;
  return (x * first.w + first.b) * second.w + second.b;
}

AG_CONVERT
std::vector<Layer> shiftLayers(std::vector<Layer> layers, Tensor by) {
  std::vector<Layer> out;
  for (Layer layer : layers) {
    layer.w = layer.w + by;
    Tensor b = layer.b; // a field is not assigned under a staged if
    if (by > 0)
      b = b * by;
    layer.b = b;
    out.push_back(layer);
  }
  return out;
}

AG_CONVERT
Tensor sumScaled(std::vector<Scaled> items) {
  Tensor s = 0.0;
  for (const Scaled &item : items)
    s = s + item.value * item.scale;
  return s;
}

} // namespace language
