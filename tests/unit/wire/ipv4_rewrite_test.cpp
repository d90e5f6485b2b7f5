// Ipv4Rewrite: NAT rewrites in place give exactly the bytes a full emit of the
// rewritten headers gives (RFC 1624 against RFC 1071), ICMP errors included.
#include "sim/wire/ipv4_rewrite.h"

#include <catch2/catch.hpp>
#include <random>
#include <vector>

#include "sim/wire/bytes.h"
#include "sim/wire/checksum.h"
#include "sim/wire/icmp.h"
#include "sim/wire/tcp.h"
#include "sim/wire/udp.h"

using namespace netsim::wire;

namespace {

Ipv4Address ip(const char* text) { return *Ipv4Address::parse(text); }

struct Flow {
  Ipv4Address src, dst;
  uint16_t src_port, dst_port;
};

// One datagram of `protocol` for `flow`, all checksums from a full emit.
std::vector<uint8_t> datagram(IpProtocol protocol, const Flow& flow,
                              const std::vector<uint8_t>& payload) {
  Ipv4Repr header;
  header.src = flow.src;
  header.dst = flow.dst;
  header.protocol = protocol;
  header.ttl = 63;
  header.identification = 0x87f9;
  header.dont_fragment = true;
  std::vector<uint8_t> out;
  if (protocol == IpProtocol::Tcp) {
    TcpRepr tcp;
    tcp.src_port = flow.src_port;
    tcp.dst_port = flow.dst_port;
    tcp.seq = 4234019089u;
    tcp.flags = 0x18;
    tcp.window = 502;
    tcp.payload = payload;
    header.payload_len = static_cast<uint16_t>(tcp.buffer_len());
    out.resize(header.buffer_len());
    tcp.emit(std::span(out).subspan(kIpv4HeaderLen), flow.src, flow.dst);
  } else if (protocol == IpProtocol::Udp) {
    UdpRepr udp{flow.src_port, flow.dst_port, payload};
    header.payload_len = static_cast<uint16_t>(udp.buffer_len());
    out.resize(header.buffer_len());
    udp.emit(std::span(out).subspan(kIpv4HeaderLen), flow.src, flow.dst);
  } else {
    IcmpRepr echo{IcmpType::EchoRequest, 0, flow.src_port, 7, 0, payload};
    header.payload_len = static_cast<uint16_t>(echo.buffer_len());
    out.resize(header.buffer_len());
    echo.emit(std::span(out).subspan(kIpv4HeaderLen));
  }
  header.emit(out);
  return out;
}

bool all_checksums_hold(const std::vector<uint8_t>& bytes) {
  const auto header = Ipv4Repr::parse(bytes);
  if (!header) return false;
  const auto payload = ipv4_payload(bytes, *header);
  switch (header->protocol) {
    case IpProtocol::Tcp:
      return TcpRepr::parse(payload, header->src, header->dst).has_value();
    case IpProtocol::Udp:
      return UdpRepr::parse(payload, header->src, header->dst).has_value();
    case IpProtocol::Icmp:
      return IcmpRepr::parse(payload).has_value();
  }
  return false;
}

}  // namespace

TEST_CASE("Ipv4Rewrite: random rewrites equal a full recompute", "[rewrite]") {
  std::mt19937 rng(21210);
  for (IpProtocol protocol : {IpProtocol::Tcp, IpProtocol::Udp, IpProtocol::Icmp}) {
    for (int round = 0; round < 200; ++round) {
      auto random_flow = [&] {
        return Flow{Ipv4Address{static_cast<uint32_t>(rng())}, Ipv4Address{static_cast<uint32_t>(rng())},
                    static_cast<uint16_t>(rng()), static_cast<uint16_t>(rng())};
      };
      const Flow before = random_flow(), after = random_flow();
      std::vector<uint8_t> payload(rng() % 40);
      for (auto& b : payload) b = static_cast<uint8_t>(rng());
      auto bytes = datagram(protocol, before, payload);
      auto view = Ipv4Rewrite::of(bytes);
      REQUIRE(view);
      REQUIRE(view->has_ports());
      CHECK(view->src_port() == before.src_port);
      view->set_src(after.src);
      view->set_dst(after.dst);
      view->set_src_port(after.src_port);
      if (protocol != IpProtocol::Icmp) view->set_dst_port(after.dst_port);
      Flow expected = after;
      if (protocol == IpProtocol::Icmp) expected.dst_port = after.src_port;
      CHECK(bytes == datagram(protocol, expected, payload));
      CHECK(all_checksums_hold(bytes));
    }
  }
}

TEST_CASE("Ipv4Rewrite: a UDP datagram sent without checksum keeps none", "[rewrite]") {
  auto bytes = datagram(IpProtocol::Udp, {ip("192.168.1.10"), ip("203.0.113.20"), 40000, 53}, {1, 2, 3});
  store_be16(bytes.data() + kIpv4HeaderLen + 6, 0);
  auto view = Ipv4Rewrite::of(bytes);
  REQUIRE(view);
  view->set_src(ip("203.0.113.1"));
  view->set_src_port(21210);
  CHECK(load_be16(bytes.data() + kIpv4HeaderLen + 6) == 0);
  CHECK(all_checksums_hold(bytes));
}

TEST_CASE("Ipv4Rewrite: a later fragment has no ports, its addresses still change", "[rewrite]") {
  auto bytes = datagram(IpProtocol::Udp, {ip("192.168.1.10"), ip("203.0.113.20"), 40000, 53}, {1, 2, 3});
  store_be16(bytes.data() + 6, 0x0002);  // offset 16 bytes
  store_be16(bytes.data() + 10, 0);
  store_be16(bytes.data() + 10, fold_checksum(ones_complement_sum(std::span(bytes).first(20))));
  auto view = Ipv4Rewrite::of(bytes);
  REQUIRE(view);
  CHECK_FALSE(view->has_ports());
  view->set_src(ip("203.0.113.1"));
  CHECK(Ipv4Repr::parse(bytes).has_value());
}

TEST_CASE("Ipv4Rewrite: an ICMP error's quoted datagram and both checksums", "[rewrite]") {
  // What the server sends back about a translated UDP datagram, and what the
  // inside host must receive: the quoted header translated back.
  const Flow outside{ip("203.0.113.1"), ip("203.0.113.20"), 21210, 33434};
  const Flow inside{ip("192.168.1.11"), ip("203.0.113.20"), 40000, 33434};
  const std::vector<uint8_t> probe_payload(12, 0x5a);
  for (IpProtocol protocol : {IpProtocol::Udp, IpProtocol::Tcp, IpProtocol::Icmp}) {
    auto quote = [&](const Flow& f, size_t cut) {
      auto bytes = datagram(protocol, f, probe_payload);
      bytes.resize(std::min(bytes.size(), cut));
      IcmpRepr error{IcmpType::DestinationUnreachable, 3, 0, 0, 0, bytes};
      std::vector<uint8_t> message(error.buffer_len());
      error.emit(message);
      return message;
    };
    for (size_t cut : {size_t{28}, size_t{200}}) {
      auto message = quote(outside, cut);
      auto view = Ipv4Rewrite::of_quoted(std::span(message).subspan(kIcmpHeaderLen), message.data() + 2);
      REQUIRE(view);
      view->set_src(inside.src);
      view->set_src_port(inside.src_port);
      CHECK(message == quote(inside, cut));
      CHECK(IcmpRepr::parse(message).has_value());
    }
  }
}
