// Shared by the examples: print a twin from the rewritten source that
// ag_convert() wrote into the build tree (AG_CONVERTED_FILE).
#ifndef AG_EXAMPLES_UTIL_H
#define AG_EXAMPLES_UTIL_H

#include <fstream>
#include <iostream>
#include <string>

inline void printTwin(const std::string &function) {
#ifdef AG_CONVERTED_FILE
  std::ifstream in(AG_CONVERTED_FILE);
  std::string line;
  bool inTwin = false;
  int depth = 0;
  while (std::getline(in, line)) {
    if (!inTwin &&
        line.find("ag_twin_" + function + "(") != std::string::npos &&
        line.find(';') == std::string::npos)
      inTwin = true;
    if (!inTwin)
      continue;
    std::cout << line << "\n";
    for (char c : line)
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
    if (depth == 0 && line.find('}') != std::string::npos)
      break;
  }
#else
  (void)function;
#endif
}

#endif
