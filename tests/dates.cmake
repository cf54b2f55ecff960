# The dates plugin: its grammar rule by rule, the forms and negatives of
# issue 3, its parts (calendar, lexicon, tense, document date) and the
# built dates.so end to end through the core registry.
if(TARGET nerd_dates)
  foreach(suite rules forms parts)
    nerd_add_test(dates_${suite} SOURCES dates_${suite}_test.c
      LIBS nerd_dates nerd_core)
  endforeach()
  nerd_add_test(dates_plugin SOURCES dates_plugin_test.c plugin_load.c LIBS nerd_core)
  add_dependencies(test_dates_plugin plugin_dates)
endif()
