// The parts of netsim that need large libraries are plug-ins, opened only when
// a run needs them: netsim-python.so (libpython, for `python:` apps) and
// netsim-viz.so (SFML, OpenGL and X11, for `animate` and `plot`). Linked into
// the binary they cost every run ~5 MB of RSS for their relocations and
// initialisers, an empty scenario included. The plug-ins call back into the
// binary, which exports its symbols for them (ENABLE_EXPORTS).
#pragma once
#include <string>

namespace netsim::cli {

// The plug-in `file` beside the binary (the build tree) or in the installed
// plug-in folder, opened with its symbols global (Python's extension modules
// need libpython's). Null with `error` saying which paths were tried and why.
void* open_plugin(const std::string& file, std::string& error);

// The function `symbol` of the plug-in `file`; throws UsageError (exit 2)
// saying why it did not load and, after `needed_for`'s words, what to install.
void* plugin_function(const std::string& file, const char* symbol, const std::string& needed_for,
                      const std::string& advice);

// Hands the scenario layer a loader for netsim-python.so: the interpreter is
// opened when the first `python:` app is loaded.
void install_python_plugin();

}  // namespace netsim::cli
