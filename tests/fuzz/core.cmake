nerd_add_fuzz(pipeline SOURCES ${CMAKE_CURRENT_LIST_DIR}/pipeline_fuzz.c
              LIBS nerd_core SECONDS 10)
nerd_add_fuzz(merge SOURCES ${CMAKE_CURRENT_LIST_DIR}/merge_fuzz.c
              LIBS nerd_core SECONDS 5)
