# --version, the man page, the bash completion, `cmake --install` and the
# Debian package (`cpack -G DEB` in the build folder).

# The version: the project's, plus `git describe` when configured from a clone
# (read once at configure time; no network).
set(NETSIM_VERSION_STRING ${PROJECT_VERSION})
find_package(Git QUIET)
if(GIT_FOUND AND EXISTS ${CMAKE_SOURCE_DIR}/.git)
  execute_process(COMMAND ${GIT_EXECUTABLE} describe --always --tags
                  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR} OUTPUT_VARIABLE NETSIM_GIT_DESCRIBE
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE git_rc)
  if(git_rc EQUAL 0 AND NETSIM_GIT_DESCRIBE)
    string(APPEND NETSIM_VERSION_STRING " (${NETSIM_GIT_DESCRIBE})")
  endif()
endif()
# Only main.cpp sees it: a new commit recompiles one file.
set_property(SOURCE ${CMAKE_SOURCE_DIR}/sim/cli/main.cpp APPEND PROPERTY
             COMPILE_DEFINITIONS "NETSIM_VERSION=\"${NETSIM_VERSION_STRING}\"")

# netsim.1 and netsim.bash come from the same option tables as --help.
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/netsim.1 ${CMAKE_BINARY_DIR}/netsim.bash
                   COMMAND ${CMAKE_COMMAND} -DNETSIM=$<TARGET_FILE:netsim> -DOUT_DIR=${CMAKE_BINARY_DIR}
                           -P ${CMAKE_SOURCE_DIR}/cmake/manual.cmake
                   DEPENDS netsim ${CMAKE_SOURCE_DIR}/cmake/manual.cmake
                   COMMENT "netsim.1 and netsim.bash from netsim's option tables")
add_custom_target(netsim_manual ALL DEPENDS ${CMAKE_BINARY_DIR}/netsim.1 ${CMAKE_BINARY_DIR}/netsim.bash)

include(GNUInstallDirs)
install(TARGETS netsim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Where sim/cli/plugins.cpp looks for them (NETSIM_PLUGIN_RELDIR from BINDIR).
install(TARGETS netsim_python_plugin LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/netsim)
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES docs/netsim.schema.json DESTINATION ${CMAKE_INSTALL_DATADIR}/netsim)
install(DIRECTORY scenarios/ DESTINATION ${CMAKE_INSTALL_DATADIR}/netsim/scenarios)
install(FILES ${CMAKE_BINARY_DIR}/netsim.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_BINARY_DIR}/netsim.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME netsim)

set(CPACK_PACKAGE_NAME netsim)
set(CPACK_PACKAGE_VENDOR netsim)
set(CPACK_PACKAGE_CONTACT "netsim maintainers <netsim@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "packet-level discrete-event network simulator for learning and teaching")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
# The libraries netsim links (yaml-cpp, SFML, ...), as dpkg-shlibdeps finds them.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-dejavu-core")
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
include(CPack)

# CI: the package builds, unpacks with dpkg -x and runs an example on its own.
find_program(DPKG_DEB dpkg-deb)
if(DPKG_DEB)
  add_test(NAME package.deb COMMAND ${CMAKE_SOURCE_DIR}/tests/package/deb_test.sh ${CMAKE_BINARY_DIR})
  # Its `netsim test` runs the installed Python examples: the label keeps it
  # out of the ASan run, as every Python test (greenlets and ASan disagree).
  set_tests_properties(package.deb PROPERTIES LABELS python)
endif()
