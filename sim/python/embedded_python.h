// The one CPython interpreter of a netsim process: started on first use with
// a fixed hash seed and no site or bytecode files, netsim's modules
// (sim/python/py) installed in sys.modules before any program runs.
#pragma once
#include <pybind11/pybind11.h>

#include <memory>
#include <optional>
#include <string>

#include "sim/scenario/python_support.h"

namespace netsim::python {

namespace py = pybind11;
class Kernel;

// Registers the interpreter with the scenario layer (scenario::install_python).
void install();

std::optional<scenario::PythonCompileError> compile_program(const scenario::PythonProgram& program);
// A netsim_rt.Process for one app, not started.
py::object new_process(const std::shared_ptr<Kernel>& kernel, const scenario::PythonProgram& program,
                       uint64_t seed, const std::string& scratch);
// The app is gone: its process never runs again. Its parked greenlets are
// kept, never collected: collecting one would run the program's finally
// blocks after the run.
void retire_process(const py::object& process);

// Held while C++ calls into a program's Python (its start, a wake-up, a
// timer): the span in which PythonSupport::interrupt reaches the program.
class InProgram {
 public:
  InProgram();
  ~InProgram();
  InProgram(const InProgram&) = delete;
  InProgram& operator=(const InProgram&) = delete;
};

}  // namespace netsim::python
