#include <ag/ag.h>
#include <string>
struct Summary {
  std::string text;
  double best;
};
// Converted in another file: called through the registry.
AG_CONVERT Summary summarizeElsewhere(double scale);
