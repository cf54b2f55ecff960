nerd_add_test(status SOURCES status_test.c LIBS nerd_core)
