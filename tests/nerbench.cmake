if(TARGET nerbench_parts)
  nerd_add_test(nerbench_histogram SOURCES nerbench_histogram_test.c
                LIBS nerbench_parts)
endif()
