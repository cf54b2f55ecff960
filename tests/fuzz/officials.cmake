# The officials recogniser alone on arbitrary text (tests/fuzz/officials_fuzz.c).
if(TARGET officials_core)
  nerd_add_fuzz(officials SOURCES ${CMAKE_CURRENT_LIST_DIR}/officials_fuzz.c
    LIBS officials_core nerd_core SECONDS 8)
  target_compile_definitions(fuzz_officials PRIVATE
    NERD_TEST_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
endif()
