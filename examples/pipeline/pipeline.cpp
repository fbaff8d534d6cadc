#include "pipeline.h"

#include <iostream>

// Plain helpers (not annotated): traced through when called from a twin.
static ag::Tensor clampOutlier(ag::Tensor x, ag::Tensor lastGood) {
  return ag::where((x < -50.0) | (x > 150.0), lastGood, x);
}
static ag::Tensor smooth(ag::Tensor average, ag::Tensor x) {
  return 0.8 * average + 0.2 * x;
}

AG_CONVERT
ag::Tensor countAlarms(ag::Tensor readings, ag::Tensor threshold,
                       ag::Tensor patience) {
  ag::Tensor lastGood = 20.0;
  ag::Tensor average = 20.0;
  ag::Tensor above = 0;
  ag::Tensor alarms = 0;
  ag::Tensor index = 0;
  for (ag::Tensor x : readings) {
    ag::Tensor clean = clampOutlier(x, lastGood);
    lastGood = clean;
    average = smooth(average, clean);
    if (average > threshold) {
      above += 1;
      if (above == patience) {
        std::cout << "alarm at reading " << index << "\n";
        alarms += 1;
        above = 0;
      }
    } else {
      above = 0;
    }
    index += 1;
  }
  return alarms;
}
