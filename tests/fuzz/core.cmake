nerd_add_fuzz(pipeline SOURCES ${CMAKE_CURRENT_LIST_DIR}/pipeline_fuzz.c
              LIBS nerd_core SECONDS 10)
# The whole pipeline runs the bundled plugins: build them first.
foreach(p dates officials organizations membership)
  if(TARGET plugin_${p})
    add_dependencies(fuzz_pipeline plugin_${p})
  endif()
endforeach()
nerd_add_fuzz(merge SOURCES ${CMAKE_CURRENT_LIST_DIR}/merge_fuzz.c
              LIBS nerd_core SECONDS 5)
# The tokenizer and its keys on arbitrary bytes, at every output size.
nerd_add_fuzz(tokenizer SOURCES ${CMAKE_CURRENT_LIST_DIR}/tokenizer_fuzz.c
              LIBS nerd_core SECONDS 10)
