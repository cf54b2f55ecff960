# The membership plugin's recognition speed (bench/membership_bench.c).
if(TARGET nerd_membership_core)
  add_executable(membership_bench ${CMAKE_CURRENT_LIST_DIR}/membership_bench.c)
  target_link_libraries(membership_bench PRIVATE nerd_membership_core
    nerd_plugin_common nerd_core PkgConfig::JANSSON)
  target_compile_definitions(membership_bench PRIVATE _GNU_SOURCE)
endif()
