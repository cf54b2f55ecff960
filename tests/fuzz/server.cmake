# The server's request handling: envelope decoding and dispatch through an
# in-process server (tests/fuzz/envelope_fuzz.c).  -close_fd_mask=2 keeps
# the server's log lines (every INTERNAL is logged) out of the output;
# libFuzzer and the sanitizers still report on a copy of stderr.
if(TARGET nerd_server)
  nerd_add_fuzz(envelope SOURCES ${CMAKE_CURRENT_LIST_DIR}/envelope_fuzz.c
    LIBS nerd_server
    SECONDS 8 ARGS -close_fd_mask=2)
  foreach(p dates officials organizations membership)
    if(TARGET plugin_${p})
      add_dependencies(fuzz_envelope plugin_${p})
    endif()
  endforeach()
endif()
