# nerd_add_plugin(NAME SOURCES src... [LIBS lib...] [DATA dir])
#   Builds plugins/<NAME>.so into the build tree's plugin folder, links the
#   data folder next to it as plugins/<NAME>/ (so edits show without a
#   rebuild) and installs both.  Plugins never link against the server.
function(nerd_add_plugin name)
  cmake_parse_arguments(P "" "DATA" "SOURCES;LIBS" ${ARGN})
  add_library(plugin_${name} MODULE ${P_SOURCES})
  set_target_properties(plugin_${name} PROPERTIES
    OUTPUT_NAME ${name} PREFIX ""
    LIBRARY_OUTPUT_DIRECTORY ${NERD_BUILD_PLUGIN_DIR})
  target_include_directories(plugin_${name} PRIVATE
    ${PROJECT_SOURCE_DIR}/include ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(plugin_${name} PRIVATE ${P_LIBS})
  # Every symbol resolved at link time, except in sanitizer builds, where
  # the sanitizer runtime comes with the host program.
  if(NOT NERD_SANITIZE)
    target_link_options(plugin_${name} PRIVATE -Wl,--no-undefined)
  endif()
  install(TARGETS plugin_${name} LIBRARY DESTINATION ${NERD_INSTALL_PLUGIN_DIR})
  if(P_DATA)
    nerd_link_data(${P_DATA} ${name})
  endif()
endfunction()

# nerd_link_data(SRC_DIR NAME): plugins/<NAME> in the build tree points at
# SRC_DIR; installed as a copy.
function(nerd_link_data src name)
  if(NOT IS_ABSOLUTE ${src})
    set(src ${CMAKE_CURRENT_SOURCE_DIR}/${src})
  endif()
  file(REMOVE ${NERD_BUILD_PLUGIN_DIR}/${name})
  file(CREATE_LINK ${src} ${NERD_BUILD_PLUGIN_DIR}/${name} SYMBOLIC)
  install(DIRECTORY ${src}/ DESTINATION ${NERD_INSTALL_PLUGIN_DIR}/${name})
endfunction()

# nerd_add_test(NAME SOURCES src... [LIBS lib...] [TIMEOUT s])
#   One Criterion suite = one executable = one ctest entry.
function(nerd_add_test name)
  cmake_parse_arguments(T "" "TIMEOUT" "SOURCES;LIBS" ${ARGN})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  add_executable(test_${name} ${T_SOURCES})
  target_include_directories(test_${name} PRIVATE
    ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR})
  target_link_libraries(test_${name} PRIVATE ${T_LIBS} PkgConfig::CRITERION
    Threads::Threads)
  target_compile_definitions(test_${name} PRIVATE
    NERD_TEST_PLUGIN_DIR="${NERD_BUILD_PLUGIN_DIR}"
    NERD_TEST_BINARY_DIR="${CMAKE_BINARY_DIR}"
    NERD_TEST_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_test(NAME ${name} COMMAND test_${name} --jobs 2)
  set_tests_properties(${name} PROPERTIES TIMEOUT ${T_TIMEOUT})
endfunction()

# nerd_add_fuzz(NAME SOURCES src... [LIBS lib...] [SECONDS s] [ARGS a...])
#   A libFuzzer target (NERD_BUILD_FUZZ=ON, clang).  ctest runs it for a
#   bounded time (label "fuzz") on a copy of tests/fuzz/corpus/NAME, so a
#   run never writes into the source tree; crashes land in the build tree.
#   ARGS are extra libFuzzer flags for that run.
function(nerd_add_fuzz name)
  cmake_parse_arguments(F "" "SECONDS" "SOURCES;LIBS;ARGS" ${ARGN})
  if(NOT F_SECONDS)
    set(F_SECONDS 10)
  endif()
  add_executable(fuzz_${name} ${F_SOURCES})
  target_include_directories(fuzz_${name} PRIVATE
    ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR})
  target_link_libraries(fuzz_${name} PRIVATE ${F_LIBS})
  target_compile_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
  target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
  target_compile_definitions(fuzz_${name} PRIVATE
    NERD_TEST_PLUGIN_DIR="${NERD_BUILD_PLUGIN_DIR}")
  set(seeds ${PROJECT_SOURCE_DIR}/tests/fuzz/corpus/${name})
  set(work ${CMAKE_CURRENT_BINARY_DIR}/fuzz-${name})
  add_test(NAME fuzz_${name}
    COMMAND sh -c "rm -rf '${work}' && mkdir -p '${work}/corpus' '${work}/crashes' && { [ ! -d '${seeds}' ] || cp -r '${seeds}/.' '${work}/corpus/'; } && exec $<TARGET_FILE:fuzz_${name}> -max_total_time=${F_SECONDS} -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 ${F_ARGS} -artifact_prefix='${work}/crashes/' '${work}/corpus'")
  set_tests_properties(fuzz_${name} PROPERTIES LABELS fuzz
    TIMEOUT ${F_SECONDS}0)
endfunction()
