// BPDUs and LLC: known config/TCN/RST frames, byte-exact emission, round
// trips, rejects, and how the trace and filters read them.
#include "sim/wire/stp.h"

#include <catch2/catch.hpp>

#include "sim/wire/bytes.h"
#include "sim/wire/frame_info.h"
#include "sim/wire/llc.h"
#include "stp_vectors.h"
#include "vectors.h"

using namespace netsim::wire;
using namespace netsim::wire::test_vectors;

namespace {
const MacAddress kS1 = *MacAddress::parse("02:00:00:00:00:01");
const MacAddress kS2 = *MacAddress::parse("02:00:00:00:00:02");
constexpr uint16_t kSecond = BpduRepr::kTicksPerSecond;

BpduRepr config_bpdu() {
  BpduRepr b;
  b.flags = bpdu_flags::TopologyChange;
  b.root = BridgeId::make(0x1000, kS1);
  b.root_path_cost = 19;
  b.bridge = BridgeId::make(0x2000, kS2);
  b.port_id = 0x8002;
  b.message_age = kSecond;
  b.max_age = 20 * kSecond;
  b.hello_time = 2 * kSecond;
  b.forward_delay = 15 * kSecond;
  return b;
}

BpduRepr rst_bpdu() {
  BpduRepr b;
  b.type = BpduType::Rst;
  b.version = kRstpVersion;
  b.flags = bpdu_flags::Proposal | bpdu_flags::Learning | bpdu_flags::Forwarding;
  b.set_role(BpduRole::Designated);
  b.root = b.bridge = BridgeId::make(0x8000, kS1);
  b.port_id = 0x8003;
  b.max_age = 20 * kSecond;
  b.hello_time = 2 * kSecond;
  b.forward_delay = 15 * kSecond;
  return b;
}
}  // namespace

TEST_CASE("BridgeId orders by priority, then MAC, and prints as tcpdump", "[stp]") {
  const BridgeId a = BridgeId::make(0x1000, kS2), b = BridgeId::make(0x2000, kS1);
  CHECK(a < b);
  CHECK(BridgeId::make(0x8000, kS1) < BridgeId::make(0x8000, kS2));
  CHECK(a.priority() == 0x1000);
  CHECK(a.mac() == kS2);
  CHECK(a.to_string() == "1000.02:00:00:00:00:02");
}

TEST_CASE("BpduRepr parses the known config, TCN and RST BPDUs", "[stp]") {
  CHECK(BpduRepr::parse(bytes(kConfigBpduFrame, kBpdu)) == config_bpdu());
  CHECK(BpduRepr::parse(bytes(kTcnBpduFrame, kBpdu)) == BpduRepr::tcn());
  const auto rst = BpduRepr::parse(bytes(kRstBpduFrame, kBpdu));
  CHECK(rst == rst_bpdu());
  CHECK(rst->role() == BpduRole::Designated);
  CHECK(rst->has(bpdu_flags::Proposal));
  CHECK_FALSE(rst->has(bpdu_flags::Agreement));
}

TEST_CASE("emit_bpdu_frame writes the known frames byte for byte", "[stp]") {
  const std::pair<const std::vector<uint8_t>*, BpduRepr> cases[] = {
      {&kConfigBpduFrame, config_bpdu()}, {&kTcnBpduFrame, BpduRepr::tcn()}, {&kRstBpduFrame, rst_bpdu()}};
  for (const auto& [frame, repr] : cases) {
    REQUIRE(bpdu_frame_len(repr) == 60);
    auto out = prefilled(60);
    emit_bpdu_frame(std::span<uint8_t>(out).first(60), frame == &kRstBpduFrame ? kS1 : kS2, repr);
    CHECK(std::equal(frame->begin(), frame->end(), out.begin()));
    CHECK(guard_intact(out, 60));
  }
  CHECK(config_bpdu().buffer_len() == 35);
  CHECK(BpduRepr::tcn().buffer_len() == 4);
  CHECK(rst_bpdu().buffer_len() == 36);
}

TEST_CASE("BpduRepr round-trips every field and flag", "[stp]") {
  BpduRepr b = rst_bpdu();
  for (int flags = 0; flags < 256; flags += 17) {
    b.flags = static_cast<uint8_t>(flags);
    b.root_path_cost = 0xfedcba98;
    b.message_age = 0x1234;
    std::vector<uint8_t> buffer(b.buffer_len());
    b.emit(buffer);
    CHECK(BpduRepr::parse(buffer) == b);
  }
  BpduRepr v3 = rst_bpdu();
  v3.version = 3;  // an MST BPDU is read as the RST BPDU it begins with
  std::vector<uint8_t> buffer(64);
  v3.emit(buffer);
  CHECK(BpduRepr::parse(buffer) == v3);
}

TEST_CASE("BpduRepr rejects truncation and what 802.1D does not recognise", "[stp]") {
  const std::pair<const std::vector<uint8_t>*, size_t> cases[] = {
      {&kConfigBpduFrame, 35}, {&kTcnBpduFrame, 4}, {&kRstBpduFrame, 36}};
  for (const auto& [frame, length] : cases)
    for (size_t n = 0; n < length; ++n) {
      ParseError why{};
      CHECK_FALSE(BpduRepr::parse(bytes(*frame, kBpdu).first(n), &why));
      CHECK(why == ParseError::Truncated);
    }
  auto reject = [](std::vector<uint8_t> pdu) {
    ParseError why{};
    return !BpduRepr::parse(pdu, &why) && why == ParseError::Unsupported;
  };
  std::vector<uint8_t> pdu(kConfigBpduFrame.begin() + kBpdu, kConfigBpduFrame.end());
  auto bad_protocol = pdu;
  bad_protocol[1] = 1;
  CHECK(reject(bad_protocol));
  auto bad_type = pdu;
  bad_type[3] = 0x01;
  CHECK(reject(bad_type));
  auto old_rst = std::vector<uint8_t>(kRstBpduFrame.begin() + kBpdu, kRstBpduFrame.end());
  old_rst[2] = 1;  // type 0x02 needs version 2 or more
  CHECK(reject(old_rst));
}

TEST_CASE("LLC: U-format headers, the 802.3 length bound", "[stp]") {
  CHECK(LlcRepr::parse(bytes(kConfigBpduFrame, 14)) == LlcRepr{});
  ParseError why{};
  CHECK_FALSE(LlcRepr::parse(bytes(kConfigBpduFrame, 14).first(2), &why));
  CHECK(why == ParseError::Truncated);
  const std::vector<uint8_t> i_format = {0x42, 0x42, 0x00, 0x00};
  CHECK_FALSE(LlcRepr::parse(i_format, &why));
  CHECK(why == ParseError::Unsupported);

  CHECK(is_ieee8023_length(static_cast<EtherType>(1500)));
  CHECK_FALSE(is_ieee8023_length(EtherType::Ipv4));
  const auto eth = EthernetRepr::parse(kConfigBpduFrame);
  REQUIRE(eth);
  CHECK(ieee8023_pdu(kConfigBpduFrame, *eth)->size() == 38);  // padding excluded
  auto long_claim = kConfigBpduFrame;
  store_be16(long_claim.data() + 12, 47);
  CHECK_FALSE(ieee8023_pdu(long_claim, *EthernetRepr::parse(long_claim), &why));
  CHECK(why == ParseError::BadLength);
}

TEST_CASE("decode_frame: BPDUs are proto stp with their type word", "[stp][frame]") {
  const std::pair<const std::vector<uint8_t>*, const char*> cases[] = {
      {&kConfigBpduFrame, "config"}, {&kTcnBpduFrame, "tcn"}, {&kRstBpduFrame, "rst"}};
  for (const auto& [frame, type] : cases) {
    const FrameInfo info = decode_frame(*frame);
    REQUIRE(info.bpdu);
    CHECK_FALSE(info.error);
    CHECK(info.llc == LlcRepr{});
    CHECK(info.proto() == "stp");
    CHECK(info.has_proto("stp"));
    CHECK(info.has_proto("eth"));
    CHECK_FALSE(info.has_proto("arp"));
    CHECK(info.type() == type);
  }
  CHECK_FALSE(decode_frame(kArpRequestFrame).has_proto("stp"));

  auto other_sap = kConfigBpduFrame;  // LLC to another SAP: eth, not stp
  other_sap[14] = other_sap[15] = 0xaa;
  const FrameInfo snap = decode_frame(other_sap);
  CHECK(snap.llc);
  CHECK_FALSE(snap.bpdu);
  CHECK_FALSE(snap.error);
  CHECK(snap.proto() == "eth");

  auto cut = kConfigBpduFrame;  // the length field leaves the BPDU short
  store_be16(cut.data() + 12, 3 + 20);
  const FrameInfo short_bpdu = decode_frame(cut);
  CHECK_FALSE(short_bpdu.bpdu);
  CHECK(short_bpdu.error == ParseError::Truncated);
  CHECK(short_bpdu.proto() == "eth");
}

TEST_CASE("summarize and describe_layers: BPDUs as tcpdump words them", "[stp][frame]") {
  CHECK(summarize(kConfigBpduFrame) ==
        "STP 802.1d, Config, Flags [TC], bridge-id 2000.02:00:00:00:00:02.8002, root-id "
        "1000.02:00:00:00:00:01, root-pathcost 19, length 35");
  CHECK(summarize(kTcnBpduFrame) == "STP 802.1d, Topology Change, length 4");
  CHECK(summarize(kRstBpduFrame) ==
        "STP 802.1w, Rapid STP, Flags [Proposal, Learn, Forward], role Designated, bridge-id "
        "8000.02:00:00:00:00:01.8003, root-id 8000.02:00:00:00:00:01, root-pathcost 0, length 36");
  auto cut = kConfigBpduFrame;
  store_be16(cut.data() + 12, 3 + 20);
  CHECK(summarize(cut) == "malformed STP (truncated)");
  store_be16(cut.data() + 12, 50);
  CHECK(summarize(cut) == "malformed LLC (bad-length)");
  auto other_sap = kConfigBpduFrame;
  other_sap[14] = other_sap[15] = 0xaa;
  CHECK(summarize(other_sap) == "LLC, dsap 0xaa, ssap 0xaa, ctrl 0x03, length 38");

  const auto lines = describe_layers(kConfigBpduFrame);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "Ethernet: dst=01:80:c2:00:00:00 src=02:00:00:00:00:02 length=38");
  CHECK(lines[1] == "LLC: dsap=0x42 ssap=0x42 control=0x03");
  CHECK(lines[2] ==
        "STP: protocol=0 version=0 type=config flags=0x01 [TC] root=1000.02:00:00:00:00:01 "
        "root_path_cost=19 bridge=2000.02:00:00:00:00:02 port=0x8002 message_age=1.00s "
        "max_age=20.00s hello_time=2.00s forward_delay=15.00s");
  const auto tcn = describe_layers(kTcnBpduFrame);
  REQUIRE(tcn.size() == 3);
  CHECK(tcn[2] == "STP: protocol=0 version=0 type=tcn");
  const auto bad_llc = describe_layers(cut);
  REQUIRE(bad_llc.size() == 2);
  CHECK(bad_llc[1] == "LLC: malformed header (bad-length)");
  store_be16(cut.data() + 12, 3 + 20);
  const auto bad_stp = describe_layers(cut);
  REQUIRE(bad_stp.size() == 3);
  CHECK(bad_stp[2] == "STP: malformed header (truncated)");
}
