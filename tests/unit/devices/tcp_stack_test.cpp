// TCP over real IPv4 stacks (StackTcpOutput): ARP, two routers and a
// 10 Mbps hop as in the file-download acceptance scenario; every frame on
// the wire decodes with valid checksums; a lossy hop is recovered from.
#include <catch2/catch.hpp>

#include "devices/stack/tcp/tcp_layer.h"
#include "net_fixture.h"

using namespace netsim;
using namespace netsim::test;
using devices::TcpState;

namespace {

// A node's TCP, fed straight by its stack (no socket table).
struct StackTcp final : devices::TransportHandler {
  devices::StackTcpOutput out;
  devices::EphemeralPorts ports;
  devices::TcpLayer tcp;
  explicit StackTcp(devices::IpNode& node)
      : out(node.stack()),
        ports(node.ctx().stream("ports:" + node.name()), 32768, 60999),
        tcp(node.ctx(), node.name(), out, {}, node.ctx().stream("isn:" + node.name()), ports) {
    node.stack().set_transport(this);
  }
  bool deliver_udp(const wire::Ipv4Repr&, const wire::UdpRepr&,
                   const devices::L3Interface*) override {
    return false;
  }
  void deliver_tcp(const wire::Ipv4Repr& ip, std::span<const uint8_t> segment,
                   const devices::L3Interface*) override {
    tcp.deliver(ip, segment);
  }
  void deliver_icmp_error(wire::Ipv4Address reporter, const wire::IcmpRepr& icmp,
                          const wire::Ipv4Repr& quoted,
                          std::span<const uint8_t> quoted_payload) override {
    tcp.deliver_icmp_error(reporter, icmp, quoted, quoted_payload);
  }
};

// client -- r1 ==10 Mbps== r2 -- server
struct Download {
  Net net;
  devices::IpNode& client = net.host("client", with_gateway("192.168.1.1"));
  devices::IpNode& server = net.host("server", with_gateway("192.168.2.1"));
  devices::IpNode& r1 = net.router("r1");
  devices::IpNode& r2 = net.router("r2");
  StackTcp client_tcp{client};
  StackTcp server_tcp{server};
  Link* wan = nullptr;

  static devices::IpNodeConfig with_gateway(const char* gateway) {
    devices::IpNodeConfig c;
    c.gateway = ip(gateway);
    return c;
  }
  explicit Download(double wan_loss = 0) {
    Port& c0 = client.add_interface("eth0", mac(1), prefix("192.168.1.10/24"));
    Port& s0 = server.add_interface("eth0", mac(2), prefix("192.168.2.10/24"));
    Port& r1_lan = r1.add_interface("lan", mac(3), prefix("192.168.1.1/24"));
    Port& r1_wan = r1.add_interface("wan", mac(4), prefix("10.9.0.1/30"));
    Port& r2_lan = r2.add_interface("lan", mac(5), prefix("192.168.2.1/24"));
    Port& r2_wan = r2.add_interface("wan", mac(6), prefix("10.9.0.2/30"));
    r1.add_static_route(prefix("192.168.2.0/24"), ip("10.9.0.2"), "");
    r2.add_static_route(prefix("192.168.1.0/24"), ip("10.9.0.1"), "");
    LinkParams lan;
    lan.delay = microseconds(50);
    net.link(c0, r1_lan, lan);
    net.link(s0, r2_lan, lan);
    LinkParams slow;
    slow.bandwidth_bps = 10'000'000;
    slow.delay = milliseconds(1);
    slow.loss = wan_loss;
    wan = &net.link(r1_wan, r2_wan, slow);
  }

  // The server sends `size` bytes and closes; the client reads to EOF.
  struct Outcome {
    std::vector<uint8_t> got;
    Time eof_at{-1};
  };
  Outcome run(size_t size, Time limit) {
    Outcome outcome;
    const std::vector<uint8_t> file(size, 'B');
    devices::TcpSocket* listener = server_tcp.tcp.open();
    listener->bind({wire::Ipv4Address::any(), 7890});
    listener->listen(1);
    devices::TcpSocket* conn = nullptr;
    size_t sent = 0;
    auto pump = [&] {
      while (conn && sent < file.size()) {
        auto taken = conn->send(std::span(file).subspan(sent));
        if (!taken.ok()) return;
        sent += taken.value();
      }
      if (conn && sent == file.size()) {
        conn->close();
        conn = nullptr;
      }
    };
    devices::TcpSocket* c = client_tcp.tcp.open();
    c->connect({ip("192.168.2.10"), 7890});
    while (net.ctx.scheduler().next_time() <= limit && net.ctx.scheduler().run_next()) {
      if (!conn && sent == 0) {
        auto accepted = listener->accept();
        if (accepted.ok()) conn = accepted.value();
      }
      pump();
      uint8_t buffer[4096];
      for (;;) {
        auto n = c->recv(buffer);
        if (!n.ok()) break;
        if (n.value() == 0) {
          if (outcome.eof_at < Time{0}) outcome.eof_at = net.ctx.now();
          break;
        }
        outcome.got.insert(outcome.got.end(), buffer, buffer + n.value());
      }
    }
    return outcome;
  }
};

}  // namespace

TEST_CASE("TCP over IPv4 stacks: 1 MB across a 10 Mbps hop near the link's time", "[tcp]") {
  Download d;
  const auto outcome = d.run(1'000'000, seconds(3));
  REQUIRE(outcome.got.size() == 1'000'000);
  REQUIRE(outcome.eof_at > Time{0});
  // 1,000,000 bytes in 1460-byte segments, 1514-byte frames, at 10 Mbps.
  const Time link = transmission_time(684 * 1514 + 1054, 10'000'000);
  INFO("EOF at " << to_seconds(outcome.eof_at) << " s; the hop needs " << to_seconds(link) << " s");
  CHECK(outcome.eof_at < link + link / 10);
  CHECK(!d.net.rec.decided("retransmission timeout"));
  // Every frame sent anywhere decodes cleanly: TCP checksums and all.
  size_t tcp_frames = 0;
  for (const auto& frame : d.net.rec.sent) {
    const auto info = frame.info();
    CHECK(!info.error);
    if (info.tcp) ++tcp_frames;
  }
  CHECK(tcp_frames > 2 * 685);
}

TEST_CASE("TCP over IPv4 stacks: a 2% lossy hop delays but does not corrupt", "[tcp]") {
  Download d(0.02);
  const auto outcome = d.run(300'000, seconds(60));
  REQUIRE(outcome.got.size() == 300'000);
  CHECK(outcome.eof_at > Time{0});
  CHECK(d.net.rec.decided("SACK recovery: seq"));
}

TEST_CASE("TCP over IPv4 stacks: connect to a silent address fails with EHOSTUNREACH", "[tcp]") {
  Download d;
  devices::TcpSocket* c = d.client_tcp.tcp.open();
  // On r2's LAN, but nobody there answers ARP: r2 reports host unreachable.
  CHECK(c->connect({ip("192.168.2.99"), 80}).would_block());
  d.net.run_until(seconds(10));
  CHECK(c->state() == TcpState::Closed);
  CHECK(c->connect({ip("192.168.2.99"), 80}).error() == devices::SocketError::HostUnreachable);
}

TEST_CASE("TCP over IPv4 stacks: a connection to the node's own address loops back", "[tcp]") {
  Download d;
  devices::TcpSocket* listener = d.client_tcp.tcp.open();
  REQUIRE(listener->bind({wire::Ipv4Address::any(), 9000}).ok());
  REQUIRE(listener->listen(1).ok());
  devices::TcpSocket* c = d.client_tcp.tcp.open();
  CHECK(c->connect({ip("192.168.1.10"), 9000}).would_block());
  d.net.run_until(milliseconds(1));
  CHECK(c->connect({ip("192.168.1.10"), 9000}).ok());
  auto accepted = listener->accept();
  REQUIRE(accepted.ok());
  const uint8_t hello[] = {'h', 'i'};
  CHECK(accepted.value()->send(hello).value() == 2);
  d.net.run_until(milliseconds(2));
  uint8_t buffer[8];
  CHECK(c->recv(buffer).value() == 2);
  CHECK(d.net.rec.sent.empty());  // nothing went on a wire
}
