# Failover: two servers, a client dialing both, one SIGKILLed mid-run
# (tests/tsan/failover.c).  Runs in the normal build (label faults) and
# the ThreadSanitizer build (label tsan).  Server A gets the FIFO-gated
# test plugin in a folder of its own, built here so the TSan build (which
# skips the Criterion areas) has it too.
if(TARGET nerd AND TARGET nerd_client)
  set(FAILOVER_PLUGIN_DIR ${CMAKE_BINARY_DIR}/tests/failover_plugins)
  file(MAKE_DIRECTORY ${FAILOVER_PLUGIN_DIR})
  add_library(failover_probe MODULE
    ${CMAKE_CURRENT_LIST_DIR}/../plugins/server_probe.c)
  set_target_properties(failover_probe PROPERTIES
    OUTPUT_NAME server_probe PREFIX ""
    LIBRARY_OUTPUT_DIRECTORY ${FAILOVER_PLUGIN_DIR})
  target_include_directories(failover_probe PRIVATE
    ${PROJECT_SOURCE_DIR}/include)
  target_link_options(failover_probe PRIVATE -Wl,--no-undefined)

  add_executable(failover ${CMAKE_CURRENT_LIST_DIR}/failover.c)
  target_include_directories(failover PRIVATE ${PROJECT_SOURCE_DIR}/include)
  target_link_libraries(failover PRIVATE nerd_client Threads::Threads)
  target_compile_definitions(failover PRIVATE
    NERD_SERVER_BIN="$<TARGET_FILE:nerd>"
    NERD_TEST_PLUGIN_DIR="${NERD_BUILD_PLUGIN_DIR}"
    FAILOVER_PLUGIN_DIR="${FAILOVER_PLUGIN_DIR}")
  add_dependencies(failover nerd failover_probe)
  add_test(NAME failover COMMAND failover)
  set_tests_properties(failover PROPERTIES LABELS "faults;tsan" TIMEOUT 120)
endif()
