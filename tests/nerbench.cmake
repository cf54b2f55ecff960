if(TARGET nerbench_parts)
  nerd_add_test(nerbench_histogram SOURCES nerbench_histogram_test.c
                LIBS nerbench_parts)
  nerd_add_test(nerbench_options SOURCES nerbench_options_test.c
                LIBS nerbench_parts)
  nerd_add_test(nerbench_engine SOURCES nerbench_engine_test.c
                LIBS nerbench_parts)
  target_compile_definitions(test_nerbench_engine PRIVATE _GNU_SOURCE)
endif()
if(TARGET nerbench_parts)
  nerd_add_test(nerbench_within SOURCES nerbench_within_test.c
                LIBS nerbench_parts)
endif()
