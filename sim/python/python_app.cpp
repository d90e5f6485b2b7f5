#include "sim/python/python_app.h"

#include "sim/python/embedded_python.h"

namespace netsim::python {

using devices::SocketAddress;
using devices::SocketError;

namespace {

constexpr int kNoSockets = 97;  // EAFNOSUPPORT: a node without a socket table

template <typename T>
int64_t errno_of(const devices::SocketResult<T>& r) {
  return -static_cast<int64_t>(devices::to_errno(r.error()));
}

std::optional<SocketAddress> address(const std::string& ip, int port) {
  const std::optional<wire::Ipv4Address> a = wire::Ipv4Address::parse(ip);
  if (!a || port < 0 || port > 65535) return std::nullopt;
  return SocketAddress{*a, static_cast<uint16_t>(port)};
}

py::object address_tuple(const SocketAddress& a) {
  return py::make_tuple(a.ip.to_string(), a.port);
}

// Bytes hold raw bytes in a std::string; (unsigned) char may alias them.
std::span<const uint8_t> as_span(std::string_view raw) {
  return {reinterpret_cast<const uint8_t*>(raw.data()), raw.size()};
}

lang::Value to_value(const py::handle& o, int depth = 0) {
  if (o.is_none()) return lang::Value::none();
  if (py::isinstance<py::bool_>(o)) return lang::Value::from_bool(o.cast<bool>());
  if (py::isinstance<py::int_>(o)) {
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(o.ptr(), &overflow);
    if (overflow == 0) return lang::Value::from_int(v);
    return lang::Value::from_float(o.cast<double>());
  }
  if (py::isinstance<py::float_>(o)) return lang::Value::from_float(o.cast<double>());
  if (py::isinstance<py::bytes>(o)) return lang::Value::bytes(o.cast<std::string>());
  if (py::isinstance<py::bytearray>(o))
    return lang::Value::bytes(py::reinterpret_borrow<py::bytearray>(o).cast<std::string>());
  if ((py::isinstance<py::tuple>(o) || py::isinstance<py::list>(o)) && depth < 32) {
    std::vector<lang::Value> items;
    for (const py::handle item : o) items.push_back(to_value(item, depth + 1));
    return py::isinstance<py::tuple>(o) ? lang::Value::tuple(std::move(items))
                                        : lang::Value::list(std::move(items));
  }
  const py::object text = py::isinstance<py::str>(o) ? py::reinterpret_borrow<py::object>(o)
                                                      : py::repr(o);
  // A lone surrogate cannot be UTF-8: replaced, as print() would fail on it.
  return lang::Value::str(text.attr("encode")("utf-8", "replace").cast<std::string>());
}

}  // namespace

// ---- Kernel ----

Kernel::Kernel(PythonApp& app, lang::AppServices& services, std::string node)
    : app_(&app), services_(services), node_(std::move(node)) {}

void Kernel::detach() {
  for (const auto& [token, id] : timers_) services_.scheduler().cancel(id);
  timers_.clear();
  app_ = nullptr;
  process = py::none();
}

devices::SocketTable& Kernel::table() {
  if (app_ == nullptr) throw std::runtime_error("netsim: the simulated program has ended");
  devices::SocketTable* t = services_.sockets();
  if (t == nullptr) throw py::value_error("this node has no sockets");
  return *t;
}

template <typename... Args>
void Kernel::call_process(const char* method, Args&&... args) {
  if (app_ == nullptr || process.is_none()) return;
  const InProgram in_program;
  try {
    process.attr(method)(std::forward<Args>(args)...);
  } catch (const py::error_already_set& e) {
    app_->internal_error(e.what());
  }
}

int64_t Kernel::now() { return services_.scheduler().now().count(); }

void Kernel::output(const std::string& line) {
  if (app_ != nullptr) services_.print(app_->name(), line);
}

bool Kernel::explaining() { return app_ != nullptr && services_.explaining(); }

void Kernel::explain(const std::string& text) {
  if (app_ != nullptr) services_.explain(app_->name(), text);
}

void Kernel::call_at(int64_t at, int64_t token) {
  if (app_ == nullptr) return;
  Scheduler& s = services_.scheduler();
  timers_[token] = s.schedule_at(std::max(Time{at}, s.now()), [this, token] {
    timers_.erase(token);
    call_process("fire", token);
  });
}

void Kernel::cancel(int64_t token) {
  const auto it = timers_.find(token);
  if (it == timers_.end()) return;
  services_.scheduler().cancel(it->second);
  timers_.erase(it);
}

void Kernel::resolve(const std::string& name, int64_t token) {
  if (app_ == nullptr) return;
  services_.resolve(name, [this, token](std::optional<wire::Ipv4Address> ip) {
    const std::string text = ip ? ip->to_string() : std::string();
    services_.scheduler().schedule_in(Time{0}, [this, token, text] {
      if (text.empty()) {
        call_process("resolved", token, py::none());
      } else {
        call_process("resolved", token, text);
      }
    });
  });
}

void Kernel::adopt(int fd) {
  fds_.insert(fd);
  table().set_waker(fd, [this, fd] {
    if (armed_.erase(fd) == 0) return;  // nobody waits on it now
    services_.scheduler().schedule_in(Time{0}, [this, fd] { call_process("socket_ready", fd); });
  });
}

void Kernel::arm(int fd) { armed_.insert(fd); }

int Kernel::open(bool stream) {
  if (services_.sockets() == nullptr) return -kNoSockets;
  const int fd = table().open(stream ? devices::SocketKind::Stream : devices::SocketKind::Datagram);
  adopt(fd);
  return fd;
}

int Kernel::bind(int fd, const std::string& ip, int port) {
  const auto a = address(ip, port);
  if (!a) return -devices::to_errno(SocketError::InvalidArgument);
  const auto r = table().bind(fd, *a);
  return r.ok() ? 0 : static_cast<int>(errno_of(r));
}

int Kernel::listen(int fd, int backlog) {
  const auto r = table().listen(fd, backlog);
  return r.ok() ? 0 : static_cast<int>(errno_of(r));
}

py::object Kernel::accept(int fd) {
  const auto r = table().accept(fd);
  if (!r.ok()) return py::int_(errno_of(r));
  adopt(r.value().handle);
  return py::make_tuple(r.value().handle, r.value().peer.ip.to_string(), r.value().peer.port);
}

int Kernel::connect(int fd, const std::string& ip, int port) {
  const auto a = address(ip, port);
  if (!a) return -devices::to_errno(SocketError::InvalidArgument);
  const auto r = table().connect(fd, *a);
  return r.ok() ? 0 : static_cast<int>(errno_of(r));
}

bool Kernel::connecting(int fd) { return table().connecting(fd); }

int64_t Kernel::send(int fd, const py::bytes& data) {
  const std::string_view raw = data;
  const auto r = table().send(fd, as_span(raw));
  return r.ok() ? static_cast<int64_t>(r.value()) : errno_of(r);
}

int64_t Kernel::sendto(int fd, const py::bytes& data, const std::string& ip, int port) {
  const auto a = address(ip, port);
  if (!a) return -devices::to_errno(SocketError::InvalidArgument);
  const std::string_view raw = data;
  const auto r = table().send_to(fd, as_span(raw), *a);
  return r.ok() ? static_cast<int64_t>(r.value()) : errno_of(r);
}

py::object Kernel::recv(int fd, int64_t bufsize) {
  py::object r = recvfrom(fd, bufsize);
  if (py::isinstance<py::int_>(r)) return r;
  return r.cast<py::tuple>()[0];
}

py::object Kernel::recvfrom(int fd, int64_t bufsize) {
  devices::SocketTable& t = table();
  const bool stream = t.kind(fd) == devices::SocketKind::Stream;
  const auto readable = t.readable(fd);
  if (!readable.ok()) return py::int_(errno_of(readable));
  if (stream && bufsize == 0) return py::make_tuple(py::bytes(), py::none(), py::none());
  // Room for what can be read now (a datagram is cut to bufsize, the rest lost).
  std::string buffer(std::min<size_t>(static_cast<size_t>(bufsize), std::max<size_t>(readable.value(), 1)),
                     '\0');
  SocketAddress from;
  const auto r = t.recv(fd, {reinterpret_cast<uint8_t*>(buffer.data()), buffer.size()}, &from);
  if (!r.ok()) return py::int_(errno_of(r));
  buffer.resize(r.value());
  if (stream) return py::make_tuple(py::bytes(buffer), py::none(), py::none());
  return py::make_tuple(py::bytes(buffer), from.ip.to_string(), from.port);
}

int64_t Kernel::readable(int fd) {
  const auto r = table().readable(fd);
  return r.ok() ? static_cast<int64_t>(r.value()) : errno_of(r);
}

int Kernel::shutdown(int fd, int how) {
  const auto r = table().shutdown(fd, static_cast<devices::ShutdownHow>(how));
  return r.ok() ? 0 : static_cast<int>(errno_of(r));
}

int Kernel::set_nodelay(int fd, bool on) {
  const auto r = table().set_nodelay(fd, on);
  return r.ok() ? 0 : static_cast<int>(errno_of(r));
}

int Kernel::close(int fd) {
  fds_.erase(fd);
  armed_.erase(fd);
  const auto r = table().close(fd);
  return r.ok() ? 0 : static_cast<int>(errno_of(r));
}

py::object Kernel::local(int fd) {
  const auto r = table().local_address(fd);
  return r.ok() ? address_tuple(r.value()) : py::int_(errno_of(r));
}

py::object Kernel::peer(int fd) {
  const auto r = table().peer_address(fd);
  return r.ok() ? address_tuple(r.value()) : py::int_(errno_of(r));
}

void Kernel::exit(const std::string& error, const std::string& message) {
  if (app_ == nullptr) return;
  devices::SocketTable& t = table();
  for (const int fd : fds_) t.close(fd);
  fds_.clear();
  armed_.clear();
  app_->ended(error, message);
}

// ---- PythonApp ----

PythonApp::PythonApp(std::string name, const scenario::PythonProgram& program,
                     lang::AppServices& services, uint64_t seed, const std::string& scratch)
    : name_(std::move(name)), program_(program), services_(services),
      kernel_(std::make_shared<Kernel>(*this, services, program.node)) {
  py::gil_scoped_acquire gil;
  kernel_->process = new_process(kernel_, program, seed, scratch);
}

PythonApp::~PythonApp() {
  py::gil_scoped_acquire gil;
  retire_process(kernel_->process);
  kernel_->detach();
}

void PythonApp::start() {
  status_ = lang::AppStatus::Running;
  services_.app_status(name_, "running");
  const InProgram in_program;
  try {
    kernel_->process.attr("start")(py::bytes(program_.source));
  } catch (const py::error_already_set& e) {
    internal_error(e.what());
  }
}

void PythonApp::ended(const std::string& error, const std::string& message) {
  if (status_ != lang::AppStatus::Running) return;
  if (error.empty()) {
    status_ = lang::AppStatus::Finished;
    services_.app_status(name_, "finished");
    return;
  }
  status_ = lang::AppStatus::Failed;
  error_name_ = error;
  error_message_ = message;
  services_.app_status(name_, "failed " + error);
}

void PythonApp::internal_error(const std::string& what) {
  services_.print(name_, "netsim internal error: " + what);
  kernel_->process.attr("exited") = true;
  ended("SystemError", what);
}

const lang::Value* PythonApp::variable(std::string_view name) const {
  py::gil_scoped_acquire gil;
  const py::dict globals = kernel_->process.attr("globals");
  const py::str key{std::string(name)};
  if (!globals.contains(key)) return nullptr;
  lang::Value v = to_value(globals[key]);
  return &variables_.insert_or_assign(std::string(name), std::move(v)).first->second;
}

}  // namespace netsim::python
