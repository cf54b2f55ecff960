# The organizations recognizer on arbitrary bytes: never a crash, never a
# span outside the text or off a token boundary.
if(TARGET nerd_organizations)
  nerd_add_fuzz(organizations SOURCES ${CMAKE_CURRENT_LIST_DIR}/organizations_fuzz.c
    LIBS nerd_organizations nerd_core SECONDS 8)
  target_compile_definitions(fuzz_organizations PRIVATE
    ORG_FUZZ_DATA="${PROJECT_SOURCE_DIR}/plugins/organizations/data"
    ORG_FUZZ_COMMON="${PROJECT_SOURCE_DIR}/plugins/common/data")
endif()
