# ag_convert(<target> SOURCES <file>...)
#
# Runs ag-convert on each listed source of <target> at build time and compiles
# the rewritten copy (originals kept, graph-building twins added) in place of
# the original. The conversion sees the target's include directories, compile
# definitions and C++ standard. It reruns when the source or any header it
# includes changes (a depfile from the C++ compiler), and not otherwise.
# Quoted includes keep resolving because the original file's directory is
# added to the rewritten copy's include path.
#
# The ag-convert executable is the target named by AG_CONVERT_TARGET
# (ag-convert in the ag build tree, AG::ag-convert from find_package(AG)).

function(ag_convert target)
  cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "ag_convert(${target}): no SOURCES given")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "ag_convert: '${target}' is not a target")
  endif()
  if(NOT AG_CONVERT_TARGET)
    set(AG_CONVERT_TARGET AG::ag-convert)
  endif()

  set(tgt_includes "$<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>")
  set(tgt_defines "$<TARGET_PROPERTY:${target},COMPILE_DEFINITIONS>")
  set(tgt_std "$<TARGET_PROPERTY:${target},CXX_STANDARD>")
  set(flags
    "-std=c++$<IF:$<BOOL:${tgt_std}>,${tgt_std},17>"
    "$<$<BOOL:${tgt_includes}>:-I$<JOIN:${tgt_includes},$<SEMICOLON>-I>>"
    "$<$<BOOL:${tgt_defines}>:-D$<JOIN:${tgt_defines},$<SEMICOLON>-D>>")

  get_target_property(target_sources ${target} SOURCES)
  foreach(src IN LISTS ARG_SOURCES)
    get_filename_component(abs "${src}" ABSOLUTE)
    if(NOT EXISTS "${abs}")
      message(FATAL_ERROR "ag_convert(${target}): no such source '${src}'")
    endif()
    file(RELATIVE_PATH rel "${CMAKE_CURRENT_SOURCE_DIR}" "${abs}")
    string(REPLACE "../" "__/" rel "${rel}")
    set(out "${CMAKE_CURRENT_BINARY_DIR}/ag_converted/${target}/${rel}")
    get_filename_component(src_dir "${abs}" DIRECTORY)
    get_filename_component(out_dir "${out}" DIRECTORY)
    file(RELATIVE_PATH shown "${CMAKE_BINARY_DIR}" "${out}")

    add_custom_command(
      OUTPUT "${out}"
      COMMAND "${CMAKE_COMMAND}" -E make_directory "${out_dir}"
      # Header dependencies: the C++ compiler lists what the source includes.
      COMMAND "${CMAKE_CXX_COMPILER}" ${flags} -I "${src_dir}" -MM -MT "${out}"
              -MF "${out}.d" -x c++ "${abs}"
      COMMAND $<TARGET_FILE:${AG_CONVERT_TARGET}> "${abs}" -o "${out}" --
              ${flags} -I "${src_dir}"
      DEPENDS "${abs}" ${AG_CONVERT_TARGET}
      DEPFILE "${out}.d"
      COMMENT "ag-convert ${rel} -> ${shown}"
      COMMAND_EXPAND_LISTS
      VERBATIM)

    # Compile the rewritten copy instead of the original.
    set(replaced FALSE)
    set(new_sources)
    foreach(s IN LISTS target_sources)
      get_filename_component(s_abs "${s}" ABSOLUTE)
      if(s_abs STREQUAL abs)
        list(APPEND new_sources "${out}")
        set(replaced TRUE)
      else()
        list(APPEND new_sources "${s}")
      endif()
    endforeach()
    if(NOT replaced)
      list(APPEND new_sources "${out}")
    endif()
    set(target_sources ${new_sources})
    set_source_files_properties("${out}" PROPERTIES
      GENERATED TRUE
      INCLUDE_DIRECTORIES "${src_dir}")
  endforeach()
  set_property(TARGET ${target} PROPERTY SOURCES ${target_sources})
  # Twins call the tracer and ag::function: AG::ag (which links the
  # MLIR-free AG::runtime). Appending to the property (rather than calling
  # target_link_libraries) works whichever signature the user's own
  # target_link_libraries calls use.
  if(NOT AG_LIBRARY_TARGET)
    set(AG_LIBRARY_TARGET AG::ag)
  endif()
  set_property(TARGET ${target} APPEND PROPERTY LINK_LIBRARIES ${AG_LIBRARY_TARGET})
endfunction()
