# The core library's suites: tokenizer, merge, registry (with the test
# plugins in tests/plugins/), recognize, convert.
nerd_add_test(tokenizer SOURCES tokenizer_test.c LIBS nerd_core)
nerd_add_test(merge SOURCES merge_test.c LIBS nerd_core)
