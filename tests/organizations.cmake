# The organizations plugin: its parts (word table, lexicon, selection),
# every form of issue 5 through the recognizer, and the built plugin end
# to end through the core registry.
if(TARGET nerd_organizations)
  nerd_add_test(organizations_parts SOURCES organizations_parts_test.c
    LIBS nerd_organizations nerd_core)
  nerd_add_test(organizations_forms SOURCES organizations_forms_test.c
    LIBS nerd_organizations nerd_core)
  nerd_add_test(organizations_plugin SOURCES organizations_plugin_test.c plugin_load.c
    LIBS nerd_core)
  add_dependencies(test_organizations_plugin plugin_organizations)
endif()
if(TARGET nerd_organizations)
  nerd_add_test(organizations_scale SOURCES organizations_scale_test.c
    LIBS nerd_organizations nerd_core)
endif()
