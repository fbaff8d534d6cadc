#ifndef AG_EXAMPLES_PIPELINE_H
#define AG_EXAMPLES_PIPELINE_H
#include <ag/ag.h>
/// Cleans a stream of sensor readings and counts alarms: readings outside
/// [lo, hi] are replaced by the last good one, an exponentially weighted
/// moving average is kept, and an alarm is raised (and printed) whenever the
/// average stays above `threshold` for `patience` consecutive readings.
ag::Tensor countAlarms(ag::Tensor readings, ag::Tensor threshold,
                       ag::Tensor patience);
#endif
