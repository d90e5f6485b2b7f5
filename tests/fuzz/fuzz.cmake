# libFuzzer harnesses (NETSIM_FUZZ=ON, clang 16: Debian 12's clang-16 and
# libclang-rt-16-dev). Only the harnesses and what they link are built, with
# coverage, ASan and UBSan; tests/fuzz/README.md says how to run them.
#
# The front end the scenario and app-language harnesses need: the loader and
# the app language, over the devices' configuration parsers (zones, schedulers).
set(NETSIM_FUZZ_FRONT)
# python_loader reads `python:` apps; python_support is the seam to the interpreter, which
# the fuzz build does not link (it refuses `python:` as not built).
foreach(source loader yaml_util yaml_guard yaml_tree yaml_pieces units model address_checks dhcp_keys dns_loader netfilter_loader
       python_loader python_support)
  list(APPEND NETSIM_FUZZ_FRONT ${CMAKE_SOURCE_DIR}/sim/scenario/${source}.cpp)
endforeach()
foreach(source parser parse_cache expression_parser lexer builtins suggest value text_recycler utf8 py_error operators
       pure_calls)
  list(APPEND NETSIM_FUZZ_FRONT ${CMAKE_SOURCE_DIR}/sim/scenario/lang/${source}.cpp)
endforeach()
add_library(netsim_fuzz_front STATIC ${NETSIM_FUZZ_FRONT})
target_link_libraries(netsim_fuzz_front PUBLIC netsim_devices netsim_core yaml-cpp)

foreach(harness scenario app_parser wire)
  add_executable(fuzz_${harness} ${CMAKE_SOURCE_DIR}/tests/fuzz/fuzz_${harness}.cpp)
  target_link_options(fuzz_${harness} PRIVATE -fsanitize=fuzzer)
endforeach()
target_link_libraries(fuzz_scenario PRIVATE netsim_fuzz_front)
target_link_libraries(fuzz_app_parser PRIVATE netsim_fuzz_front)
target_link_libraries(fuzz_wire PRIVATE netsim_wire)
