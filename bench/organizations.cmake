# organizations_bench: the organizations recognizer's single-thread MB/s,
# with the shared tokenizer as the baseline; --predict prints its entities
# for a JSONL file (eval format) without a server.
if(TARGET nerd_organizations)
  add_executable(organizations_bench organizations_bench.c)
  target_link_libraries(organizations_bench PRIVATE nerd_organizations
    nerd_core PkgConfig::JANSSON)
  target_compile_definitions(organizations_bench PRIVATE _GNU_SOURCE
    ORG_BENCH_DATA="${PROJECT_SOURCE_DIR}/plugins/organizations/data"
    ORG_BENCH_COMMON="${PROJECT_SOURCE_DIR}/plugins/common/data")
endif()
