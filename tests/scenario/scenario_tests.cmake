find_program(PYTHON3 python3)

# Every scenario with `expect`, ours and the contract's acceptance examples,
# runs under ctest through `netsim run` (exit 0: every expectation held).
file(GLOB_RECURSE NETSIM_SCENARIOS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/scenarios/*.yaml)
set(NETSIM_SHARED_EXAMPLES ${CMAKE_SOURCE_DIR}/../shared/spec/examples)
foreach(group foundation sockets l2 services python)
  if(EXISTS ${NETSIM_SHARED_EXAMPLES}/${group})
    file(GLOB examples ${NETSIM_SHARED_EXAMPLES}/${group}/*.yaml)
    list(APPEND NETSIM_SCENARIOS ${examples})
  endif()
endforeach()
foreach(file ${NETSIM_SCENARIOS})
  file(READ ${file} content)
  if(content MATCHES "\nexpect:")
    file(RELATIVE_PATH rel ${CMAKE_SOURCE_DIR} ${file})
    add_test(NAME scenario.${rel} COMMAND netsim run ${file} --trace none)
    if(rel MATCHES "/python/")
      set_tests_properties(scenario.${rel} PROPERTIES LABELS python)
    endif()
  endif()
endforeach()

# Same file + seed => the same trace, byte for byte.
add_test(NAME scenario.determinism
         COMMAND ${CMAKE_SOURCE_DIR}/tests/scenario/determinism.sh $<TARGET_FILE:netsim>
                 ${CMAKE_SOURCE_DIR}/scenarios/foundation/three-routers.yaml
                 ${CMAKE_SOURCE_DIR}/scenarios/foundation/lossy-link.yaml)
# ...for every scenario and shared example, not two (the JSONL is JSON too).
file(GLOB NETSIM_ALL_EXAMPLES ${NETSIM_SHARED_EXAMPLES}/*/*.yaml)
list(APPEND NETSIM_ALL_SCENARIOS ${NETSIM_SCENARIOS} ${NETSIM_ALL_EXAMPLES})
list(REMOVE_DUPLICATES NETSIM_ALL_SCENARIOS)
# Python programs have their own determinism test, labelled `python` (see below).
set(NETSIM_PYTHON_SCENARIOS ${NETSIM_ALL_SCENARIOS})
list(FILTER NETSIM_PYTHON_SCENARIOS INCLUDE REGEX "/python/[^/]*\\.yaml$")
list(FILTER NETSIM_ALL_SCENARIOS EXCLUDE REGEX "/python/[^/]*\\.yaml$")
# In four shards (every fourth file), which ctest -j runs side by side; the
# long tests start first (a fresh clone has no timings for ctest -j to order by).
set(index 0)
foreach(file ${NETSIM_ALL_SCENARIOS})
  math(EXPR shard "${index} % 4")
  list(APPEND determinism_shard_${shard} ${file})
  math(EXPR index "${index} + 1")
endforeach()
foreach(shard RANGE 3)
  add_test(NAME scenario.determinism_all.${shard}
           COMMAND ${CMAKE_SOURCE_DIR}/tests/scenario/determinism_all.sh $<TARGET_FILE:netsim>
                   ${determinism_shard_${shard}})
  set_tests_properties(scenario.determinism_all.${shard} PROPERTIES COST 1000)
  if(NETSIM_SANITIZE)  # the sanitizers look for memory errors, not for differences: one run
    set_tests_properties(scenario.determinism_all.${shard} PROPERTIES ENVIRONMENT NETSIM_DETERMINISM_RUNS=1)
  endif()
endforeach()
# Collision backoff draws from the seed too: same seed, same collisions; another seed, others.
add_test(NAME scenario.determinism_collisions
         COMMAND ${CMAKE_SOURCE_DIR}/tests/scenario/determinism.sh $<TARGET_FILE:netsim>
                 ${CMAKE_SOURCE_DIR}/scenarios/l2/crowded-hub.yaml
                 ${CMAKE_SOURCE_DIR}/scenarios/l2/crowded-hub.yaml)

# Every scenario and shared example validates against the JSON Schema editors use.
if(PYTHON3)
  add_test(NAME scenario.schema
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/scenario/schema_check.py
                   ${CMAKE_SOURCE_DIR}/docs/netsim.schema.json ${NETSIM_ALL_SCENARIOS})
  set_tests_properties(scenario.schema PROPERTIES SKIP_RETURN_CODE 77)
endif()

# Wireshark reads every pcap the scenarios write: no malformed frame, no bad
# checksum. In shards, which ctest -j runs side by side.
find_program(TSHARK tshark)
find_program(SHARKD sharkd)
if(TSHARK AND SHARKD AND PYTHON3)
  set(shards 4)
  math(EXPR last "${shards} - 1")
  foreach(shard RANGE ${last})
    add_test(NAME scenario.pcaps_valid.${shard}
             COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/scenario/pcap_check.py $<TARGET_FILE:netsim>
                     --shard ${shard}/${shards} ${NETSIM_SCENARIOS})
    set_tests_properties(scenario.pcaps_valid.${shard} PROPERTIES LABELS slow COST 500)
  endforeach()
endif()

# Broken files: exit 2 with file:line:col, what is wrong and a hint; nothing run.
add_test(NAME scenario.bad_input
         COMMAND ${CMAKE_SOURCE_DIR}/tests/scenario/bad_input.sh $<TARGET_FILE:netsim> ${CMAKE_SOURCE_DIR}/tests/scenario/bad)
# ...and files too big or deep to keep in the tree, the command line's numbers, Ctrl-C.
add_test(NAME scenario.hostile_input
         COMMAND ${CMAKE_SOURCE_DIR}/tests/scenario/hostile_input.sh $<TARGET_FILE:netsim>)
# Big inputs and a Ctrl-C: too slow and too memory-hungry under ASan.
set_tests_properties(scenario.hostile_input PROPERTIES LABELS slow)

# The advice to quote a step that YAML read as a map is itself valid YAML.
if(PYTHON3)
  add_test(NAME scenario.quoting_advice
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/scenario/quoting_advice.py $<TARGET_FILE:netsim>
                   ${CMAKE_SOURCE_DIR}/tests/scenario/bad/step-quotes-colon.yaml
                   ${CMAKE_SOURCE_DIR}/tests/scenario/bad/step-in-flow-list.yaml)
endif()

# --stats and --stats-out: exact numbers of a small scenario; the CSV and the JSON parse and agree.
if(PYTHON3)
  add_test(NAME scenario.stats
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/scenario/stats_check.py $<TARGET_FILE:netsim>
                   ${CMAKE_SOURCE_DIR}/tests/scenario/stats/small.yaml)
endif()

# Expectations that fail: exit 1, with what was expected and what was found.
add_test(NAME scenario.expect_failures
         COMMAND ${CMAKE_SOURCE_DIR}/tests/scenario/expect_failures.sh $<TARGET_FILE:netsim> ${CMAKE_SOURCE_DIR}/tests/scenario/failing)
# ...and the one that needs 10 million events at one instant to fail (kMaxEventsAtOneInstant):
# 0.8 s of CPU here, ~70 s in the unoptimised ASan build for the same loop run over and over.
add_test(NAME scenario.expect_failures_slow
         COMMAND ${CMAKE_SOURCE_DIR}/tests/scenario/expect_failures.sh $<TARGET_FILE:netsim> ${CMAKE_SOURCE_DIR}/tests/scenario/failing-slow)
set_tests_properties(scenario.expect_failures_slow PROPERTIES LABELS slow)

# Behaviour fingerprints: any unintended change in what crosses the wire fails.
add_test(NAME scenario.fingerprints
         COMMAND ${CMAKE_SOURCE_DIR}/tests/scenario/fingerprints.sh $<TARGET_FILE:netsim>)
# Label `repeat`: it runs again what determinism_all runs (every scenario but the
# Python ones), so the sanitizer pass of .ci/run leaves it out.
set_tests_properties(scenario.fingerprints PROPERTIES LABELS repeat)

# Linux fidelity: the oracle scenarios replayed in netsim, frame signatures
# compared with the real Linux captures; the match count may only go up.
if(TSHARK AND PYTHON3)
  add_test(NAME oracle.frames
           COMMAND ${PYTHON3} ${CMAKE_SOURCE_DIR}/tests/oracle/compare.py $<TARGET_FILE:netsim>
                   ${CMAKE_SOURCE_DIR}/tests/oracle/manifest.txt ${CMAKE_SOURCE_DIR}/../shared/oracle)
  set_tests_properties(oracle.frames PROPERTIES SKIP_RETURN_CODE 77)
endif()

# Real Python programs: the same program and seed give the same trace, byte
# for byte. Every Python test is labelled `python`: the ASan run of .ci/run
# skips them, as greenlet's stack switching copies stack slices that ASan
# reads as overflows, and CPython's interned objects read as leaks.
if(NETSIM_PYTHON_SCENARIOS)
  add_test(NAME scenario.python_determinism
           COMMAND ${CMAKE_SOURCE_DIR}/tests/scenario/determinism_all.sh $<TARGET_FILE:netsim> ${NETSIM_PYTHON_SCENARIOS})
  set_tests_properties(scenario.python_determinism PROPERTIES LABELS python)
endif()
# Programs that do not compile, missing files, misused keys: exit 2, file:line:col.
add_test(NAME scenario.python_bad_input
         COMMAND ${CMAKE_SOURCE_DIR}/tests/scenario/bad_input.sh $<TARGET_FILE:netsim>
                 ${CMAKE_SOURCE_DIR}/tests/scenario/python_bad program)
set_tests_properties(scenario.python_bad_input PROPERTIES LABELS python)
# A program that never calls into netsim still stops on Ctrl-C and --timeout.
add_test(NAME scenario.python_interrupt
         COMMAND ${CMAKE_SOURCE_DIR}/tests/scenario/python_interrupt.sh $<TARGET_FILE:netsim>)
set_tests_properties(scenario.python_interrupt PROPERTIES LABELS python)
