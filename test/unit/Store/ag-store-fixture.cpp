//===- ag-store-fixture.cpp - Writes a store for the lit tests ------------===//
//
//   ag-store-fixture DIR
//
// Writes StoreFixture.h's scenario (three runs of "best_fit") into DIR, in
// the documented layout, for test/Run/inspect-*.test.
//
//===----------------------------------------------------------------------===//

#include "StoreFixture.h"

#include <iostream>

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: ag-store-fixture DIR\n";
    return 1;
  }
  try {
    storefixture::writeScenario(argv[1]);
  } catch (const std::exception &e) {
    std::cerr << "ag-store-fixture: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
