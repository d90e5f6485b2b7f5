#include "sim/python/embedded_python.h"

#include <pybind11/embed.h>
#include <pybind11/stl.h>

#include <pthread.h>

#include <atomic>
#include <csignal>

#include "sim/python/python_app.h"
#include "sim/python/shims.h"

namespace netsim::python {
namespace {

// The modules of the standard library a program must never reach: the real
// sockets (so no real network), and the real select.
constexpr const char* kBlocked[] = {"_socket", "_ssl"};

// How deep C++ is in calls into programs' Python; read by the watch's thread.
std::atomic<int> g_in_program{0};
pthread_t g_python_thread;  // the one that runs every program

// CPython 3.11 acts on a tripped signal only when the main thread itself
// trips it (it then sets the eval loop's breaker; from another thread it does
// not), so the watch thread sends kInterruptSignal here and this handler
// trips SIGINT, whose Python handler (default_int_handler) raises
// KeyboardInterrupt at the program's next bytecode.
constexpr int kInterruptSignal = SIGURG;  // ignored by default: a stray one is harmless

extern "C" void on_interrupt_signal(int) {
  if (g_in_program.load() > 0) PyErr_SetInterruptEx(SIGINT);  // async-signal-safe
}

bool interrupt() {
  if (g_in_program.load() == 0) return false;
  pthread_kill(g_python_thread, kInterruptSignal);
  return true;
}

// Python's SIGINT handler is set for PyErr_SetInterruptEx, which only trips a
// signal Python handles; the process's own SIGINT handler stays netsim's.
void prepare_interrupts() {
  g_python_thread = pthread_self();
  struct sigaction netsims {};
  sigaction(SIGINT, nullptr, &netsims);
  py::module_ signal = py::module_::import("signal");
  signal.attr("signal")(signal.attr("SIGINT"), signal.attr("default_int_handler"));
  sigaction(SIGINT, &netsims, nullptr);
  struct sigaction on_interrupt {};
  on_interrupt.sa_handler = on_interrupt_signal;
  sigemptyset(&on_interrupt.sa_mask);
  on_interrupt.sa_flags = SA_RESTART;
  sigaction(kInterruptSignal, &on_interrupt, nullptr);
}

void start_interpreter() {
  PyConfig config;
  PyConfig_InitIsolatedConfig(&config);
  config.use_hash_seed = 1;  // str hashes, so set and dict orders of str keys, are fixed
  config.hash_seed = 0;
  config.site_import = 0;
  config.write_bytecode = 0;              // never a __pycache__ in the scenario's folder
  config.install_signal_handlers = 0;     // Ctrl-C stays netsim's
  // Python finds its library from the interpreter of that name on PATH: the
  // one netsim was built with, not whichever a venv or pyenv put first (whose
  // site-packages lack greenlet, or which may be another version).
  PyConfig_SetBytesString(&config, &config.program_name, NETSIM_PYTHON_EXECUTABLE);
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
  prepare_interrupts();
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

InProgram::InProgram() { g_in_program.fetch_add(1); }
InProgram::~InProgram() { g_in_program.fetch_sub(1); }

void install() {
  scenario::PythonSupport support;
  support.compile = compile_program;
  support.make_app = make_app;
  support.interrupt = interrupt;
  scenario::install_python(support);
}

}  // namespace netsim::python

// What the netsim binary calls after opening this library as its plug-in
// netsim-python.so (sim/cli/plugins.cpp): the only symbol it looks up.
extern "C" __attribute__((visibility("default"))) void netsim_python_plugin_install() {
  netsim::python::install();
}

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
