# pipeline_threads: many threads recognising while registries are
# reloaded and swapped.  A plain program (no Criterion), so the TSan build,
# which cannot start Criterion, runs it too.  Included by tests/core.cmake
# and, in TSan builds, with the other tests/tsan/*.cmake.
include_guard(GLOBAL)
include(${CMAKE_CURRENT_LIST_DIR}/../plugins/core_plugins.cmake)

add_executable(test_pipeline ${CMAKE_CURRENT_LIST_DIR}/../pipeline_test.c)
target_include_directories(test_pipeline PRIVATE ${PROJECT_SOURCE_DIR})
target_link_libraries(test_pipeline PRIVATE nerd_core Threads::Threads)
target_compile_definitions(test_pipeline PRIVATE
  CORE_TP_DIR="${CORE_TP_DIR}")
add_dependencies(test_pipeline ${CORE_TP_TARGETS})
add_test(NAME pipeline_threads COMMAND test_pipeline)
set_tests_properties(pipeline_threads PROPERTIES TIMEOUT 300 LABELS "tsan")
