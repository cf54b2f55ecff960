# dates_bench: the dates recognizer's single-thread MB/s (CPU time) over the
# texts of JSONL files, with the shared tokenizer as the baseline;
# --jsonl prints its predictions (eval format) without a server.
#   dates_bench plugins/dates/data shared/eval/diplo/dev.jsonl ...
if(TARGET nerd_dates)
  add_executable(dates_bench dates_bench.c)
  target_link_libraries(dates_bench PRIVATE nerd_dates nerd_core
    PkgConfig::JANSSON)
  target_compile_definitions(dates_bench PRIVATE _GNU_SOURCE)
endif()
