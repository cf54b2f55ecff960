# The client library against fake servers, nerc's parts, and nerc run as a
# program against its own test plugin (tests/plugins/nerc_fixture.c, built
# into a folder of its own so the bundled plugin folder stays clean).
if(TARGET nerd_client)
  nerd_add_test(client SOURCES client_test.c LIBS nerd_client nng::nng)
  # Criterion's runner leaks a block with --jobs 2 (see the file).
  set_tests_properties(client PROPERTIES ENVIRONMENT
    "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/server_lsan.supp")
endif()
if(TARGET nerc)
  set(NERC_TEST_PLUGIN_DIR ${CMAKE_BINARY_DIR}/tests/nerc_plugins)
  add_library(nerc_fixture MODULE plugins/nerc_fixture.c)
  set_target_properties(nerc_fixture PROPERTIES PREFIX ""
    LIBRARY_OUTPUT_DIRECTORY ${NERC_TEST_PLUGIN_DIR})
  target_include_directories(nerc_fixture PRIVATE
    ${PROJECT_SOURCE_DIR}/include)
  target_link_options(nerc_fixture PRIVATE -Wl,--no-undefined)

  nerd_add_test(nerc_args SOURCES nerc_args_test.c LIBS nerc_parts)
  nerd_add_test(nerc_json SOURCES nerc_json_test.c LIBS nerc_parts)
  nerd_add_test(nerc_table SOURCES nerc_table_test.c LIBS nerc_parts)
  nerd_add_test(nerc_cli SOURCES nerc_cli_test.c LIBS PkgConfig::JANSSON)
  target_compile_definitions(test_nerc_cli PRIVATE
    NERC_TEST_PLUGIN_DIR="${NERC_TEST_PLUGIN_DIR}")
  add_dependencies(test_nerc_cli nerc nerc_fixture)
  if(TARGET nerd)
    nerd_add_test(nerc_remote SOURCES nerc_remote_test.c)
    target_compile_definitions(test_nerc_remote PRIVATE
      NERC_TEST_PLUGIN_DIR="${NERC_TEST_PLUGIN_DIR}")
    add_dependencies(test_nerc_remote nerd nerc nerc_fixture)
  endif()
endif()
