# The client library against fake servers, and nerc run as a program.
if(TARGET nerd_client)
  nerd_add_test(client SOURCES client_test.c LIBS nerd_client nng::nng)
endif()
