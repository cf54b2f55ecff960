# The server under concurrent load, reloads and a drain.  Runs in the
# normal build (label faults) and the ThreadSanitizer build (label tsan).
if(TARGET nerd AND TARGET nerd_client)
  add_executable(server_stress ${CMAKE_CURRENT_LIST_DIR}/server_stress.c)
  target_include_directories(server_stress PRIVATE ${PROJECT_SOURCE_DIR}/include)
  target_link_libraries(server_stress PRIVATE nerd_client Threads::Threads)
  target_compile_definitions(server_stress PRIVATE
    NERD_SERVER_BIN="$<TARGET_FILE:nerd>"
    NERD_TEST_PLUGIN_DIR="${NERD_BUILD_PLUGIN_DIR}")
  add_dependencies(server_stress nerd)
  add_test(NAME server_stress COMMAND server_stress)
  set_tests_properties(server_stress PROPERTIES LABELS "faults;tsan"
    TIMEOUT 300)
endif()
