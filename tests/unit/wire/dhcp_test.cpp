// DHCP: the oracle's DORA bytes parse and re-emit byte for byte; round trips;
// truncated and inconsistent messages are refused with a reason.
#include "sim/wire/dhcp.h"

#include <catch2/catch.hpp>

#include "dhcp_vectors.h"
#include "sim/wire/frame_info.h"
#include "vectors.h"

using namespace netsim::wire;
using namespace netsim::wire::test_vectors;

namespace {
constexpr size_t kPayload = 14 + 20 + 8;  // Ethernet, IPv4, UDP
std::span<const uint8_t> message(const std::vector<uint8_t>& frame) { return bytes(frame, kPayload); }
Ipv4Address ip(const char* text) { return *Ipv4Address::parse(text); }
const MacAddress kClient = *MacAddress::parse("02:00:00:00:00:01");
}  // namespace

TEST_CASE("DhcpRepr parses dhclient's DISCOVER", "[dhcp]") {
  const auto d = DhcpRepr::parse(message(kDhcpDiscoverFrame));
  REQUIRE(d);
  CHECK(d->op == BootpOp::Request);
  CHECK(d->xid == 0x28df7f3f);
  CHECK(d->secs == 0);
  CHECK_FALSE(d->broadcast);
  CHECK(d->chaddr == kClient);
  CHECK(d->ciaddr.is_zero());
  CHECK(d->message_type == DhcpMessageType::Discover);
  CHECK(std::string(d->host_name.begin(), d->host_name.end()) == "h1");
  CHECK(d->parameter_list.size() == 13);
  CHECK_FALSE(d->server_id);
}

TEST_CASE("DhcpRepr parses dnsmasq's OFFER", "[dhcp]") {
  const auto d = DhcpRepr::parse(message(kDhcpOfferFrame));
  REQUIRE(d);
  CHECK(d->op == BootpOp::Reply);
  CHECK(d->yiaddr == ip("192.168.15.145"));
  CHECK(d->siaddr == ip("192.168.15.1"));
  CHECK(d->message_type == DhcpMessageType::Offer);
  CHECK(d->server_id == ip("192.168.15.1"));
  CHECK(d->lease_time == 3600u);
  CHECK(d->renewal_time == 1800u);
  CHECK(d->rebinding_time == 3150u);
  CHECK(d->subnet_mask == ip("255.255.255.0"));
  CHECK(d->broadcast_address == ip("192.168.15.255"));
  CHECK(DhcpRepr::first_address(d->dns_servers) == ip("192.168.15.1"));
  CHECK(DhcpRepr::first_address(d->routers) == ip("192.168.15.1"));
}

TEST_CASE("DhcpRepr re-emits the oracle's messages byte for byte (dhclient and dnsmasq order)",
          "[dhcp]") {
  for (const auto* frame : {&kDhcpDiscoverFrame, &kDhcpOfferFrame, &kDhcpAckFrame,
                            &kDhcpReleaseFrame}) {
    const auto original = message(*frame);
    REQUIRE(original.size() == DhcpRepr::kMinLen);
    const auto d = DhcpRepr::parse(original);
    REQUIRE(d);
    REQUIRE(d->buffer_len() == DhcpRepr::kMinLen);
    auto out = prefilled(d->buffer_len());
    d->emit(out);
    CHECK(std::equal(original.begin(), original.end(), out.begin()));
    CHECK(guard_intact(out, d->buffer_len()));
  }
}

TEST_CASE("DhcpRepr round-trips a relayed broadcast REQUEST with a client id", "[dhcp]") {
  const uint8_t dns[] = {10, 0, 0, 53, 10, 0, 0, 54};
  const uint8_t client_id[] = {1, 2, 0, 0, 0, 0, 1};
  DhcpRepr d;
  d.op = BootpOp::Request;
  d.hops = 1;
  d.xid = 0xdeadbeef;
  d.secs = 12;
  d.broadcast = true;
  d.giaddr = ip("192.168.10.1");
  d.chaddr = kClient;
  d.message_type = DhcpMessageType::Request;
  d.requested_ip = ip("192.168.10.100");
  d.client_id = client_id;
  d.dns_servers = dns;
  std::vector<uint8_t> out(d.buffer_len());
  d.emit(out);
  const auto back = DhcpRepr::parse(out);
  REQUIRE(back);
  CHECK(*back == d);
}

TEST_CASE("DhcpRepr grows past 300 bytes when the options need it", "[dhcp]") {
  std::vector<uint8_t> many(200, 6);
  DhcpRepr d;
  d.message_type = DhcpMessageType::Discover;
  d.parameter_list = many;
  CHECK(d.buffer_len() == DhcpRepr::kFixedLen + 3 + 2 + 200 + 1);
  std::vector<uint8_t> out(d.buffer_len());
  d.emit(out);
  const auto back = DhcpRepr::parse(out);
  REQUIRE(back);
  CHECK(back->parameter_list.size() == 200);
}

TEST_CASE("DhcpRepr refuses what it cannot read, saying why", "[dhcp]") {
  const auto good = message(kDhcpOfferFrame);
  ParseError why{};
  for (size_t n : {0u, 100u, 239u}) {
    CHECK_FALSE(DhcpRepr::parse(good.first(n), &why));
    CHECK(why == ParseError::Truncated);
  }
  // Cut inside option 54 (which starts at 243).
  CHECK_FALSE(DhcpRepr::parse(good.first(246), &why));
  CHECK(why == ParseError::Truncated);

  std::vector<uint8_t> bad(good.begin(), good.end());
  bad[236] = 0;  // magic cookie: plain BOOTP
  CHECK_FALSE(DhcpRepr::parse(bad, &why));
  CHECK(why == ParseError::Unsupported);

  bad.assign(good.begin(), good.end());
  bad[2] = 16;  // hlen
  CHECK_FALSE(DhcpRepr::parse(bad, &why));
  CHECK(why == ParseError::Unsupported);

  bad.assign(good.begin(), good.end());
  bad[241] = 2;  // option 53 with length 2
  CHECK_FALSE(DhcpRepr::parse(bad, &why));
  CHECK(why == ParseError::BadLength);
}

TEST_CASE("decode_frame gives DHCP its proto, type and tcpdump-like text", "[dhcp][frame_info]") {
  const FrameInfo offer = decode_frame(kDhcpOfferFrame);
  REQUIRE(offer.dhcp);
  CHECK(offer.proto() == "dhcp");
  CHECK(offer.type() == "OFFER");
  CHECK(summarize(kDhcpOfferFrame) ==
        "IP (ttl 64) 192.168.15.1.67 > 192.168.15.145.68: BOOTP/DHCP, Reply from "
        "02:00:00:00:00:01, xid 0x28df7f3f, length 300, yiaddr 192.168.15.145, DHCP Offer");
  CHECK(decode_frame(kDhcpDiscoverFrame).type() == "DISCOVER");
  CHECK(decode_frame(kDhcpReleaseFrame).type() == "RELEASE");
  const auto layers = describe_layers(kDhcpAckFrame);
  REQUIRE(layers.size() == 4);
  CHECK(layers[3].rfind("DHCP: op=Reply", 0) == 0);
  CHECK(layers[3].find("type=ACK") != std::string::npos);
  CHECK(layers[3].find("router=192.168.15.1") != std::string::npos);
}
