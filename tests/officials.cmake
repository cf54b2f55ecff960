# The officials plugin: its lexicon, every form of issue 4 through the
# recogniser (offi_find), and the built plugin end to end through the core
# registry.
if(TARGET officials_core)
  nerd_add_test(officials_lex SOURCES officials_lex_test.c
    LIBS officials_core nerd_core)
  nerd_add_test(officials_parts SOURCES officials_parts_test.c
    LIBS officials_core nerd_core)
  nerd_add_test(officials_forms SOURCES officials_forms_test.c
    LIBS officials_core nerd_core)
  nerd_add_test(officials_plugin SOURCES officials_plugin_test.c plugin_load.c
    LIBS nerd_core)
  add_dependencies(test_officials_plugin plugin_officials)
endif()
