// BPDU parsing and emission (IEEE 802.1D-2004 clause 9) and the 802.3 + LLC
// frame around it.
#include "sim/wire/stp.h"

#include <algorithm>
#include <cassert>
#include <cstdio>

#include "sim/wire/bytes.h"
#include "sim/wire/ethernet.h"
#include "sim/wire/llc.h"

namespace netsim::wire {

namespace {
constexpr uint16_t kProtocolId = 0;  // "Spanning Tree Protocol"

BridgeId load_bridge_id(const uint8_t* p) {
  return {uint64_t{load_be32(p)} << 32 | load_be32(p + 4)};
}
void store_bridge_id(uint8_t* p, BridgeId id) {
  store_be32(p, static_cast<uint32_t>(id.value >> 32));
  store_be32(p + 4, static_cast<uint32_t>(id.value));
}
}  // namespace

MacAddress BridgeId::mac() const {
  MacAddress mac;
  for (int i = 0; i < 6; ++i) mac.octets[i] = static_cast<uint8_t>(value >> (40 - 8 * i));
  return mac;
}

std::string BridgeId::to_string() const {
  char prefix[8];
  std::snprintf(prefix, sizeof prefix, "%04x.", static_cast<unsigned>(priority()));
  return prefix + mac().to_string();
}

std::string_view to_string(BpduType type) {
  switch (type) {
    case BpduType::Config: return "config";
    case BpduType::Rst: return "rst";
    case BpduType::Tcn: return "tcn";
  }
  return "unknown";
}

std::string_view to_string(BpduRole role) {
  switch (role) {
    case BpduRole::Unknown: return "Unknown";
    case BpduRole::AlternateOrBackup: return "Alternate/Backup";
    case BpduRole::Root: return "Root";
    case BpduRole::Designated: return "Designated";
  }
  return "Unknown";
}

std::string bpdu_flags_text(uint8_t flags) {
  static constexpr std::pair<uint8_t, const char*> kNames[] = {
      {bpdu_flags::TopologyChange, "TC"}, {bpdu_flags::Proposal, "Proposal"},
      {bpdu_flags::Learning, "Learn"},    {bpdu_flags::Forwarding, "Forward"},
      {bpdu_flags::Agreement, "Agreement"}, {bpdu_flags::TopologyChangeAck, "TCA"}};
  std::string text;
  for (const auto& [bit, name] : kNames)
    if (flags & bit) (text += text.empty() ? "" : ", ") += name;
  return text.empty() ? "none" : text;
}

std::optional<BpduRepr> BpduRepr::parse(std::span<const uint8_t> pdu, ParseError* why) {
  auto fail = [why](ParseError e) -> std::optional<BpduRepr> {
    if (why) *why = e;
    return std::nullopt;
  };
  if (pdu.size() < kTcnLength) return fail(ParseError::Truncated);
  const uint8_t* p = pdu.data();
  if (load_be16(p) != kProtocolId) return fail(ParseError::Unsupported);
  BpduRepr repr;
  repr.version = p[2];
  repr.type = static_cast<BpduType>(p[3]);
  switch (repr.type) {
    case BpduType::Tcn: return repr;
    case BpduType::Config:
      if (pdu.size() < kConfigLength) return fail(ParseError::Truncated);
      break;
    case BpduType::Rst:
      if (repr.version < kRstpVersion) return fail(ParseError::Unsupported);
      if (pdu.size() < kRstLength) return fail(ParseError::Truncated);
      break;
    default: return fail(ParseError::Unsupported);
  }
  repr.flags = p[4];
  repr.root = load_bridge_id(p + 5);
  repr.root_path_cost = load_be32(p + 13);
  repr.bridge = load_bridge_id(p + 17);
  repr.port_id = load_be16(p + 25);
  repr.message_age = load_be16(p + 27);
  repr.max_age = load_be16(p + 29);
  repr.hello_time = load_be16(p + 31);
  repr.forward_delay = load_be16(p + 33);
  return repr;
}

size_t BpduRepr::buffer_len() const {
  switch (type) {
    case BpduType::Tcn: return kTcnLength;
    case BpduType::Rst: return kRstLength;
    default: return kConfigLength;
  }
}

void BpduRepr::emit(std::span<uint8_t> out) const {
  assert(out.size() >= buffer_len() && "BPDU emit buffer too small");
  uint8_t* p = out.data();
  store_be16(p, kProtocolId);
  p[2] = version;
  p[3] = static_cast<uint8_t>(type);
  if (type == BpduType::Tcn) return;
  p[4] = flags;
  store_bridge_id(p + 5, root);
  store_be32(p + 13, root_path_cost);
  store_bridge_id(p + 17, bridge);
  store_be16(p + 25, port_id);
  store_be16(p + 27, message_age);
  store_be16(p + 29, max_age);
  store_be16(p + 31, hello_time);
  store_be16(p + 33, forward_delay);
  if (type == BpduType::Rst) p[35] = 0;  // Version 1 Length: no version-1 data
}

size_t bpdu_frame_len(const BpduRepr& bpdu) {
  return std::max(kEthernetMinFrame, kEthernetHeaderLen + LlcRepr::kLength + bpdu.buffer_len());
}

void emit_bpdu_frame(std::span<uint8_t> out, MacAddress src, const BpduRepr& bpdu) {
  assert(out.size() >= bpdu_frame_len(bpdu) && "BPDU frame buffer too small");
  const size_t pdu_len = LlcRepr::kLength + bpdu.buffer_len();
  EthernetRepr{kBridgeGroupAddress, src, std::nullopt, static_cast<EtherType>(pdu_len)}.emit(out);
  LlcRepr{}.emit(out.subspan(kEthernetHeaderLen));
  bpdu.emit(out.subspan(kEthernetHeaderLen + LlcRepr::kLength));
  std::fill(out.begin() + static_cast<ptrdiff_t>(kEthernetHeaderLen + pdu_len), out.end(), 0);
}

}  // namespace netsim::wire
