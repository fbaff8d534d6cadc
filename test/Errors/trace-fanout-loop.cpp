// The fan-out guard (AG_MAX_FANOUT): a host loop calling a node adds one
// node per iteration; more than the limit from one call is an error before
// any node runs, located at the loop that fans out (the issue asks for the
// loop's line), with a note at the call. It used to be located at the call.
// REQUIRES: ag-convert, ag-runtime
// RUN: ag-convert %s -o %t.cpp -- -std=c++17 -I%ag_include
// RUN: %cxx -std=c++17 -I%ag_include %t.cpp -o %t %ag_link
// RUN: env AG_MAX_FANOUT=4 %t 4 | FileCheck %s --check-prefix=OK
// RUN: env AG_MAX_FANOUT=4 not %t 5 2>&1 | FileCheck %s -DFILE=%s --match-full-lines --strict-whitespace

#include <ag/Node.h>
#include <ag/ag.h>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

std::atomic<int> runs{0};
AG_NODE long shardSize(const std::string &name) {
  ++runs;
  return static_cast<long>(name.size());
}
AG_NODE long total(const std::vector<long> &sizes) {
  long n = 0;
  for (long s : sizes)
    n += s;
  return n;
}

AG_CONVERT
long sizes(int shards) {
  std::vector<long> all;
  for (int i = 0; i < shards; ++i)
    all.push_back(shardSize("shard-" + std::to_string(i)));
  return total(all);
}

int main(int, char **argv) {
  try {
    long n = ag::function(&sizes)(std::atoi(argv[1]));
    std::cout << "total " << n << "\n";
  } catch (const ag::Error &e) {
    std::cerr << e.what() << "\n" << "nodes run: " << runs << "\n";
    return 1;
  }
}

// OK:total 28

//      CHECK:[[FILE]]:35:3: error: this loop adds more than 4 nodes to one graph, one call of 'shardSize' per iteration (a host loop fans out too far: raise AG_MAX_FANOUT or make the loop staged)
// CHECK-NEXT:  for (int i = 0; i < shards; ++i)
// CHECK-NEXT:  ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:36:19: note: 'shardSize' is called here
// CHECK-NEXT:    all.push_back(shardSize("shard-" + std::to_string(i)));
// CHECK-NEXT:                  ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// CHECK-NEXT:[[FILE]]:33:6: note: in 'sizes'
// CHECK-NEXT:long sizes(int shards) {
// CHECK-NEXT:     ^
// CHECK-NEXT:nodes run: 0
