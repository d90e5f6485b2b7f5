// UDP through a node's socket table: ports and ephemeral ports, message
// boundaries, truncation, connected sockets and the ICMP errors they hear,
// fragmentation of large datagrams, the bounded receive queue, handles.
#include <catch2/catch.hpp>

#include <string>

#include "tests/unit/devices/net_fixture.h"

using namespace netsim;
using namespace netsim::test;
using devices::SocketAddress;
using devices::SocketError;
using devices::SocketKind;

namespace {

std::span<const uint8_t> bytes_of(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// a (10.0.0.1) -- b (10.0.0.2), one 100 Mbps link.
struct TwoHosts {
  Net net;
  devices::IpNode& a = net.host("a");
  devices::IpNode& b = net.host("b");
  Link* link = nullptr;
  TwoHosts(uint32_t mtu = 1500) {
    Port& pa = a.add_interface("eth0", mac(1), prefix("10.0.0.1/24"));
    Port& pb = b.add_interface("eth0", mac(2), prefix("10.0.0.2/24"));
    LinkParams params;
    params.mtu = mtu;
    link = &net.link(pa, pb, params);
  }
  devices::SocketTable& sa() { return a.sockets(); }
  devices::SocketTable& sb() { return b.sockets(); }
  int bound(devices::SocketTable& t, const char* address, uint16_t port) {
    const int h = t.open(SocketKind::Datagram);
    REQUIRE(t.bind(h, {ip(address), port}).ok());
    return h;
  }
  // recv into a buffer of `size`; the text received, or "error N".
  std::string recv(devices::SocketTable& t, int h, size_t size, SocketAddress* from = nullptr) {
    std::string out(size, '\0');
    const auto r = t.recv(h, {reinterpret_cast<uint8_t*>(out.data()), out.size()}, from);
    if (!r.ok()) return "error " + std::to_string(devices::to_errno(r.error()));
    out.resize(r.value());
    return out;
  }
};

}  // namespace

TEST_CASE("sendto/recvfrom keep message boundaries and report the sender") {
  TwoHosts t;
  const int rx = t.bound(t.sb(), "0.0.0.0", 8080);
  const int tx = t.sa().open(SocketKind::Datagram);
  int wakes = 0;
  REQUIRE(t.sb().set_waker(rx, [&wakes] { ++wakes; }).ok());
  REQUIRE(t.sa().send_to(tx, bytes_of("hello"), {ip("10.0.0.2"), 8080}).value() == 5);
  REQUIRE(t.sa().send_to(tx, bytes_of("world!"), {ip("10.0.0.2"), 8080}).value() == 6);
  // The unbound sender got an ephemeral port from Linux's range.
  const SocketAddress local = t.sa().local_address(tx).value();
  CHECK(local.ip == ip("0.0.0.0"));
  CHECK(local.port >= 32768);
  CHECK(local.port <= 60999);
  CHECK(t.recv(t.sb(), rx, 100) == "error 11");  // nothing yet: WouldBlock
  t.net.run();
  CHECK(wakes == 2);
  CHECK(t.sb().readable(rx).value() == 5);
  SocketAddress from;
  CHECK(t.recv(t.sb(), rx, 100, &from) == "hello");
  CHECK(from == SocketAddress{ip("10.0.0.1"), local.port});
  CHECK(t.recv(t.sb(), rx, 100) == "world!");
  CHECK(t.recv(t.sb(), rx, 100) == "error 11");
}

TEST_CASE("recvfrom with a short buffer truncates and discards the rest") {
  TwoHosts t;
  const int rx = t.bound(t.sb(), "0.0.0.0", 9);
  const int tx = t.sa().open(SocketKind::Datagram);
  t.sa().send_to(tx, bytes_of("0123456789"), {ip("10.0.0.2"), 9});
  t.sa().send_to(tx, bytes_of("abc"), {ip("10.0.0.2"), 9});
  t.net.run();
  CHECK(t.recv(t.sb(), rx, 4) == "0123");
  CHECK(t.recv(t.sb(), rx, 4) == "abc");
}

TEST_CASE("bind: address in use, address not ours, bound twice") {
  TwoHosts t;
  devices::SocketTable& s = t.sa();
  const int first = t.bound(s, "0.0.0.0", 5000);
  const int second = s.open(SocketKind::Datagram);
  CHECK(s.bind(second, {ip("0.0.0.0"), 5000}).error() == SocketError::AddressInUse);
  CHECK(s.bind(second, {ip("10.0.0.1"), 5000}).error() == SocketError::AddressInUse);
  CHECK(s.bind(second, {ip("10.0.0.9"), 5001}).error() == SocketError::AddressNotAvailable);
  CHECK(s.bind(first, {ip("0.0.0.0"), 5002}).error() == SocketError::InvalidArgument);
  // UDP and TCP ports are separate spaces.
  const int stream = s.open(SocketKind::Stream);
  CHECK(s.bind(stream, {ip("0.0.0.0"), 5000}).ok());
  // Closing frees the port.
  REQUIRE(s.close(first).ok());
  CHECK(s.bind(second, {ip("10.0.0.1"), 5000}).ok());
}

TEST_CASE("handles start at 3, are never reused, and are invalid after close") {
  TwoHosts t;
  devices::SocketTable& s = t.sa();
  const int h3 = s.open(SocketKind::Datagram);
  const int h4 = s.open(SocketKind::Stream);
  CHECK(h3 == 3);
  CHECK(h4 == 4);
  CHECK(s.kind(h4) == SocketKind::Stream);
  REQUIRE(s.close(h3).ok());
  CHECK_FALSE(s.kind(h3));
  CHECK(s.close(h3).error() == SocketError::BadDescriptor);
  CHECK(s.send_to(h3, bytes_of("x"), {ip("10.0.0.2"), 9}).error() == SocketError::BadDescriptor);
  CHECK(s.open(SocketKind::Datagram) == 5);
}

TEST_CASE("sending: EMSGSIZE above 65507 bytes, EDESTADDRREQ unconnected, port 0") {
  TwoHosts t;
  devices::SocketTable& s = t.sa();
  const int h = s.open(SocketKind::Datagram);
  const std::string huge(65508, 'x');
  CHECK(s.send_to(h, bytes_of(huge), {ip("10.0.0.2"), 9}).error() == SocketError::MessageTooLong);
  CHECK(s.send(h, bytes_of("x")).error() == SocketError::DestinationAddressRequired);
  CHECK(s.send_to(h, bytes_of("x"), {ip("10.0.0.2"), 0}).error() == SocketError::InvalidArgument);
  CHECK(s.send_to(h, bytes_of("x"), {ip("192.0.2.1"), 9}).error() ==
        SocketError::NetworkUnreachable);
  CHECK(s.peer_address(h).error() == SocketError::NotConnected);
}

TEST_CASE("a closed port answers ICMP port unreachable; only a connected socket hears it") {
  TwoHosts t;
  const int loose = t.sa().open(SocketKind::Datagram);
  const int connected = t.sa().open(SocketKind::Datagram);
  REQUIRE(t.sa().connect(connected, {ip("10.0.0.2"), 7}).ok());
  // connect bound the route's source address and an ephemeral port (Python's
  // getsockname() trick for "my address").
  CHECK(t.sa().local_address(connected).value().ip == ip("10.0.0.1"));
  CHECK(t.sa().peer_address(connected).value() == SocketAddress{ip("10.0.0.2"), 7});
  int wakes = 0;
  t.sa().set_waker(connected, [&wakes] { ++wakes; });
  t.sa().send_to(loose, bytes_of("x"), {ip("10.0.0.2"), 7});
  t.sa().send(connected, bytes_of("y"));
  t.net.run();
  size_t unreachable = 0;
  for (const auto& s : t.net.rec.sent_at("b:eth0"))
    unreachable += s.info().icmp && s.info().type() == "unreachable";
  CHECK(unreachable == 2);
  CHECK(wakes == 1);
  CHECK(t.recv(t.sa(), loose, 10) == "error 11");
  // ECONNREFUSED once, on the next operation; then the socket works again.
  CHECK(t.recv(t.sa(), connected, 10) == "error 111");
  CHECK(t.recv(t.sa(), connected, 10) == "error 11");
  t.sa().send(connected, bytes_of("z"));
  t.net.run();
  CHECK(t.sa().send(connected, bytes_of("z")).error() == SocketError::ConnectionRefused);
}

TEST_CASE("a connected socket hears only its peer") {
  TwoHosts t;
  const int rx = t.bound(t.sb(), "0.0.0.0", 53);
  REQUIRE(t.sb().connect(rx, {ip("10.0.0.1"), 1111}).ok());
  const int from_peer = t.bound(t.sa(), "0.0.0.0", 1111);
  const int stranger = t.bound(t.sa(), "0.0.0.0", 2222);
  t.sa().send_to(stranger, bytes_of("not you"), {ip("10.0.0.2"), 53});
  t.sa().send_to(from_peer, bytes_of("you"), {ip("10.0.0.2"), 53});
  t.net.run();
  CHECK(t.recv(t.sb(), rx, 10) == "you");
  CHECK(t.recv(t.sb(), rx, 10) == "error 11");
  // The stranger's datagram found no socket: port unreachable back to it
  // (an unconnected socket does not report it).
  CHECK(t.net.rec.decided("no socket on UDP port 53"));
}

TEST_CASE("a datagram larger than the MTU leaves in fragments and is reassembled") {
  TwoHosts t;
  const int rx = t.bound(t.sb(), "0.0.0.0", 4000);
  const int tx = t.sa().open(SocketKind::Datagram);
  std::string big(8000, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>('a' + i % 26);
  REQUIRE(t.sa().send_to(tx, bytes_of(big), {ip("10.0.0.2"), 4000}).value() == 8000);
  t.net.run();
  size_t fragments = 0;
  for (const auto& s : t.net.rec.sent_at("a:eth0")) {
    const auto info = s.info();
    if (!info.ip) continue;
    ++fragments;
    CHECK(info.ip->buffer_len() <= 1500);
    CHECK(info.is_fragment);
  }
  CHECK(fragments == 6);  // 8008 bytes of UDP in 1480-byte pieces
  CHECK(t.recv(t.sb(), rx, 65535) == big);
}

TEST_CASE("the receive queue is bounded like Linux's rcvbuf: the excess is dropped") {
  TwoHosts t;
  const int rx = t.bound(t.sb(), "0.0.0.0", 7000);
  const int tx = t.sa().open(SocketKind::Datagram);
  const std::string payload(1000, 'q');
  // In batches that fit the port's 100-frame queue, with ARP resolved first.
  t.sa().send_to(tx, bytes_of(payload), {ip("10.0.0.2"), 7000});
  t.net.run();
  for (int batch = 0; batch < 6; ++batch) {
    for (int i = 0; i < 50; ++i) t.sa().send_to(tx, bytes_of(payload), {ip("10.0.0.2"), 7000});
    t.net.run();
  }
  int queued = 0;
  while (t.recv(t.sb(), rx, 2000) == payload) ++queued;
  // 212992 bytes at 1000 + 768 each: 121 fit, and Linux takes one more
  // while the queue is not yet over the limit.
  CHECK(queued == 121);
  CHECK(t.net.rec.decided("receive queue full"));
}

TEST_CASE("node down empties the queues; the socket works again after") {
  TwoHosts t;
  const int rx = t.bound(t.sb(), "0.0.0.0", 7000);
  const int tx = t.sa().open(SocketKind::Datagram);
  t.sa().send_to(tx, bytes_of("before"), {ip("10.0.0.2"), 7000});
  t.net.run();
  t.b.set_up(false);
  t.b.set_up(true);
  CHECK(t.recv(t.sb(), rx, 100) == "error 11");
  t.sa().send_to(tx, bytes_of("after"), {ip("10.0.0.2"), 7000});
  t.net.run();
  CHECK(t.recv(t.sb(), rx, 100) == "after");
}

TEST_CASE("shutdown on a datagram socket") {
  TwoHosts t;
  const int h = t.sa().open(SocketKind::Datagram);
  CHECK(t.sa().shutdown(h, devices::ShutdownHow::Both).error() == SocketError::NotConnected);
  REQUIRE(t.sa().connect(h, {ip("10.0.0.2"), 9}).ok());
  REQUIRE(t.sa().shutdown(h, devices::ShutdownHow::Both).ok());
  CHECK(t.recv(t.sa(), h, 10).empty());  // b"": end of input
  CHECK(t.sa().send(h, bytes_of("x")).error() == SocketError::BrokenPipe);
}

namespace {

// A daemon that records what reached its port, and where.
struct PortRecorder final : devices::UdpService {
  std::vector<std::string> heard;
  void receive(const devices::UdpArrival& a) override {
    heard.push_back(std::string(devices::name_of(a.in)) + " " + a.ip.src.to_string() + ":" +
                    std::to_string(a.udp.src_port) + (a.broadcast ? " broadcast " : " unicast ") +
                    std::string(a.udp.payload.begin(), a.udp.payload.end()));
  }
};

}  // namespace

TEST_CASE("a UDP service owns its port, hears the ingress interface, and sends from any address") {
  TwoHosts t;
  PortRecorder service;
  t.sb().udp().attach(67, service);
  // No socket can take the daemon's port.
  const int h = t.sb().open(SocketKind::Datagram);
  CHECK(devices::to_errno(t.sb().bind(h, {ip("0.0.0.0"), 67}).error()) == 98);
  const int tx = t.bound(t.sa(), "0.0.0.0", 68);
  REQUIRE(t.sa().send_to(tx, bytes_of("hi"), {ip("10.0.0.2"), 67}).ok());
  REQUIRE(t.sa().send_to(tx, bytes_of("all"), {ip("10.0.0.255"), 67}).ok());
  t.net.run();
  // The broadcast needs no ARP, so it overtakes the unicast.
  CHECK(service.heard == std::vector<std::string>{"eth0 10.0.0.1:68 broadcast all",
                                                  "eth0 10.0.0.1:68 unicast hi"});
  // A service answers from its port, out of a chosen interface.
  devices::L3Interface* out = t.b.stack().find_interface("eth0");
  const std::string reply = "back";
  CHECK(t.sb().udp().send_from({ip("0.0.0.0"), 67}, {ip("10.0.0.1"), 68}, bytes_of(reply), out) ==
        devices::SendResult::Sent);
  t.net.run();
  SocketAddress from;
  CHECK(t.recv(t.sa(), tx, 100, &from) == "back");
  CHECK(from == SocketAddress{ip("10.0.0.2"), 67});
  // Detached, the port is a closed port again.
  t.sb().udp().detach(67);
  CHECK(t.sb().bind(h, {ip("0.0.0.0"), 67}).ok());
}
