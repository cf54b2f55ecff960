# The dates recognizer on arbitrary bytes (tests/fuzz/dates_fuzz.c).  It
# reads the grammar through the build tree's plugins/dates data link, so
# it does not need dates.so itself.
if(TARGET nerd_dates)
  nerd_add_fuzz(dates SOURCES ${CMAKE_CURRENT_LIST_DIR}/dates_fuzz.c
    LIBS nerd_dates nerd_core SECONDS 8)
endif()
