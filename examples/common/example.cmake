# ag_example(<name> SOURCES <files> CONVERT <files>): an example executable
# whose CONVERT sources go through ag_convert(), registered as a test that
# must print PASS_REGEX.
function(ag_example name)
  cmake_parse_arguments(ARG "" "PASS_REGEX" "SOURCES;CONVERT" ${ARGN})
  add_executable(${name} ${ARG_SOURCES} ${ARG_CONVERT})
  ag_convert(${name} SOURCES ${ARG_CONVERT})
  list(GET ARG_CONVERT 0 first)
  target_include_directories(${name} PRIVATE "${CMAKE_CURRENT_LIST_DIR}/../common")
  target_compile_definitions(${name} PRIVATE
    AG_CONVERTED_FILE="${CMAKE_CURRENT_BINARY_DIR}/ag_converted/${name}/${first}")
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
  add_test(NAME example.${name} COMMAND ${name})
  set_tests_properties(example.${name} PROPERTIES PASS_REGULAR_EXPRESSION "${ARG_PASS_REGEX}")
endfunction()
