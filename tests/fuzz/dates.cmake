# The dates recognizer on arbitrary bytes (tests/fuzz/dates_fuzz.c).
if(TARGET nerd_dates)
  nerd_add_fuzz(dates SOURCES ${CMAKE_CURRENT_LIST_DIR}/dates_fuzz.c LIBS nerd_dates nerd_core
    SECONDS 20)
  add_dependencies(fuzz_dates plugin_dates)
endif()
