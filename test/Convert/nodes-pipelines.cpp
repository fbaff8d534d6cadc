// The pipeline programs of test/Differential/pipelines convert, and their
// converted TUs compile against the declarations of ag/Node.h (running them
// eagerly and as graphs needs the runtime of AG_NODE; see the README there).
// RUN: ag-convert %S/../Differential/pipelines/sensors.cpp -- -std=c++17 -DAG_PIPELINE_NO_MAIN -I%ag_include > %t.sensors.cpp
// RUN: %cxx -std=c++17 -DAG_PIPELINE_NO_MAIN -fsyntax-only -Wall -Wextra -Werror -I%ag_include %t.sensors.cpp
// RUN: ag-convert %S/../Differential/pipelines/orders.cpp -- -std=c++17 -DAG_PIPELINE_NO_MAIN -I%ag_include > %t.orders.cpp
// RUN: %cxx -std=c++17 -DAG_PIPELINE_NO_MAIN -fsyntax-only -Wall -Wextra -Werror -I%ag_include %t.orders.cpp
// RUN: ag-convert %S/../Differential/pipelines/tuning.cpp -- -std=c++17 -DAG_PIPELINE_NO_MAIN -I%ag_include > %t.tuning.cpp
// RUN: %cxx -std=c++17 -DAG_PIPELINE_NO_MAIN -fsyntax-only -Wall -Wextra -Werror -I%ag_include %t.tuning.cpp
// RUN: FileCheck %s --input-file %t.tuning.cpp

// A number assigned under a condition on node results is merged with them.
// CHECK:      ::ag::Tensor bestRate = ::ag::Tensor(static_cast<double>(0));
// CHECK:        ::ag::if_({{{[0-9, ]+}}}, {{[{][{]}}"bestLoss", bestLoss}, {"bestRate", bestRate}},
// CHECK-NEXT:       loss < bestLoss, [&] {
