// ARP through a host's stack: request on first use, reply releases the held
// packets, the RFC 826 merge rule, retries and failure, lazy expiry.
#include <catch2/catch.hpp>

#include "net_fixture.h"

using namespace netsim;
using namespace netsim::test;

namespace {
struct ErrorLog : devices::TransportHandler {
  bool deliver_udp(const wire::Ipv4Repr&, const wire::UdpRepr&,
                   const devices::L3Interface*) override {
    return false;
  }
  void deliver_tcp(const wire::Ipv4Repr&, std::span<const uint8_t>,
                   const devices::L3Interface*) override {}
  void deliver_icmp_error(wire::Ipv4Address reporter, const wire::IcmpRepr& icmp,
                          const wire::Ipv4Repr& quoted, std::span<const uint8_t>) override {
    errors.push_back({reporter, icmp.type, icmp.code, quoted.dst});
  }
  struct Error {
    wire::Ipv4Address reporter;
    wire::IcmpType type;
    uint8_t code;
    wire::Ipv4Address about;
  };
  std::vector<Error> errors;
};

// h1 (10.0.0.1, mac 1) wired to a silent peer that records what h1 sends.
struct HostAndPeer {
  Net net;
  devices::IpNode& h1 = net.host("h1");
  Sink& peer = net.add<Sink>("peer");
  Port& eth0 = h1.add_interface("eth0", mac(1), prefix("10.0.0.1/24"));
  HostAndPeer() { net.link(eth0, peer.add_port("eth0", mac(2))); }

  void send_udp(const char* dst, uint16_t port, const devices::EgressOptions& egress = {}) {
    wire::Ipv4Repr h;
    h.dst = ip(dst);
    h.protocol = wire::IpProtocol::Udp;
    const uint8_t data[4] = {1, 2, 3, 4};
    const wire::UdpRepr udp{5000, port, data};
    CHECK(h1.stack().send_datagram(h, udp.buffer_len(),
                                   [&](std::span<uint8_t> out, const wire::Ipv4Repr& f) {
                                     udp.emit(out, f.src, f.dst);
                                   },
                                   egress) == devices::SendResult::Sent);
  }
  std::vector<wire::ArpRepr> arps_at_peer() const {
    std::vector<wire::ArpRepr> out;
    for (const auto& f : peer.frames)
      if (auto info = f.info(); info.arp) out.push_back(*info.arp);
    return out;
  }
};
}  // namespace

TEST_CASE("the first packet to an unknown neighbour sends a request; the reply releases it") {
  HostAndPeer t;
  t.send_udp("10.0.0.2", 7);
  t.net.run_until(milliseconds(1));
  const auto arps = t.arps_at_peer();
  REQUIRE(arps.size() == 1);
  CHECK(arps[0] ==
        wire::ArpRepr{wire::ArpOperation::Request, mac(1), ip("10.0.0.1"), {}, ip("10.0.0.2")});
  CHECK(t.peer.frames[0].info().eth.dst.is_broadcast());
  CHECK(t.net.rec.decided("ARP miss 10.0.0.2: request sent, packet queued"));
  REQUIRE(t.h1.stack().arp_rows().size() == 1);
  CHECK(t.h1.stack().arp_rows()[0].state == devices::ArpState::Incomplete);

  t.h1.receive(t.eth0, arp_frame(t.net.ctx, mac(1),
                                 {wire::ArpOperation::Reply, mac(2), ip("10.0.0.2"), mac(1),
                                  ip("10.0.0.1")}));
  t.net.run();
  REQUIRE(t.peer.frames.size() == 2);
  const auto udp = t.peer.frames[1].info();
  CHECK(udp.eth.dst == mac(2));
  CHECK(udp.eth.src == mac(1));
  REQUIRE(udp.udp);
  CHECK(udp.udp->dst_port == 7);
  CHECK(t.h1.stack().arp_lookup(ip("10.0.0.2")) == mac(2));
  CHECK(t.net.ctx.scheduler().essential_pending() == 0);  // the retransmission timer is gone

  t.send_udp("10.0.0.2", 8);  // now a hit: straight out
  t.net.run();
  REQUIRE(t.peer.frames.size() == 3);
  CHECK(t.net.rec.decided("ARP hit 10.0.0.2 -> 02:00:00:00:00:02"));
}

TEST_CASE("three requests one second apart, then the held packets are dropped and reported") {
  HostAndPeer t;
  ErrorLog log;
  t.h1.stack().set_transport(&log);
  t.send_udp("10.0.0.2", 7);
  t.send_udp("10.0.0.2", 8);
  t.net.run();
  const auto arps = t.arps_at_peer();
  REQUIRE(arps.size() == 3);
  REQUIRE(t.peer.frames.size() == 3);
  CHECK(t.peer.frames[1].at - t.peer.frames[0].at == seconds(1));
  CHECK(t.peer.frames[2].at - t.peer.frames[1].at == seconds(1));
  CHECK(t.net.ctx.now() == seconds(3));
  CHECK(t.net.rec.count_drops(DropReason::ArpFailed) == 2);
  CHECK(t.net.rec.decided("ARP failed 10.0.0.2 after 3 requests: 2 packets dropped"));
  REQUIRE(log.errors.size() == 2);
  CHECK(log.errors[0].type == wire::IcmpType::DestinationUnreachable);
  CHECK(log.errors[0].code == 1);
  CHECK(log.errors[0].about == ip("10.0.0.2"));
  CHECK(t.h1.stack().arp_rows().empty());
}

TEST_CASE("RFC 826 merge: learn a sender only when targeted, update a known one from any packet") {
  HostAndPeer t;
  auto& stack = t.h1.stack();
  // A request for someone else teaches nothing.
  t.h1.receive(
      t.eth0, arp_frame(t.net.ctx, wire::MacAddress::broadcast(),
                        {wire::ArpOperation::Request, mac(3), ip("10.0.0.3"), {}, ip("10.0.0.9")}));
  t.net.run();
  CHECK_FALSE(stack.arp_lookup(ip("10.0.0.3")));
  CHECK(t.peer.frames.empty());

  // A request for us: the sender is added and answered.
  t.h1.receive(
      t.eth0, arp_frame(t.net.ctx, wire::MacAddress::broadcast(),
                        {wire::ArpOperation::Request, mac(3), ip("10.0.0.3"), {}, ip("10.0.0.1")}));
  t.net.run();
  CHECK(stack.arp_lookup(ip("10.0.0.3")) == mac(3));
  REQUIRE(t.peer.frames.size() == 1);
  const auto reply = t.peer.frames[0].info();
  CHECK(reply.eth.dst == mac(3));
  REQUIRE(reply.arp);
  CHECK(*reply.arp ==
        wire::ArpRepr{wire::ArpOperation::Reply, mac(1), ip("10.0.0.1"), mac(3), ip("10.0.0.3")});

  // Known sender, packet for someone else: its entry is updated.
  t.h1.receive(
      t.eth0, arp_frame(t.net.ctx, wire::MacAddress::broadcast(),
                        {wire::ArpOperation::Request, mac(4), ip("10.0.0.3"), {}, ip("10.0.0.7")}));
  t.net.run();
  CHECK(stack.arp_lookup(ip("10.0.0.3")) == mac(4));
  CHECK(t.peer.frames.size() == 1);  // and not answered
}

TEST_CASE("ARP entries expire after arp_timeout; clear_arp forgets them") {
  Net net;
  devices::IpNodeConfig config;
  config.arp_timeout = seconds(60);
  auto& h1 = net.host("h1", config);
  Port& eth0 = h1.add_interface("eth0", mac(1), prefix("10.0.0.1/24"));
  Sink& peer = net.add<Sink>("peer");
  net.link(eth0, peer.add_port("eth0", mac(2)));
  h1.receive(eth0,
             arp_frame(net.ctx, mac(1),
                       {wire::ArpOperation::Request, mac(2), ip("10.0.0.2"), {}, ip("10.0.0.1")}));
  net.run();
  CHECK(h1.stack().arp_lookup(ip("10.0.0.2")) == mac(2));
  net.run_until(seconds(59));
  CHECK(h1.stack().arp_lookup(ip("10.0.0.2")));
  net.run_until(seconds(61));
  CHECK_FALSE(h1.stack().arp_lookup(ip("10.0.0.2")));

  h1.receive(eth0,
             arp_frame(net.ctx, mac(1),
                       {wire::ArpOperation::Request, mac(2), ip("10.0.0.2"), {}, ip("10.0.0.1")}));
  net.run();
  REQUIRE(h1.stack().arp_lookup(ip("10.0.0.2")));
  h1.stack().clear_arp();
  CHECK_FALSE(h1.stack().arp_lookup(ip("10.0.0.2")));
}

TEST_CASE("the hold queue is bounded in bytes: the oldest packet goes first") {
  HostAndPeer t;
  wire::Ipv4Repr h;
  h.dst = ip("10.0.0.2");
  h.protocol = wire::IpProtocol::Udp;
  // 1014-byte frames: 64 KiB holds 64 of them.
  for (int i = 0; i < 70; ++i)
    t.h1.stack().send_datagram(h, 980, [](std::span<uint8_t>, const wire::Ipv4Repr&) {});
  CHECK(t.net.rec.count_drops(DropReason::ArpQueueFull) == 6);
  t.h1.set_up(false);  // node down: the rest are dropped too
  CHECK(t.net.rec.count_drops(DropReason::NodeDown) == 64);
  CHECK(t.h1.stack().arp_rows().empty());
}

namespace {
// h1 learns 10.0.0.2 from its request (Stale), then sends to it (Delay).
devices::ArpState learn_passively_and_send(HostAndPeer& t) {
  t.h1.stack().set_arp_nud(true);
  t.h1.receive(t.eth0, arp_frame(t.net.ctx, wire::MacAddress::broadcast(),
                                 {wire::ArpOperation::Request, mac(2), ip("10.0.0.2"), {},
                                  ip("10.0.0.1")}));
  t.net.run();
  REQUIRE(t.h1.stack().arp_rows().size() == 1);
  const devices::ArpState learned = t.h1.stack().arp_rows()[0].state;
  t.send_udp("10.0.0.2", 7);
  t.net.run_until(t.net.ctx.now() + milliseconds(1));
  REQUIRE(t.h1.stack().arp_rows()[0].state == devices::ArpState::Delay);
  return learned;
}
}  // namespace

TEST_CASE("NUD: an entry learned from a request is stale; used, it is probed by unicast ~5 s later") {
  HostAndPeer t;
  CHECK(learn_passively_and_send(t) == devices::ArpState::Stale);
  t.net.run_until(seconds(5));
  CHECK(t.arps_at_peer().size() == 1);  // only our reply so far
  // Linux's timer wheel runs the 5 s Delay timer at the end of its 256 ms bucket.
  t.net.run_until(seconds(5) + milliseconds(300));
  const auto arps = t.arps_at_peer();
  REQUIRE(arps.size() == 2);
  CHECK(arps[1] ==
        wire::ArpRepr{wire::ArpOperation::Request, mac(1), ip("10.0.0.1"), {}, ip("10.0.0.2")});
  CHECK(t.peer.frames.back().info().eth.dst == mac(2));  // unicast to the known MAC
  CHECK(t.h1.stack().arp_rows()[0].state == devices::ArpState::Probe);
  CHECK(t.net.rec.decided("ARP probe 10.0.0.2 (unicast to 02:00:00:00:00:02): 1 of 3"));

  // The answer confirms it.
  t.h1.receive(t.eth0, arp_frame(t.net.ctx, mac(1),
                                 {wire::ArpOperation::Reply, mac(2), ip("10.0.0.2"), mac(1),
                                  ip("10.0.0.1")}));
  t.net.run_until(seconds(20));
  CHECK(t.h1.stack().arp_rows()[0].state == devices::ArpState::Reachable);
  CHECK(t.arps_at_peer().size() == 2);
}

TEST_CASE("NUD: traffic that confirms the neighbour spares the probe") {
  HostAndPeer t;
  learn_passively_and_send(t);
  t.net.run_until(seconds(5));
  devices::EgressOptions progress;  // as TCP sends once it saw new data ACKed
  progress.confirm_neighbour = true;
  t.send_udp("10.0.0.2", 7, progress);
  t.net.run_until(seconds(10));
  CHECK(t.arps_at_peer().size() == 1);
  CHECK(t.h1.stack().arp_rows()[0].state == devices::ArpState::Reachable);
}

TEST_CASE("NUD: three unanswered unicast probes drop the entry; the next packet broadcasts") {
  HostAndPeer t;
  learn_passively_and_send(t);
  t.net.run_until(seconds(9));
  const auto arps = t.arps_at_peer();
  REQUIRE(arps.size() == 4);  // our reply and three probes
  for (size_t i = 1; i < 4; ++i) CHECK(arps[i].op == wire::ArpOperation::Request);
  CHECK(t.h1.stack().arp_rows().empty());
  CHECK(t.net.rec.decided("ARP 10.0.0.2 failed: 3 unicast probes unanswered, entry dropped"));
  t.send_udp("10.0.0.2", 7);
  t.net.run_until(seconds(10));
  CHECK(t.peer.frames.back().info().eth.dst.is_broadcast());
}
