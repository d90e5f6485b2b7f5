# netsim_python: the embedded CPython that runs `python:` apps (sim/python).
# Debian 12's interpreter, as python3-dev, pybind11-dev and python3-greenlet
# install it: the greenlet module must match the libpython netsim links, so a
# python3 earlier on PATH (pyenv, a venv) must not be the one found.
if(NOT DEFINED Python_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python_EXECUTABLE /usr/bin/python3)
endif()
set(PYBIND11_FINDPYTHON ON)
find_package(pybind11 2.10 REQUIRED CONFIG)

file(GLOB NETSIM_PY_SHIMS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/sim/python/py/*.py)
string(REPLACE ";" "|" NETSIM_PY_SHIMS_ARG "${NETSIM_PY_SHIMS}")
set(NETSIM_PY_SHIMS_CPP ${CMAKE_BINARY_DIR}/generated/python_shims.cpp)
add_custom_command(
  OUTPUT ${NETSIM_PY_SHIMS_CPP}
  COMMAND ${CMAKE_COMMAND} -DOUT=${NETSIM_PY_SHIMS_CPP} -DSOURCES=${NETSIM_PY_SHIMS_ARG}
          -P ${CMAKE_SOURCE_DIR}/sim/python/embed_shims.cmake
  DEPENDS ${NETSIM_PY_SHIMS} ${CMAKE_SOURCE_DIR}/sim/python/embed_shims.cmake
  VERBATIM)

# Compiled once (position independent) for two users: the plug-in
# netsim-python.so that the netsim binary opens when a scenario has a `python:`
# app (sim/cli/plugins.h: libpython is not mapped by runs without one), and
# the static netsim_python of the unit tests.
file(GLOB NETSIM_PY_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/sim/python/*.cpp)
add_library(netsim_python_objects OBJECT ${NETSIM_PY_SOURCES} ${NETSIM_PY_SHIMS_CPP})
set_target_properties(netsim_python_objects PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_link_libraries(netsim_python_objects PRIVATE netsim_scenario pybind11::embed)
target_compile_definitions(netsim_python_objects PRIVATE NETSIM_PYTHON_EXECUTABLE="${Python_EXECUTABLE}")
# pybind11 declares its types with hidden visibility; the module lives in this library only.
target_compile_options(netsim_python_objects PRIVATE -fvisibility=hidden)

add_library(netsim_python STATIC $<TARGET_OBJECTS:netsim_python_objects>)
target_link_libraries(netsim_python PUBLIC netsim_scenario pybind11::embed)

# The plug-in: the simulator's symbols come from the binary that opens it.
add_library(netsim_python_plugin MODULE $<TARGET_OBJECTS:netsim_python_objects>)
target_link_libraries(netsim_python_plugin PRIVATE pybind11::embed)
set_target_properties(netsim_python_plugin PROPERTIES OUTPUT_NAME netsim-python PREFIX ""
                      LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
