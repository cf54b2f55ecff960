# The core tests' plugins: tests/plugins/testplug.c built many times over
# with different names, kinds and defects.  Included by tests/core.cmake
# and tests/tsan/core.cmake, once.
include_guard(GLOBAL)

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
  add_library(${t} MODULE ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/testplug.c)
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
# crash/: an init() that aborts, refused only when probed in a child.
core_test_plugin(crash crashing_init P1 boom VARIANT CRASH_INIT)
core_test_plugin(crash steady P1 calm)
# cycle/ and unmet/: plugins the pipeline cannot take, next to one it
# can (bystander).
core_test_plugin(cycle cyc_a P1 ying C1 yang)
core_test_plugin(cycle cyc_b P1 yang C1 ying)
core_test_plugin(cycle bystander P1 other)
core_test_plugin(cycle behind_cycle P1 shade C1 ying)
core_test_plugin(unmet lonely P1 quiet C1 nothing)
core_test_plugin(unmet needs_lonely P1 louder C1 quiet)
core_test_plugin(unmet selfish P1 mirror C1 mirror)
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
core_test_plugin(pipe keyed P1 keyed MODE keys WORD Nato)
core_test_plugin(pipe waiter P1 wait MODE cancel)
# edges/: texts that end at the end of a readable page.
core_test_plugin(edges edges P1 edge MODE edges)
# byname/: kinds given by name from a buffer the plugin reuses.
core_test_plugin(byname byname P1 alpha P2 beta MODE byname)

# malformed/: descriptors and init() messages the loader must refuse or
# make safe, next to a good plugin that must still load.
core_test_plugin(malformed good_a P1 alpha)
core_test_plugin(malformed garbled_init P1 g1 VARIANT GARBLED_INIT)
core_test_plugin(malformed bad_version P1 g2 VARIANT BAD_VERSION)
core_test_plugin(malformed bad_desc P1 g3 VARIANT BAD_DESC)
core_test_plugin(malformed entry_data P1 g4 VARIANT ENTRY_DATA)
core_test_plugin(malformed upper_kind P1 Person)
core_test_plugin(malformed Bad_Name FILE bad_name P1 g5)
# garble/: a plugin whose recognize() misbehaves, next to a good one.
core_test_plugin(garble garbler P1 garbled MODE garble)
core_test_plugin(garble cities P1 place WORD Moscow VALUE RU)
core_test_plugin(garble scorer P1 scored MODE scores)
