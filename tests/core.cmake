# The core library's suites: tokenizer, merge, registry (with the test
# plugins below), recognize and convert.

# The test plugins (core_test_plugin, CORE_TP_DIR, CORE_TP_TARGETS) and
# pipeline_threads, the plain program that also runs under TSan.
include(${CMAKE_CURRENT_LIST_DIR}/plugins/core_plugins.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/tsan/core.cmake)

nerd_add_test(tokenizer SOURCES tokenizer_test.c LIBS nerd_core)
nerd_add_test(merge SOURCES merge_test.c LIBS nerd_core)
nerd_add_test(arena SOURCES arena_test.c LIBS nerd_core)
nerd_add_test(key SOURCES key_test.c LIBS nerd_core)
nerd_add_test(registry SOURCES registry_test.c LIBS nerd_core)
nerd_add_test(recognize SOURCES recognize_test.c LIBS nerd_core)
nerd_add_test(convert SOURCES convert_test.c LIBS nerd_core)
foreach(t registry recognize convert)
  add_dependencies(test_${t} ${CORE_TP_TARGETS})
  target_compile_definitions(test_${t} PRIVATE
    CORE_TP_DIR="${CORE_TP_DIR}")
endforeach()

# plugins/example is built out of tree, as a plugin author would, through
# a pkg-config file that points at this source tree's headers; then a
# suite loads and runs it.
set(CORE_EX_BUILD ${CMAKE_BINARY_DIR}/example-oot)
set(CORE_EX_PC ${CMAKE_BINARY_DIR}/core-pkgconfig)
file(WRITE ${CORE_EX_PC}/nerd-plugin.pc
"includedir=${PROJECT_SOURCE_DIR}/include
plugindir=${CORE_EX_BUILD}/installed

Name: nerd-plugin
Description: nerd plugin headers (source tree, for tests)
Version: ${PROJECT_VERSION}
Cflags: -I\${includedir} -fvisibility=hidden -fPIC
")
add_test(NAME example_configure
  COMMAND ${CMAKE_COMMAND} -E env PKG_CONFIG_PATH=${CORE_EX_PC}
          ${CMAKE_COMMAND} -S ${PROJECT_SOURCE_DIR}/plugins/example
          -B ${CORE_EX_BUILD} -G ${CMAKE_GENERATOR}
          -DCMAKE_C_COMPILER=${CMAKE_C_COMPILER})
set_tests_properties(example_configure PROPERTIES FIXTURES_SETUP core_ex_cfg)
add_test(NAME example_build COMMAND ${CMAKE_COMMAND} --build ${CORE_EX_BUILD})
set_tests_properties(example_build PROPERTIES
  FIXTURES_REQUIRED core_ex_cfg FIXTURES_SETUP core_ex_so)
nerd_add_test(example SOURCES example_test.c LIBS nerd_core)
target_compile_definitions(test_example PRIVATE
  EXAMPLE_PLUGIN_DIR="${CORE_EX_BUILD}/plugins")
set_tests_properties(example PROPERTIES FIXTURES_REQUIRED core_ex_so)

# The example also compiles inside the main tree with its strict warnings
# (and so appears in compile_commands.json for clang-tidy).
add_library(core_example_compile OBJECT
  ${PROJECT_SOURCE_DIR}/plugins/example/example.c)
target_include_directories(core_example_compile PRIVATE
  ${PROJECT_SOURCE_DIR}/include)

# Criterion cannot start under ThreadSanitizer (its inheritable arena wants
# an address TSan reserves: "Could not initialize inheritable arena",
# Snaipe/Criterion#274), so in a TSan build the Criterion suites are
# disabled and pipeline_threads, a plain program, carries the check.
if(NERD_SANITIZE MATCHES "thread")
  set_tests_properties(tokenizer merge arena registry recognize convert example
    PROPERTIES DISABLED TRUE)
endif()
