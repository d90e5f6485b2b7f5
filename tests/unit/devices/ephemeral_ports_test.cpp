// Ephemeral ports as Linux picks them: connect() from a per-destination
// hashed start on even ports, bind(0) from a random start on odd ones, UDP
// anywhere in the range; a connect shares its port with connects to other
// destinations, never with a bound port or a 4-tuple in use.
#include <catch2/catch.hpp>

#include <set>

#include "devices/stack/ephemeral_ports.h"
#include "tcp_harness.h"

using namespace netsim;
using namespace netsim::test;
using devices::EphemeralPorts;
using devices::SocketError;

namespace {
const auto any_port = [](uint16_t) { return true; };
}  // namespace

TEST_CASE("ephemeral ports: connect takes even ports, bind odd ones, all in 32768-60999") {
  EphemeralPorts ports(RandomStream(7, "ports:h"), 32768, 60999);
  for (int i = 0; i < 200; ++i) {
    const uint16_t to_server = ports.for_connect(ip("10.0.0.1"), ip("10.0.0.2"), 80, any_port).value();
    const uint16_t bound = ports.for_bind(any_port).value();
    const uint16_t udp = ports.for_udp(any_port).value();
    for (uint16_t p : {to_server, bound, udp}) {
      CHECK(p >= 32768);
      CHECK(p <= 60999);
    }
    CHECK(to_server % 2 == 0);
    CHECK(bound % 2 == 1);
  }
}

TEST_CASE("ephemeral ports: successive connects to one destination move up a few ports") {
  EphemeralPorts ports(RandomStream(7, "ports:h"), 32768, 60999);
  uint16_t last = ports.for_connect(ip("10.0.0.1"), ip("10.0.0.2"), 80, any_port).value();
  for (int i = 0; i < 20; ++i) {
    const uint16_t next = ports.for_connect(ip("10.0.0.1"), ip("10.0.0.2"), 80, any_port).value();
    const uint32_t step = (next + 28232u - last) % 28232u;  // modulo the range: it may wrap
    CHECK(step >= 2);
    CHECK(step <= 16);  // Linux: 2 plus at most 7 random steps of 2
    last = next;
  }
}

TEST_CASE("ephemeral ports: a busy port is skipped, the other parity is tried, then none") {
  EphemeralPorts ports(RandomStream(3, "ports:h"), 40000, 40003);
  std::set<uint16_t> taken;
  const auto free = [&](uint16_t p) { return !taken.count(p); };
  for (int i = 0; i < 4; ++i) {
    const auto p = ports.for_connect(ip("10.0.0.1"), ip("10.0.0.2"), 80, free);
    REQUIRE(p);
    CHECK((i < 2) == (*p % 2 == 0));  // both even ports before the odd ones
    taken.insert(*p);
  }
  CHECK(taken.size() == 4);
  CHECK_FALSE(ports.for_connect(ip("10.0.0.1"), ip("10.0.0.2"), 80, free));
  CHECK_FALSE(ports.for_bind(free));
  CHECK_FALSE(ports.for_udp(free));
}

TEST_CASE("TCP connect shares a port across destinations, not with a bound one") {
  devices::TcpConfig one_port;
  one_port.ephemeral_low = one_port.ephemeral_high = 40000;
  TcpPair p(milliseconds(10), one_port);
  for (uint16_t port : {80, 81}) {
    devices::TcpSocket* l = p.b.open();
    REQUIRE(l->bind({wire::Ipv4Address::any(), port}).ok());
    REQUIRE(l->listen(5).ok());
  }
  devices::TcpSocket* first = p.a.open();
  devices::TcpSocket* second = p.a.open();
  devices::TcpSocket* third = p.a.open();
  CHECK(first->connect(TcpPair::addr("10.0.0.2", 80)).would_block());
  CHECK(second->connect(TcpPair::addr("10.0.0.2", 81)).would_block());
  CHECK(first->local().port == 40000);
  CHECK(second->local().port == 40000);  // another 4-tuple: Linux shares the port
  // The same 4-tuple again: EADDRNOTAVAIL, as Linux's connect().
  CHECK(third->connect(TcpPair::addr("10.0.0.2", 80)).error() == SocketError::AddressNotAvailable);
  // bind() may not take a port connects hold (EADDRINUSE) ...
  devices::TcpSocket* bound = p.a.open();
  CHECK(bound->bind({wire::Ipv4Address::any(), 0}).error() == SocketError::AddressInUse);
  p.run_for(milliseconds(50));
  CHECK(first->state() == devices::TcpState::Established);
  CHECK(second->state() == devices::TcpState::Established);
}

TEST_CASE("TCP connect does not take a port that bind() holds") {
  devices::TcpConfig two_ports;
  two_ports.ephemeral_low = 40000;
  two_ports.ephemeral_high = 40001;
  TcpPair p(milliseconds(10), two_ports);
  devices::TcpSocket* l = p.b.open();
  REQUIRE(l->bind({wire::Ipv4Address::any(), 80}).ok());
  REQUIRE(l->listen(5).ok());
  devices::TcpSocket* bound = p.a.open();
  REQUIRE(bound->bind({wire::Ipv4Address::any(), 40000}).ok());
  devices::TcpSocket* c = p.a.open();
  CHECK(c->connect(TcpPair::addr("10.0.0.2", 80)).would_block());
  CHECK(c->local().port == 40001);
}
