# nerd-echo, the benchmarks' transport baseline, driven by nerbench.
if(TARGET nerd-echo AND TARGET nerbench)
  nerd_add_test(bench_echo SOURCES bench_echo_test.c)
  add_dependencies(test_bench_echo nerd-echo nerbench)
endif()
