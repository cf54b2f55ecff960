# nerd-echo, the benchmarks' transport baseline, driven by nerbench.
if(TARGET nerd-echo AND TARGET nerbench)
  nerd_add_test(bench_echo SOURCES bench_echo_test.c)
  add_dependencies(test_bench_echo nerd-echo nerbench)
endif()

# scripts/compare.sh, which compares two builds' speed by the clock.
if(TARGET pipeline_bench)
  add_test(NAME bench_compare
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/bench_compare_test.sh
      ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
  set_tests_properties(bench_compare PROPERTIES TIMEOUT 120)
endif()
