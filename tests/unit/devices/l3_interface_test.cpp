// The seam under IP: an Ipv4Stack over interfaces that are no port. ARP,
// forwarding, carrier and MTU all go through L3Interface; decisions, drops
// and table rows name the interface.
#include "devices/stack/l3_interface.h"

#include <catch2/catch.hpp>

#include "net_fixture.h"

using namespace netsim;
using namespace netsim::test;
using wire::IcmpRepr;
using wire::IcmpType;
using wire::Ipv4Repr;

namespace {

// An interface that keeps what the stack sends it.
class TapInterface final : public devices::L3Interface {
 public:
  using L3Interface::L3Interface;
  bool carrier() const override { return up; }
  uint32_t mtu() const override { return link_mtu; }
  void send(Packet frame) override {
    sent.emplace_back(frame.bytes().begin(), frame.bytes().end());
  }
  wire::FrameInfo frame(size_t i) const { return wire::decode_frame(sent.at(i)); }

  bool up = true;
  uint32_t link_mtu = 1500;
  std::vector<std::vector<uint8_t>> sent;
};

// A node that is nothing but a forwarding stack over two taps, vlan10 and vlan20.
class TapRouter : public Node {
 public:
  explicit TapRouter(Context& ctx) : Node(ctx, "l3", NodeKind::Router) {
    stack.add_interface(vlan10, prefix("192.168.10.1/24"));
    stack.add_interface(vlan20, prefix("192.168.20.1/24"));
  }
  void receive(Port&, Packet) override {}

  TapInterface vlan10{"vlan10", 0, mac(0x30)};
  TapInterface vlan20{"vlan20", 1, mac(0x30)};  // one MAC shared, as SVIs do
  devices::Ipv4Stack stack{*this, seconds(60), true};
};

Ipv4Repr header(const char* src, const char* dst, uint8_t ttl = 64) {
  Ipv4Repr h;
  h.src = ip(src);
  h.dst = ip(dst);
  h.ttl = ttl;
  h.identification = 9;
  return h;
}

const uint8_t kData[] = {'v', 'l', 'a', 'n'};

// A neighbour's broadcast ARP request for `target`.
Packet who_has(Context& ctx, uint8_t from, const char* from_ip, const char* target) {
  return arp_frame(ctx, wire::MacAddress::broadcast(),
                   {wire::ArpOperation::Request, mac(from), ip(from_ip), {}, ip(target)});
}

}  // namespace

TEST_CASE("a stack answers ARP through an interface that is no port, naming it") {
  Net net;
  auto& r = net.add<TapRouter>();
  r.stack.receive(r.vlan10, who_has(net.ctx, 1, "192.168.10.10", "192.168.10.1"));
  REQUIRE(r.vlan10.sent.size() == 1);
  CHECK(r.vlan20.sent.empty());
  const auto reply = r.vlan10.frame(0);
  REQUIRE(reply.arp);
  CHECK(reply.arp->op == wire::ArpOperation::Reply);
  CHECK(reply.arp->sender_mac == mac(0x30));
  CHECK(reply.eth.dst == mac(1));
  CHECK(net.rec.decided("l3: ARP reply to 192.168.10.10: 192.168.10.1 is at 02:00:00:00:00:30"));
  const auto rows = r.stack.arp_rows();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].iface == "vlan10");
}

TEST_CASE("forwarding between two L3 interfaces ARPs on the egress one and lowers the TTL") {
  Net net;
  auto& r = net.add<TapRouter>();
  const IcmpRepr echo{IcmpType::EchoRequest, 0, 1, 1, 0, kData};
  r.stack.receive(r.vlan10, icmp_frame(net.ctx, mac(0x30), mac(1),
                                       header("192.168.10.10", "192.168.20.10"), echo));
  REQUIRE(r.vlan20.sent.size() == 1);  // the ARP request; the packet waits
  REQUIRE(r.vlan20.frame(0).arp);
  CHECK(r.vlan20.frame(0).arp->sender_ip == ip("192.168.20.1"));
  r.stack.receive(r.vlan20, arp_frame(net.ctx, mac(0x30),
                                      {wire::ArpOperation::Reply, mac(2), ip("192.168.20.10"),
                                       mac(0x30), ip("192.168.20.1")}));
  REQUIRE(r.vlan20.sent.size() == 2);
  const auto out = r.vlan20.frame(1);
  REQUIRE(out.ip);
  CHECK(out.ip->ttl == 63);
  CHECK(out.eth.dst == mac(2));
  CHECK(out.eth.src == mac(0x30));
  CHECK(net.rec.decided("forwarded 192.168.10.10 -> 192.168.20.10 out vlan20"));
  const devices::Route* route = r.stack.route_lookup(ip("192.168.20.10"));
  REQUIRE(route);
  CHECK(r.stack.route_port_name(*route) == "vlan20");
}

TEST_CASE("an interface's carrier and MTU come from the interface") {
  Net net;
  auto& r = net.add<TapRouter>();
  // Learn h2 on vlan20, then lose vlan20's carrier: the entry goes (LinkDown).
  r.stack.receive(r.vlan20, who_has(net.ctx, 2, "192.168.20.10", "192.168.20.1"));
  REQUIRE(r.stack.arp_lookup(ip("192.168.20.10")));
  r.vlan20.up = false;
  r.stack.carrier_changed(r.vlan20);
  CHECK_FALSE(r.stack.arp_lookup(ip("192.168.20.10")));

  // A datagram bigger than vlan10's MTU leaves in fragments through vlan10.
  r.vlan10.link_mtu = 576;
  r.stack.receive(r.vlan10, who_has(net.ctx, 1, "192.168.10.10", "192.168.10.1"));
  r.vlan10.sent.clear();
  Ipv4Repr big = header("0.0.0.0", "192.168.10.10");
  big.protocol = wire::IpProtocol::Udp;
  REQUIRE(r.stack.send_datagram(big, 1000, [](std::span<uint8_t>, const Ipv4Repr&) {}) ==
          devices::SendResult::Sent);
  REQUIRE(r.vlan10.sent.size() == 2);
  CHECK(r.vlan10.frame(0).ip->more_fragments);
  CHECK(net.rec.decided("l3: fragmented a 1020-byte datagram into 2 for MTU 576"));
}
