# The membership plugin's suites (plugins/membership): patterns and words,
# the lexicon, status cues, negative forms, member resolution,
# supersession, the plugin through its ABI, and what keeps the cost
# linear in the document's size.
foreach(suite pattern lexicon status negative members supersede plugin
    scale)
  nerd_add_test(membership_${suite}
    SOURCES membership_${suite}_test.c
    LIBS nerd_membership_core nerd_plugin_common nerd_core)
endforeach()
add_dependencies(test_membership_plugin plugin_membership)
