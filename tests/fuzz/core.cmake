nerd_add_fuzz(pipeline SOURCES pipeline_fuzz.c LIBS nerd_core SECONDS 20)
nerd_add_fuzz(merge SOURCES merge_fuzz.c LIBS nerd_core SECONDS 10)
