// A `python:` app: the learner's program run by the embedded CPython as a
// simulated process of its node. The program's tasks (main line, threads)
// are greenlets; the Kernel is all they reach of the simulation: the node's
// socket table and resolver through AppServices (the same seam the step
// interpreter uses, so a Python program and a step app talk to each other),
// the scheduler for timers and wake-ups, and the run's log.
#pragma once
#include <pybind11/pybind11.h>

#include <map>
#include <memory>
#include <set>
#include <string>

#include "sim/scenario/lang/running_app.h"
#include "sim/scenario/lang/services.h"
#include "sim/scenario/python_support.h"

namespace netsim::python {

namespace py = pybind11;
class PythonApp;

// What netsim's Python modules call (module _netsim). Results follow the
// system calls: a count, bytes or an address, or -errno (-11: would block).
// Wake-ups never run Python inside the service's callback: a zero-delay
// event of the scheduler calls the process back, as the step interpreter does.
class Kernel {
 public:
  Kernel(PythonApp& app, lang::AppServices& services, std::string node);
  void detach();  // the app is gone: later calls from Python raise RuntimeError

  int64_t now();
  const std::string& node() const { return node_; }
  // The node's cost per system call (ns): the same AppServices::call_time
  // the step interpreter spends after each socket call and print.
  int64_t call_time() const { return services_.call_time().count(); }
  void output(const std::string& line);
  bool explaining();
  void explain(const std::string& text);
  // The process's fire(token) at simulated time `at` (ns); cancel forgets it.
  void call_at(int64_t at, int64_t token);
  void cancel(int64_t token);
  // The process's resolved(token, "a.b.c.d" or None), from a zero-delay event.
  void resolve(const std::string& name, int64_t token);
  // socket_ready(fd) once the socket's waker fires next.
  void arm(int fd);

  int open(bool stream);
  int bind(int fd, const std::string& ip, int port);
  int listen(int fd, int backlog);
  py::object accept(int fd);  // (fd, ip, port) or -errno
  int connect(int fd, const std::string& ip, int port);
  bool connecting(int fd);
  int64_t send(int fd, const py::bytes& data);
  int64_t sendto(int fd, const py::bytes& data, const std::string& ip, int port);
  py::object recv(int fd, int64_t bufsize);      // bytes or -errno
  py::object recvfrom(int fd, int64_t bufsize);  // (bytes, ip, port) ((bytes, None, None): stream) or -errno
  int64_t readable(int fd);
  int shutdown(int fd, int how);
  int set_nodelay(int fd, bool on);
  int close(int fd);
  py::object local(int fd);  // (ip, port) or -errno
  py::object peer(int fd);
  // The program's last task ended: its sockets close, as at a process's exit.
  void exit(const std::string& error, const std::string& message);

  // The Python side of this app (netsim_rt.Process): what events call back.
  py::object process;

 private:
  devices::SocketTable& table();
  void adopt(int fd);
  template <typename... Args>
  void call_process(const char* method, Args&&... args);

  PythonApp* app_;
  lang::AppServices& services_;
  std::string node_;
  std::map<int64_t, EventId> timers_;
  std::set<int> fds_;    // the sockets the program holds
  std::set<int> armed_;  // fds whose next wake-up the program waits for
};

class PythonApp final : public lang::RunningApp {
 public:
  PythonApp(std::string name, const scenario::PythonProgram& program,
            lang::AppServices& services, uint64_t seed, const std::string& scratch);
  ~PythonApp() override;

  void start() override;
  const std::string& name() const override { return name_; }
  lang::AppStatus status() const override { return status_; }
  const std::string& error_name() const override { return error_name_; }
  const std::string& error_message() const override { return error_message_; }
  // A global of the program, as the step language's value (str, bytes,
  // numbers, None, tuples and lists of them; anything else as its repr()).
  const lang::Value* variable(std::string_view name) const override;

  // From the kernel.
  void ended(const std::string& error, const std::string& message);
  // netsim's own Python failed (a bug, not the program's): the app fails with it.
  void internal_error(const std::string& what);

 private:
  std::string name_;
  const scenario::PythonProgram& program_;
  lang::AppServices& services_;
  std::shared_ptr<Kernel> kernel_;
  lang::AppStatus status_ = lang::AppStatus::Waiting;
  std::string error_name_;
  std::string error_message_;
  mutable std::map<std::string, lang::Value, std::less<>> variables_;
};

}  // namespace netsim::python
