# The core library's suites: tokenizer, merge, registry (with the test
# plugins below), recognize and convert.

# core_test_plugin(SET NAME [FILE f] [P1 k] [P2 k] [C1 k] [MODE m] [WORD w]
#                  [VALUE v] [VARIANT v])
#   Builds tests/plugins/testplug.c as <build>/core_plugins/SET/FILE.so
#   (FILE defaults to NAME), named NAME, with the given kinds and mode.
set(CORE_TP_DIR ${CMAKE_BINARY_DIR}/core_plugins)
set(CORE_TP_TARGETS "")
function(core_test_plugin set name)
  cmake_parse_arguments(P "" "FILE;P1;P2;C1;MODE;WORD;VALUE;VARIANT" "" ${ARGN})
  if(NOT P_FILE)
    set(P_FILE ${name})
  endif()
  set(t core_tp_${set}_${P_FILE})
  add_library(${t} MODULE ${CMAKE_CURRENT_SOURCE_DIR}/plugins/testplug.c)
  set_target_properties(${t} PROPERTIES OUTPUT_NAME ${P_FILE} PREFIX ""
    LIBRARY_OUTPUT_DIRECTORY ${CORE_TP_DIR}/${set})
  target_include_directories(${t} PRIVATE ${PROJECT_SOURCE_DIR}/include)
  target_link_options(${t} PRIVATE -Wl,--no-undefined)
  set(defs TP_NAME="${name}" TP_P1="${P_P1}")
  foreach(opt P2 C1 MODE WORD VALUE)
    if(P_${opt})
      list(APPEND defs TP_${opt}="${P_${opt}}")
    endif()
  endforeach()
  if(P_VARIANT)
    list(APPEND defs TP_${P_VARIANT})
  endif()
  target_compile_definitions(${t} PRIVATE ${defs})
  set(CORE_TP_TARGETS ${CORE_TP_TARGETS} ${t} PARENT_SCOPE)
endfunction()

# refuse/: the loader keeps the good ones and refuses each broken one.
core_test_plugin(refuse good_a P1 alpha)
core_test_plugin(refuse good_b P1 beta C1 alpha)
core_test_plugin(refuse bad_magic P1 x1 VARIANT BAD_MAGIC)
core_test_plugin(refuse other_abi P1 x2 VARIANT OTHER_ABI)
core_test_plugin(refuse short_struct P1 x3 VARIANT SHORT)
core_test_plugin(refuse no_entry P1 x4 VARIANT NO_ENTRY)
core_test_plugin(refuse not_reentrant P1 x5 VARIANT NOT_REENTRANT)
core_test_plugin(refuse reserved_set P1 x6 VARIANT RESERVED)
core_test_plugin(refuse failing_init P1 gamma VARIANT FAIL_INIT)
core_test_plugin(refuse needs_gamma P1 delta C1 gamma)
core_test_plugin(refuse good_a FILE zz_dup P1 alpha)
# cycle/ and unmet/: pipelines that cannot be built.
core_test_plugin(cycle cyc_a P1 ying C1 yang)
core_test_plugin(cycle cyc_b P1 yang C1 ying)
core_test_plugin(cycle bystander P1 other)
core_test_plugin(unmet lonely P1 quiet C1 nothing)
core_test_plugin(unmet bystander P1 other)
# pipe/: a working pipeline for recognition.
core_test_plugin(pipe caps P1 name MODE caps)
core_test_plugin(pipe cities P1 place WORD Moscow VALUE RU)
core_test_plugin(pipe orgs_one P1 org WORD NATO VALUE nato-one)
core_test_plugin(pipe orgs_two P1 org P2 group WORD NATO VALUE nato-two)
core_test_plugin(pipe member P1 membership C1 org MODE derive)
core_test_plugin(pipe report P1 report C1 membership MODE derive)
core_test_plugin(pipe flaky P1 flaky MODE fail)
core_test_plugin(pipe checker P1 check MODE badspans)
core_test_plugin(pipe flood P1 flood MODE flood)
core_test_plugin(pipe docinfo P1 docinfo MODE doc)
core_test_plugin(pipe conf P1 conf MODE config)
core_test_plugin(pipe scratchy P1 scratch MODE scratch)
core_test_plugin(pipe waiter P1 wait MODE cancel)

nerd_add_test(tokenizer SOURCES tokenizer_test.c LIBS nerd_core)
nerd_add_test(merge SOURCES merge_test.c LIBS nerd_core)
nerd_add_test(arena SOURCES arena_test.c LIBS nerd_core)
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

# Threads and reloads, a plain program so it also runs under TSan (where
# Criterion cannot start).
add_executable(test_pipeline pipeline_test.c)
target_include_directories(test_pipeline PRIVATE ${PROJECT_SOURCE_DIR})
target_link_libraries(test_pipeline PRIVATE nerd_core Threads::Threads)
target_compile_definitions(test_pipeline PRIVATE CORE_TP_DIR="${CORE_TP_DIR}")
add_dependencies(test_pipeline ${CORE_TP_TARGETS})
add_test(NAME pipeline_threads COMMAND test_pipeline)
set_tests_properties(pipeline_threads PROPERTIES TIMEOUT 300)

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
