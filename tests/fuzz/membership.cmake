# The membership recognizer on arbitrary bytes and arbitrary upstream
# entities: never a crash, never a span outside the text.
if(TARGET nerd_membership_core)
  nerd_add_fuzz(membership SOURCES ${CMAKE_CURRENT_LIST_DIR}/membership_fuzz.c
    LIBS nerd_membership_core nerd_plugin_common nerd_core SECONDS 8)
  target_compile_definitions(fuzz_membership PRIVATE
    MB_FUZZ_DATA="${PROJECT_SOURCE_DIR}/plugins/membership/data"
    MB_FUZZ_COMMON="${PROJECT_SOURCE_DIR}/plugins/common/data")
endif()
