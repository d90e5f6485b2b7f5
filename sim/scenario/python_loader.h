// An app's `python:` keys (`python`, `argv`, `stdin`, `typing`): the program
// file read relative to the scenario's folder and compiled through the
// installed interpreter, so a program that cannot be imported is bad input
// at check time with the program's own file:line:col.
#pragma once
#include <string>

#include "sim/scenario/python_support.h"
#include "sim/scenario/yaml_util.h"

namespace netsim::scenario {

// `app` holds `python:`; `what` names the app in messages ("app 'server'").
PythonProgram load_python_program(const YamlReader& in, const YamlNode& app,
                                  const std::string& what);
// `argv`, `stdin` or `typing` without `python:`, or with `steps:`, is refused here.
void check_python_keys(const YamlReader& in, const YamlNode& app, const std::string& what);

}  // namespace netsim::scenario
