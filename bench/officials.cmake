# The officials plugin's recognition speed, single thread, in process.
if(TARGET officials_core)
  add_executable(officials_bench officials_bench.c)
  target_link_libraries(officials_bench PRIVATE officials_core nerd_core
    PkgConfig::JANSSON)
  target_include_directories(officials_bench PRIVATE ${PROJECT_SOURCE_DIR})
endif()
