#include "sim/python/embedded_python.h"

#include <pybind11/embed.h>
#include <pybind11/stl.h>

#include "sim/python/python_app.h"
#include "sim/python/shims.h"

namespace netsim::python {
namespace {

// The modules of the standard library a program must never reach: the real
// sockets (so no real network), and the real select.
constexpr const char* kBlocked[] = {"_socket", "_ssl"};

void start_interpreter() {
  PyConfig config;
  PyConfig_InitIsolatedConfig(&config);
  config.use_hash_seed = 1;  // str hashes, so set and dict orders of str keys, are fixed
  config.hash_seed = 0;
  config.site_import = 0;
  config.write_bytecode = 0;              // never a __pycache__ in the scenario's folder
  config.install_signal_handlers = 0;     // Ctrl-C stays netsim's
  py::initialize_interpreter(&config, 0, nullptr, false);

  py::module_ sys = py::module_::import("sys");
  // greenlet comes from Debian's python3-greenlet, in the system's dist-packages.
  py::list path = sys.attr("path");
  for (const py::handle dir : py::module_::import("site").attr("getsitepackages")()) path.append(dir);
  path.insert(0, "");  // the running program's folder, set at each switch
  py::dict modules = sys.attr("modules");
  for (const char* name : kBlocked) modules[name] = py::none();

  py::module_::import("_netsim");  // registers the Kernel type
  py::module_ types = py::module_::import("types");
  py::module_ linecache = py::module_::import("linecache");
  py::module_ builtins = py::module_::import("builtins");
  py::object compile = builtins.attr("compile");
  for (const Shim& shim : shims()) {
    const std::string file = "<netsim>/" + std::string(shim.module) + ".py";
    py::object module = types.attr("ModuleType")(std::string(shim.module));
    module.attr("__file__") = file;
    modules[py::str(std::string(shim.module))] = module;
    const py::str source(std::string(shim.source));
    // Tracebacks through netsim's modules show their lines too.
    linecache.attr("cache")[py::str(file)] =
        py::make_tuple(py::len(source), py::none(), source.attr("splitlines")(true), file);
    builtins.attr("exec")(compile(source, file, "exec"), module.attr("__dict__"));
  }
  py::module_::import("_netsim_rt").attr("install")();
  // Only reference counting frees objects: a socket nobody holds closes at a
  // fixed point of the program, never when a collection happens to run.
  py::module_::import("gc").attr("disable")();
}

void ensure_interpreter() {
  static bool started = false;
  if (started) return;
  started = true;
  start_interpreter();
}

std::unique_ptr<lang::RunningApp> make_app(const std::string& name,
                                           const scenario::PythonProgram& program,
                                           lang::AppServices& services, uint64_t seed,
                                           const std::string& scratch) {
  ensure_interpreter();
  return std::make_unique<PythonApp>(name, program, services, seed, scratch);
}

}  // namespace

std::optional<scenario::PythonCompileError> compile_program(const scenario::PythonProgram& program) {
  ensure_interpreter();
  try {
    py::module_::import("builtins").attr("compile")(py::bytes(program.source), program.path, "exec",
                                                     0, true);
    return std::nullopt;
  } catch (py::error_already_set& e) {
    scenario::PythonCompileError out;
    const py::object error = e.value();
    out.message = py::str(error.get_type().attr("__name__")).cast<std::string>() + ": ";
    if (e.matches(PyExc_SyntaxError)) {
      const py::object line = error.attr("lineno"), col = error.attr("offset");
      out.line = line.is_none() ? 0 : line.cast<int>();
      out.col = col.is_none() ? 0 : col.cast<int>();
      out.message += py::str(error.attr("msg")).cast<std::string>();
    } else {
      out.message += py::str(error).cast<std::string>();
    }
    return out;
  }
}

py::object new_process(const std::shared_ptr<Kernel>& kernel, const scenario::PythonProgram& program,
                       uint64_t seed, const std::string& scratch) {
  py::module_ rt = py::module_::import("_netsim_rt");
  return rt.attr("Process")(py::cast(kernel), program.path, program.folder, scratch, program.argv,
                            program.stdin_lines, program.typing.count(), seed);
}

void retire_process(const py::object& process) {
  if (process.is_none()) return;
  process.attr("exited") = true;
  py::module_::import("_netsim_rt").attr("graveyard").attr("append")(process);
}

void install() {
  scenario::PythonSupport support;
  support.compile = compile_program;
  support.make_app = make_app;
  scenario::install_python(support);
}

}  // namespace netsim::python

PYBIND11_EMBEDDED_MODULE(_netsim, m) {
  using netsim::python::Kernel;
  namespace py = pybind11;
  py::class_<Kernel, std::shared_ptr<Kernel>>(m, "Kernel")
      .def("now", &Kernel::now)
      .def("node", &Kernel::node)
      .def("call_time", &Kernel::call_time)
      .def("output", &Kernel::output)
      .def("explaining", &Kernel::explaining)
      .def("explain", &Kernel::explain)
      .def("call_at", &Kernel::call_at)
      .def("cancel", &Kernel::cancel)
      .def("resolve", &Kernel::resolve)
      .def("arm", &Kernel::arm)
      .def("open", &Kernel::open)
      .def("bind", &Kernel::bind)
      .def("listen", &Kernel::listen)
      .def("accept", &Kernel::accept)
      .def("connect", &Kernel::connect)
      .def("connecting", &Kernel::connecting)
      .def("send", &Kernel::send)
      .def("sendto", &Kernel::sendto)
      .def("recv", &Kernel::recv)
      .def("recvfrom", &Kernel::recvfrom)
      .def("readable", &Kernel::readable)
      .def("shutdown", &Kernel::shutdown)
      .def("set_nodelay", &Kernel::set_nodelay)
      .def("close", &Kernel::close)
      .def("local", &Kernel::local)
      .def("peer", &Kernel::peer)
      .def("exit", &Kernel::exit);
}
