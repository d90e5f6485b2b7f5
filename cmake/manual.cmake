# Run at build time (cmake -P): the man page and the bash completion, written
# by the freshly built netsim from its own option tables.
#   -DNETSIM=path/to/netsim -DOUT_DIR=dir
execute_process(COMMAND ${NETSIM} help --man OUTPUT_FILE ${OUT_DIR}/netsim.1 RESULT_VARIABLE man_rc)
execute_process(COMMAND ${NETSIM} help --bash-completion OUTPUT_FILE ${OUT_DIR}/netsim.bash
                RESULT_VARIABLE completion_rc)
if(NOT man_rc EQUAL 0 OR NOT completion_rc EQUAL 0)
  message(FATAL_ERROR "netsim help --man / --bash-completion failed (${man_rc}, ${completion_rc})")
endif()
