# ag_add_unittest(<name> SOURCES <files>... LIBS <targets>...): a GoogleTest
# executable registered with ctest (one ctest entry per test case).
include(GoogleTest)
function(ag_add_unittest name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${AG_BINARY_DIR}/test/unit")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60)
  set_property(GLOBAL APPEND PROPERTY AG_UNITTEST_TARGETS ${name})
endfunction()
