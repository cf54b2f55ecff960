# The server's suites.  They start the real nerd binary on ipc:// (or
# tls+tcp://) addresses in temporary folders, with the test plugin below
# in a folder of its own, and call it with raw NNG + protobuf-c.
if(TARGET nerd)
  set(SERVER_TEST_PLUGIN_DIR ${CMAKE_BINARY_DIR}/tests/server_plugins)
  file(MAKE_DIRECTORY ${SERVER_TEST_PLUGIN_DIR})
  add_library(plugin_server_probe MODULE plugins/server_probe.c)
  set_target_properties(plugin_server_probe PROPERTIES
    OUTPUT_NAME server_probe PREFIX ""
    LIBRARY_OUTPUT_DIRECTORY ${SERVER_TEST_PLUGIN_DIR})
  target_include_directories(plugin_server_probe PRIVATE
    ${PROJECT_SOURCE_DIR}/include)
  target_link_options(plugin_server_probe PRIVATE -Wl,--no-undefined)

  function(nerd_add_server_test name)
    nerd_add_test(${name} SOURCES ${name}_test.c server_harness.c
      LIBS nerd_proto nng::nng ${ARGN})
    target_compile_definitions(test_${name} PRIVATE
      NERD_SERVER_BIN="$<TARGET_FILE:nerd>"
      SERVER_TEST_PLUGIN_DIR="${SERVER_TEST_PLUGIN_DIR}")
    add_dependencies(test_${name} nerd plugin_server_probe)
    set_tests_properties(${name} PROPERTIES ENVIRONMENT
      "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/server_lsan.supp")
  endfunction()

  nerd_add_server_test(server_rpc)
  nerd_add_server_test(server_errors)
  nerd_add_server_test(server_lifecycle)
  nerd_add_server_test(server_security)
  # Unit suites of the server library's parts.
  nerd_add_server_test(server_parts nerd_server)

  find_program(NNGCAT nngcat)
  find_program(PROTOC protoc)
  if(NNGCAT AND PROTOC)
    add_test(NAME server_cli
      COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/server_cli_test.sh
        $<TARGET_FILE:nerd> ${SERVER_TEST_PLUGIN_DIR}
        ${PROJECT_SOURCE_DIR}/proto/nerd.proto)
    set_tests_properties(server_cli PROPERTIES TIMEOUT 60)
  endif()
endif()
