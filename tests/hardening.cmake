# Hardening suites: hostile requests against the real server, plugins
# that fail or crash, loader refusals of unsafe files.  The server suites
# follow tests/server.cmake's pattern (that file is included after this
# one, so its function is not visible here).
include(${CMAKE_CURRENT_LIST_DIR}/plugins/core_plugins.cmake)
if(TARGET nerd)
  # hardfail/: a working plugin, one that fails every call and one that
  # runs until its deadline and then reports the cancellation.
  core_test_plugin(hardfail caps P1 name MODE caps)
  core_test_plugin(hardfail flaky P1 flaky MODE fail)
  # hardkinds/: a second kind next to server_probe's, nothing slow.
  core_test_plugin(hardkinds caps P1 name MODE caps)
  add_library(hard_tp_slow MODULE plugins/hard_slow.c)
  set_target_properties(hard_tp_slow PROPERTIES OUTPUT_NAME zz_slow
    PREFIX "" LIBRARY_OUTPUT_DIRECTORY ${CORE_TP_DIR}/hardfail)
  target_include_directories(hard_tp_slow PRIVATE
    ${PROJECT_SOURCE_DIR}/include)
  target_link_options(hard_tp_slow PRIVATE -Wl,--no-undefined)

  function(nerd_add_hardening_test name)
    nerd_add_test(${name} SOURCES ${name}_test.c server_harness.c
      LIBS nerd_proto nng::nng ${ARGN})
    target_compile_definitions(test_${name} PRIVATE
      NERD_SERVER_BIN="$<TARGET_FILE:nerd>"
      SERVER_TEST_PLUGIN_DIR="${CMAKE_BINARY_DIR}/tests/server_plugins"
      CORE_TP_DIR="${CORE_TP_DIR}")
    add_dependencies(test_${name} nerd plugin_server_probe
      core_tp_hardfail_caps core_tp_hardfail_flaky core_tp_hardkinds_caps hard_tp_slow
      core_tp_crash_crashing_init core_tp_crash_steady core_tp_refuse_good_a)
    set_tests_properties(${name} PROPERTIES ENVIRONMENT
      "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/server_lsan.supp")
  endfunction()

  nerd_add_hardening_test(server_catalogue)
  nerd_add_hardening_test(server_degrade)
  nerd_add_hardening_test(server_crash)
endif()

if(TARGET nerd_server)
  nerd_add_test(server_wire SOURCES server_wire_test.c LIBS nerd_server)
endif()

# Loader refusals of plugin files and folders others could change.
nerd_add_test(loader_perms SOURCES loader_perms_test.c LIBS nerd_core)
add_dependencies(test_loader_perms core_tp_refuse_good_a)
target_compile_definitions(test_loader_perms PRIVATE
  CORE_TP_DIR="${CORE_TP_DIR}")
