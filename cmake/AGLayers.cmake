# ag_check_no_compiler_stack(<target>...): fails configure if a target, or a
# target it links (transitively), links MLIR, LLVM or Clang or has their
# headers on its include path. The runtime proper (tensors, kernels,
# Program, evaluator) and its unit tests must build without the compiler
# stack (DESIGN.md: "layers the linker enforces"). AGSemantics, the
# header-only op definitions both the runtime and the dialect use, is
# standard-library-only and so passes this check.
function(ag_check_no_compiler_stack)
  set(forbidden_libs MLIR LLVM clang-cpp ag_llvm_headers AGDialect)
  set(forbidden_dirs ${LLVM_INCLUDE_DIRS} ${MLIR_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS})
  foreach(root ${ARGN})
    set(queue ${root})
    set(seen)
    while(queue)
      list(POP_FRONT queue t)
      string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" t "${t}")
      if(t IN_LIST seen OR t MATCHES "^\\$<")
        continue()
      endif()
      list(APPEND seen ${t})
      if(t IN_LIST forbidden_libs)
        message(FATAL_ERROR "${root} must not depend on the compiler stack, "
                            "but it links ${t} (through ${seen})")
      endif()
      if(NOT TARGET ${t}) # a plain library name (pthread, dl)
        continue()
      endif()
      get_target_property(type ${t} TYPE)
      set(props INTERFACE_LINK_LIBRARIES INTERFACE_INCLUDE_DIRECTORIES)
      if(NOT type STREQUAL "INTERFACE_LIBRARY")
        list(APPEND props LINK_LIBRARIES INCLUDE_DIRECTORIES)
      endif()
      foreach(prop ${props})
        get_target_property(values ${t} ${prop})
        if(NOT values)
          continue()
        endif()
        if(prop MATCHES "LINK_LIBRARIES")
          list(APPEND queue ${values})
        else()
          foreach(dir ${values})
            if(dir IN_LIST forbidden_dirs)
              message(FATAL_ERROR "${root} must build without the compiler "
                                  "stack's headers, but ${t} adds ${dir}")
            endif()
          endforeach()
        endif()
      endforeach()
    endwhile()
  endforeach()
endfunction()

# ag_check_public_api_only(<target>...): fails configure if a target's
# include path, or one a library it links (transitively) exports, holds a
# folder of lib/ or runtime/: those hold each component's private headers
# (GraphImpl.h, StoreRun.h, ...). Such a target can include only the public
# headers (include/ag, a component's generated include/ folder), so a private
# include fails to compile instead of quietly coupling a tool to internals.
function(ag_check_public_api_only)
  set(private_roots "${AG_SOURCE_DIR}/lib" "${AG_SOURCE_DIR}/runtime")
  foreach(root ${ARGN})
    get_target_property(queue ${root} LINK_LIBRARIES)
    get_target_property(dirs ${root} INCLUDE_DIRECTORIES)
    set(owners)
    foreach(dir ${dirs})
      list(APPEND owners ${root})
    endforeach()
    set(seen)
    while(queue)
      list(POP_FRONT queue t)
      string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" t "${t}")
      if(t IN_LIST seen OR t MATCHES "^\\$<" OR NOT TARGET ${t})
        continue()
      endif()
      list(APPEND seen ${t})
      foreach(prop INTERFACE_INCLUDE_DIRECTORIES INTERFACE_LINK_LIBRARIES)
        get_target_property(values ${t} ${prop})
        if(NOT values)
          continue()
        endif()
        if(prop STREQUAL "INTERFACE_LINK_LIBRARIES")
          list(APPEND queue ${values})
        else()
          list(APPEND dirs ${values})
          foreach(dir ${values})
            list(APPEND owners ${t})
          endforeach()
        endif()
      endforeach()
    endwhile()
    foreach(dir owner IN ZIP_LISTS dirs owners)
      string(REGEX REPLACE "^\\$<BUILD_INTERFACE:(.*)>$" "\\1" dir "${dir}")
      foreach(private ${private_roots})
        cmake_path(IS_PREFIX private "${dir}" NORMALIZE inside)
        if(inside)
          message(FATAL_ERROR "${root} may use ag's public headers only, but "
                              "${owner} puts ${dir} on its include path")
        endif()
      endforeach()
    endforeach()
  endforeach()
endfunction()

# ag_check_links_alone(<library>...): builds, for each static library, a
# shared object holding all of it and linked with -Wl,--no-undefined
# against only what the library declares it links. A call into a layer
# above (a symbol the library does not declare a dependency for) then fails
# the build: static archives alone never notice, as every program links all
# layers anyway.
# Skipped in sanitizer builds: their runtimes are linked into executables
# only, so every instrumented shared object leaves their symbols undefined
# (the normal build runs the check).
function(ag_check_links_alone)
  if(CMAKE_CXX_FLAGS MATCHES "-fsanitize")
    return()
  endif()
  foreach(lib ${ARGN})
    set(check ${lib}.links-alone)
    add_library(${check} SHARED ${AG_SOURCE_DIR}/cmake/ag_layer_anchor.cpp)
    target_link_libraries(${check} PRIVATE
      -Wl,--whole-archive ${lib} -Wl,--no-whole-archive)
    target_link_options(${check} PRIVATE -Wl,--no-undefined)
    set_target_properties(${check} PROPERTIES
      LIBRARY_OUTPUT_DIRECTORY "${AG_BINARY_DIR}/layer-checks")
  endforeach()
endfunction()

# ag_add_shared_library(<name> LAYERS <static library>...): one shared
# library holding every object of the given layers (all of them: twin and
# dialect registrations live in objects nothing references). What the
# layers link is linked privately, except that a layer of a shared library
# made before is replaced by that library, so no object is in two shared
# libraries (two copies of a registry or a buffer cache would each see half
# the program). Linked with -Wl,--no-undefined, so a layer that calls one
# it does not link (e.g. the runtime calling up into the session) fails the
# build.
function(ag_add_shared_library name)
  cmake_parse_arguments(ARG "" "" "LAYERS" ${ARGN})
  set(objects)
  foreach(layer ${ARG_LAYERS})
    list(APPEND objects $<TARGET_OBJECTS:${layer}>)
    set_property(GLOBAL PROPERTY AG_SHARED_LIBRARY_OF_${layer} ${name})
  endforeach()
  set(deps)
  foreach(layer ${ARG_LAYERS})
    get_target_property(libs ${layer} LINK_LIBRARIES)
    if(NOT libs)
      continue()
    endif()
    foreach(lib ${libs})
      if(lib IN_LIST ARG_LAYERS)
        continue()
      endif()
      get_property(owner GLOBAL PROPERTY AG_SHARED_LIBRARY_OF_${lib})
      if(owner)
        list(APPEND deps ${owner})
      elseif(lib MATCHES "^AG" AND TARGET ${lib})
        get_target_property(type ${lib} TYPE)
        if(type STREQUAL "STATIC_LIBRARY")
          message(FATAL_ERROR "${name}: layer ${layer} links ${lib}, which "
                              "is in no shared library made before it")
        endif()
        list(APPEND deps ${lib})
      else()
        list(APPEND deps ${lib})
      endif()
    endforeach()
  endforeach()
  list(REMOVE_DUPLICATES deps)
  add_library(${name} SHARED ${objects})
  target_link_libraries(${name} PRIVATE ${deps})
  if(NOT CMAKE_CXX_FLAGS MATCHES "-fsanitize")
    target_link_options(${name} PRIVATE -Wl,--no-undefined)
  endif()
endfunction()
