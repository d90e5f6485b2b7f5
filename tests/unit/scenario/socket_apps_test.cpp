// The app language's socket calls on real hosts (a scenario loaded from
// text and run): Python's results, blocking in simulated time, timeouts,
// non-blocking sockets, Python's error names and messages, and sockets
// closed when an app ends.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "sim/scenario/lang/interpreter.h"
#include "sim/scenario/loader.h"
#include "sim/scenario/simulation.h"

using namespace netsim;
using namespace netsim::scenario;

namespace {

// pc 10.0.0.1 and srv 10.0.0.2 on one switch; `apps` is the YAML apps block.
const char* const kTopology = R"(
name: socket test
nodes:
  pc: {kind: host, interfaces: {eth0: {ip: 10.0.0.1/24}}, hosts: {server.lan: 10.0.0.2}}
  srv: {kind: host, interfaces: {eth0: {ip: 10.0.0.2/24}}}
  sw: {kind: switch}
links:
  - [pc:eth0, sw:p1]
  - [srv:eth0, sw:p2]
)";

struct Printed : TraceSink {
  std::vector<std::string> lines;  // "app: text"
  void on_event(const TraceEvent& e) override {
    if (e.kind == TraceKind::AppOutput)
      lines.push_back(std::string(e.iface) + ": " + std::string(e.text));
  }
};

struct Run {
  Scenario scenario;
  std::unique_ptr<Simulation> sim;
  Printed printed;
  StopReason stop{};

  explicit Run(const std::string& apps, const std::string& topology = kTopology)
      : scenario(load_scenario_text(topology + "apps:\n" + apps, "test.yaml")) {
    RunOptions options;
    options.max_events = 2'000'000;  // a runaway run fails instead of hanging the suite
    sim = std::make_unique<Simulation>(scenario, options);
    sim->ctx().trace().add_sink(&printed);
    stop = sim->run();
  }
  lang::App& app(const char* name) {
    auto* a = dynamic_cast<lang::App*>(sim->find_app(name));
    REQUIRE(a != nullptr);
    return *a;
  }
  std::string var(const char* app_name, const char* name) {
    const lang::Value* v = app(app_name).variable(name);
    return v ? v->repr() : "<unset>";
  }
  double number(const char* app_name, const char* name) {
    const lang::Value* v = app(app_name).variable(name);
    REQUIRE(v != nullptr);
    return v->as_float();
  }
  std::string status(const char* name) {
    lang::App& a = app(name);
    std::string s(lang::to_string(a.status()));
    if (a.status() == lang::AppStatus::Failed)
      s += " " + a.error_name() + ": " + a.error_message();
    return s;
  }
};

// A server that echoes one message upper-cased, as the seed programs do.
const char* const kEchoServer = R"(
  server:
    node: srv
    steps:
      - s = socket()
      - s.bind(("", 8999))
      - s.listen()
      - conn, addr = s.accept()
      - data = conn.recv(1024)
      - conn.sendall(data.upper())
      - conn.close()
)";

}  // namespace

TEST_CASE("TCP: accept gives (conn, (ip, port)); names resolve through the hosts file") {
  Run r(std::string(kEchoServer) + R"(
  client:
    node: pc
    start: 10ms
    steps:
      - c = socket(AF_INET, SOCK_STREAM)
      - c.connect(("server.lan", 8999))
      - me = c.getsockname()
      - peer = c.getpeername()
      - n = c.send(b"hello")
      - reply = c.recv(1024)
      - eof = c.recv(1024)
      - c.close()
)");
  CHECK(r.status("server") == "finished");
  CHECK(r.status("client") == "finished");
  CHECK(r.var("client", "reply") == "b'HELLO'");
  CHECK(r.var("client", "eof") == "b''");
  CHECK(r.var("client", "n") == "5");
  CHECK(r.var("client", "peer") == "('10.0.0.2', 8999)");
  CHECK(r.var("server", "addr") == r.var("client", "me"));
  CHECK(r.var("server", "conn").find("<socket fd=") == 0);
  CHECK(r.stop == StopReason::Quiet);
}

TEST_CASE("TCP: a closed port refuses; connect raises, connect_ex returns 111") {
  Run r(R"(
  refused:
    node: pc
    steps:
      - s = socket()
      - s.connect(("10.0.0.2", 80))
  probe:
    node: pc
    steps:
      - s = socket()
      - err = s.connect_ex(("10.0.0.2", 80))
      - try:
          - s.connect(("10.0.0.2", 81))
        except:
          OSError:
            - caught = True
)");
  CHECK(r.status("refused") == "failed ConnectionRefusedError: [Errno 111] Connection refused");
  CHECK(r.var("probe", "err") == "111");
  CHECK(r.var("probe", "caught") == "True");
}

TEST_CASE("settimeout: recv raises TimeoutError at the limit; None blocks again") {
  Run r(std::string(kEchoServer) + R"(
  client:
    node: pc
    start: 10ms
    steps:
      - c = socket()
      - c.connect(("10.0.0.2", 8999))
      - c.settimeout(0.5)
      - t0 = time()
      - try:
          - c.recv(1024)
        except:
          TimeoutError:
            - waited = time() - t0
      - c.settimeout(None)
      - c.send(b"late")
      - reply = c.recv(100)
)");
  CHECK(r.number("client", "waited") == Approx(0.5));
  CHECK(r.var("client", "reply") == "b'LATE'");
  CHECK(r.status("client") == "finished");
}

TEST_CASE("non-blocking sockets raise BlockingIOError instead of waiting") {
  Run r(R"(
  server:
    node: srv
    steps:
      - s = socket()
      - s.bind(("0.0.0.0", 7000))
      - s.listen(1)
      - s.setblocking(False)
      - try:
          - s.accept()
        except:
          BlockingIOError:
            - no_client = True
      - s.setblocking(True)
      - conn, addr = s.accept()
      - sleep(1)
  client:
    node: pc
    start: 10ms
    steps:
      - c = socket()
      - c.setblocking(False)
      - first = c.connect_ex(("10.0.0.2", 7000))
      - second = c.connect_ex(("10.0.0.2", 7000))
      - sleep(0.1)
      - third = c.connect_ex(("10.0.0.2", 7000))
      - try:
          - c.recv(10)
        except:
          BlockingIOError:
            - empty = True
)");
  CHECK(r.var("server", "no_client") == "True");
  CHECK(r.var("client", "first") == "115");
  CHECK(r.var("client", "second") == "114");
  CHECK(r.var("client", "third") == "0");
  CHECK(r.var("client", "empty") == "True");
}

TEST_CASE("send takes what fits; sendall waits until everything is taken") {
  Run r(R"(
  server:
    node: srv
    steps:
      - s = socket()
      - s.bind(("0.0.0.0", 7000))
      - s.listen(1)
      - conn, addr = s.accept()
      - sleep(0.5)
      - got = 0
      - while: True
        do:
          - chunk = conn.recv(65536)
          - "if not chunk: break"
          - got = got + len(chunk)
  client:
    node: pc
    start: 10ms
    steps:
      - c = socket()
      - c.connect(("10.0.0.2", 7000))
      - taken = c.send(b"x" * 1000000)
      - c.sendall(b"y" * (1000000 - taken))
      - done_at = time()
      - c.close()
)");
  const double taken = r.number("client", "taken");
  CHECK(taken > 0);
  CHECK(taken < 1000000);
  CHECK(r.var("server", "got") == "1000000");
  CHECK(r.number("client", "done_at") > 0.5);  // sendall waited for the reader
}

TEST_CASE("a closed socket raises EBADF; closing twice is harmless") {
  Run r(R"(
  app:
    node: pc
    steps:
      - u = socket(AF_INET, SOCK_DGRAM)
      - u.close()
      - u.close()
      - u.sendto(b"x", ("10.0.0.2", 9))
)");
  CHECK(r.status("app") == "failed OSError: [Errno 9] Bad file descriptor");
}

TEST_CASE("Python's argument errors") {
  auto failure = [](const std::string& step) {
    Run r("  app:\n    node: pc\n    steps:\n      - s = socket()\n      - " + step + "\n");
    return r.status("app");
  };
  CHECK(failure("s.send(\"text\")") ==
        "failed TypeError: a bytes-like object is required, not 'str'");
  CHECK(failure("s.bind((\"\", 70000))") ==
        "failed OverflowError: bind(): port must be 0-65535.");
  CHECK(failure("s.connect(\"10.0.0.2\")") ==
        "failed TypeError: connect(): AF_INET address must be tuple, not str");
  CHECK(failure("s.bind((\"10.0.0.2\", 80))") ==
        "failed OSError: [Errno 99] Cannot assign requested address");
  CHECK(failure("s.recv(-1)") == "failed ValueError: negative buffersize in recv");
  CHECK(failure("s.settimeout(-1)") == "failed ValueError: Timeout value out of range");
  CHECK(failure("s.shutdown(5)") == "failed OSError: [Errno 22] Invalid argument");
  CHECK(failure("s.getpeername()") ==
        "failed OSError: [Errno 107] Transport endpoint is not connected");
  CHECK(failure("s.connect((\"nowhere.lan\", 80))") ==
        "failed gaierror: [Errno -2] Name or service not known");
  CHECK(failure("t = socket(AF_INET, SOCK_DGRAM)\n      - t.listen()") ==
        "failed OSError: [Errno 95] Operation not supported");
}

TEST_CASE("bind: the second socket on a port gets EADDRINUSE") {
  Run r(R"(
  app:
    node: pc
    steps:
      - a = socket(AF_INET, SOCK_DGRAM)
      - a.bind(("0.0.0.0", 5000))
      - b = socket(AF_INET, SOCK_DGRAM)
      - try:
          - b.bind(("", 5000))
        except:
          OSError:
            - in_use = True
      - b.bind(("", 0))
      - port = b.getsockname()[1]
)");
  CHECK(r.var("app", "in_use") == "True");
  CHECK(r.number("app", "port") >= 32768);
  CHECK(r.number("app", "port") <= 60999);
}

TEST_CASE("UDP: recvfrom truncates; a connected socket hears port unreachable") {
  Run r(R"(
  rx:
    node: srv
    steps:
      - u = socket(AF_INET, SOCK_DGRAM)
      - u.bind(("", 9000))
      - data, addr = u.recvfrom(4)
      - rest, addr2 = u.recvfrom(100)
  tx:
    node: pc
    start: 10ms
    steps:
      - u = socket(AF_INET, SOCK_DGRAM)
      - u.sendto(b"0123456789", ("10.0.0.2", 9000))
      - u.sendto(b"next", ("10.0.0.2", 9000))
      - c = socket(AF_INET, SOCK_DGRAM)
      - c.connect(("10.0.0.2", 9999))
      - c.send(b"anyone?")
      - try:
          - c.recv(100)
        except:
          ConnectionRefusedError:
            - refused = True
)");
  CHECK(r.var("rx", "data") == "b'0123'");
  CHECK(r.var("rx", "rest") == "b'next'");
  CHECK(r.var("rx", "addr") == r.var("rx", "addr2"));
  CHECK(r.var("tx", "refused") == "True");
}

TEST_CASE("half-close: shutdown(SHUT_WR) sends EOF and the answer still arrives") {
  Run r(R"(
  server:
    node: srv
    steps:
      - s = socket()
      - s.bind(("", 7000))
      - s.listen()
      - conn, addr = s.accept()
      - total = b""
      - while: True
        do:
          - part = conn.recv(1024)
          - "if not part: break"
          - total = total + part
      - conn.sendall(b"got " + str(len(total)).encode())
      - conn.close()
  client:
    node: pc
    start: 10ms
    steps:
      - c = socket()
      - c.connect(("10.0.0.2", 7000))
      - c.sendall(b"z" * 3000)
      - c.shutdown(SHUT_WR)
      - answer = c.recv(100)
      - eof = c.recv(100)
      - c.close()
)");
  CHECK(r.var("client", "answer") == "b'got 3000'");
  CHECK(r.var("client", "eof") == "b''");
}

TEST_CASE("an app's sockets close when it ends; a blocked recv does not keep the run alive") {
  Run r(R"(
  server:
    node: srv
    steps:
      - s = socket()
      - s.bind(("", 7000))
      - s.listen()
      - conn, addr = s.accept()
      - conn.send(b"bye")
  client:
    node: pc
    start: 10ms
    steps:
      - c = socket()
      - c.connect(("10.0.0.2", 7000))
      - first = c.recv(100)
      - eof = c.recv(100)
  idle:
    node: pc
    steps:
      - u = socket(AF_INET, SOCK_DGRAM)
      - u.bind(("", 4444))
      - never = u.recvfrom(100)
)");
  CHECK(r.status("server") == "finished");
  CHECK(r.var("client", "first") == "b'bye'");
  CHECK(r.var("client", "eof") == "b''");  // the server's exit closed its connection
  CHECK(r.status("idle") == "running");
  CHECK(r.app("idle").waiting_without_timeout());
  CHECK(r.stop == StopReason::Quiet);
  CHECK(r.sim->end_time() < seconds(1));
}

TEST_CASE("threads: each thread blocks on its own connection") {
  Run r(R"(
  server:
    node: srv
    steps:
      - s = socket()
      - s.bind(("", 7000))
      - s.listen(5)
      - repeat: 2
        do:
          - conn, addr = s.accept()
          - thread:
              - data = conn.recv(100)
              - sleep(1)
              - conn.sendall(data + b"!")
              - conn.close()
  one:
    node: pc
    start: 10ms
    steps:
      - c = socket()
      - c.connect(("10.0.0.2", 7000))
      - c.send(b"one")
      - r = c.recv(100)
      - t = time()
  two:
    node: pc
    start: 20ms
    steps:
      - c = socket()
      - c.connect(("10.0.0.2", 7000))
      - c.send(b"two")
      - r = c.recv(100)
      - t = time()
)");
  CHECK(r.var("one", "r") == "b'one!'");
  CHECK(r.var("two", "r") == "b'two!'");
  // Served side by side: both answers about a second after their requests.
  CHECK(r.number("one", "t") < 1.1);
  CHECK(r.number("two", "t") < 1.1);
}

TEST_CASE("a node's ephemeral_ports and tcp keys reach its sockets") {
  std::string topology = kTopology;
  const std::string plain = "hosts: {server.lan: 10.0.0.2}}";
  topology.replace(topology.find(plain), plain.size(),
                   "ephemeral_ports: 40000-40009, tcp: {mss: 536}}");
  Run r(std::string(kEchoServer) + R"(
  client:
    node: pc
    start: 10ms
    steps:
      - c = socket()
      - c.connect(("10.0.0.2", 8999))
      - tcp_port = c.getsockname()[1]
      - c.sendall(b"m" * 2000)
      - u = socket(AF_INET, SOCK_DGRAM)
      - u.sendto(b"x", ("10.0.0.2", 9))
      - udp_port = u.getsockname()[1]
)",
        topology);
  CHECK(r.number("client", "tcp_port") >= 40000);
  CHECK(r.number("client", "tcp_port") <= 40009);
  CHECK(r.number("client", "udp_port") >= 40000);
  CHECK(r.number("client", "udp_port") <= 40009);
  // b'...': one MSS-sized segment first (536 less the timestamps option).
  CHECK(r.var("server", "data").size() == 524 + 3);
}
