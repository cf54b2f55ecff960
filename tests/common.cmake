# Shared plugin helpers (plugins/common): one suite per module.  The phrase
# and country suites tokenise with the core tokenizer, as the host does.
nerd_add_test(nerl_utf8 SOURCES nerl_utf8_test.c LIBS nerd_plugin_common)
nerd_add_test(nerl_tsv SOURCES nerl_tsv_test.c LIBS nerd_plugin_common)
nerd_add_test(nerl_phrases SOURCES nerl_phrases_test.c
  LIBS nerd_plugin_common nerd_core)
nerd_add_test(nerl_countries SOURCES nerl_countries_test.c
  LIBS nerd_plugin_common nerd_core)
nerd_add_test(nerl_keyed SOURCES nerl_keyed_test.c
  LIBS nerd_plugin_common nerd_core)
