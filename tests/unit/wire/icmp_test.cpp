// ICMPv4: echo, time exceeded, unreachable; emit, round trip, rejects.
#include "sim/wire/icmp.h"

#include <catch2/catch.hpp>

#include "vectors.h"

using namespace netsim::wire;
using namespace netsim::wire::test_vectors;

namespace {
// The ICMP message of a frame: from the L4 offset to the end of the datagram.
std::span<const uint8_t> message(const std::vector<uint8_t>& frame, size_t length) {
  return bytes(frame, kL4).first(length);
}
}  // namespace

TEST_CASE("IcmpRepr parses an echo request", "[icmp]") {
  const auto icmp = IcmpRepr::parse(message(kEchoRequestFrame, 64));
  REQUIRE(icmp);
  CHECK(icmp->type == IcmpType::EchoRequest);
  CHECK(icmp->code == 0);
  CHECK(icmp->identifier == 1);
  CHECK(icmp->sequence == 1);
  CHECK(icmp->data.size() == 56);
  CHECK(icmp->data[0] == 0x10);
  CHECK(icmp->data.data() == kEchoRequestFrame.data() + kL4 + 8);  // points into the frame
  CHECK(icmp->buffer_len() == 64);
}

TEST_CASE("IcmpRepr parses time exceeded and port unreachable with their quotes", "[icmp]") {
  const auto te = IcmpRepr::parse(message(kTimeExceededFrame, 36));
  REQUIRE(te);
  CHECK(te->type == IcmpType::TimeExceeded);
  CHECK(te->code == 0);
  CHECK(te->data.size() == 28);
  CHECK(te->data[0] == 0x45);

  const auto pu = IcmpRepr::parse(message(kPortUnreachableFrame, 36));
  REQUIRE(pu);
  CHECK(pu->type == IcmpType::DestinationUnreachable);
  CHECK(static_cast<UnreachableCode>(pu->code) == UnreachableCode::Port);
  CHECK(pu->next_hop_mtu == 0);
  CHECK(std::equal(pu->data.begin(), pu->data.end(), te->data.begin(), te->data.end()));
}

TEST_CASE("IcmpRepr emits byte-exact messages", "[icmp]") {
  for (const auto* frame : {&kEchoRequestFrame, &kTimeExceededFrame, &kPortUnreachableFrame}) {
    const size_t length = frame == &kEchoRequestFrame ? 64 : 36;
    const auto parsed = IcmpRepr::parse(message(*frame, length));
    REQUIRE(parsed);
    auto out = prefilled(length);
    parsed->emit(out);
    CHECK(std::equal(out.begin(), out.begin() + length, frame->begin() + kL4));
    CHECK(guard_intact(out, length));
  }
}

TEST_CASE("IcmpRepr round-trips every type, including unknown ones", "[icmp]") {
  const std::vector<uint8_t> data = {1, 2, 3, 4, 5};  // odd length: checksum padding
  for (int type : {0, 3, 8, 11, 5, 13, 255}) {
    IcmpRepr repr{static_cast<IcmpType>(type), 4, 0, 0, 0, data};
    if (type == 3)
      repr.next_hop_mtu = 1400;
    else if (type != 11)
      repr.identifier = 0xbeef, repr.sequence = 0x0102;
    std::vector<uint8_t> buffer(repr.buffer_len());
    repr.emit(buffer);
    INFO(type);
    CHECK(IcmpRepr::parse(buffer) == repr);
  }
}

TEST_CASE("IcmpRepr rejects truncation and bad checksums", "[icmp]") {
  for (size_t n = 0; n < 8; ++n) {
    ParseError why{};
    CHECK_FALSE(IcmpRepr::parse(message(kEchoRequestFrame, n), &why));
    CHECK(why == ParseError::Truncated);
  }
  // A message cut inside its data no longer matches its checksum.
  for (size_t n = 8; n < 64; ++n) {
    ParseError why{};
    CHECK_FALSE(IcmpRepr::parse(message(kEchoRequestFrame, n), &why));
    CHECK(why == ParseError::BadChecksum);
  }
  auto corrupt = std::vector<uint8_t>(kEchoRequestFrame.begin() + kL4, kEchoRequestFrame.end());
  corrupt[40] ^= 0x01;
  ParseError why{};
  CHECK_FALSE(IcmpRepr::parse(corrupt, &why));
  CHECK(why == ParseError::BadChecksum);
}

TEST_CASE("ICMP names", "[icmp]") {
  CHECK(to_string(IcmpType::EchoReply) == "echo-reply");
  CHECK(to_string(IcmpType::EchoRequest) == "echo-request");
  CHECK(to_string(IcmpType::DestinationUnreachable) == "unreachable");
  CHECK(to_string(IcmpType::TimeExceeded) == "time-exceeded");
  CHECK(to_string(static_cast<IcmpType>(5)) == "type 5");
  CHECK(to_string(UnreachableCode::Net) == "net");
  CHECK(to_string(UnreachableCode::Host) == "host");
  CHECK(to_string(UnreachableCode::Protocol) == "protocol");
  CHECK(to_string(UnreachableCode::Port) == "port");
  CHECK(to_string(UnreachableCode::FragmentationNeeded) == "fragmentation-needed");
  CHECK(to_string(UnreachableCode::AdminProhibited) == "admin-prohibited");
  CHECK(to_string(static_cast<UnreachableCode>(9)) == "other");
}
