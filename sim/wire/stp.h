// Spanning-tree BPDUs (IEEE 802.1D-2004 clause 9): bridge identifiers, the
// three BPDU types (config, TCN, RST) as one BpduRepr, and the 802.3 frame
// that carries them to 01:80:c2:00:00:00 behind LLC 42 42 03.
#pragma once
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sim/wire/address.h"
#include "sim/wire/parse_error.h"

namespace netsim::wire {

// The Bridge Group Address every BPDU is sent to (802.1D-2004 Table 7-10).
inline constexpr MacAddress kBridgeGroupAddress{{0x01, 0x80, 0xc2, 0x00, 0x00, 0x00}};

// Priority (16 bits) then MAC (48 bits), so comparing values orders bridges
// exactly as 802.1D does: the lower ID is the better bridge.
struct BridgeId {
  uint64_t value = 0;

  static BridgeId make(uint16_t priority, MacAddress mac) {
    return {uint64_t{priority} << 48 | mac.to_u64()};
  }
  uint16_t priority() const { return static_cast<uint16_t>(value >> 48); }
  MacAddress mac() const;
  std::string to_string() const;  // tcpdump's form: "8000.02:00:00:00:00:03"
  auto operator<=>(const BridgeId&) const = default;
};

// Lossless: a parsed BPDU keeps any type byte (unknown ones are rejected by
// parse, but a Repr may hold them).
enum class BpduType : uint8_t { Config = 0x00, Rst = 0x02, Tcn = 0x80 };
std::string_view to_string(BpduType type);  // "config", "rst", "tcn", else "unknown"

// The Port Role field of an RST BPDU's flags (802.1D-2004 9.2.9).
enum class BpduRole : uint8_t { Unknown = 0, AlternateOrBackup = 1, Root = 2, Designated = 3 };
std::string_view to_string(BpduRole role);  // tcpdump's words: "Alternate/Backup", "Root", ...

// BPDU flag bits (802.1D-2004 9.3.1, 9.3.3). Config BPDUs use only TC and TCA.
namespace bpdu_flags {
constexpr uint8_t TopologyChange = 0x01;
constexpr uint8_t Proposal = 0x02;
constexpr uint8_t RoleMask = 0x0c;  // a BpduRole, shifted left by 2
constexpr uint8_t Learning = 0x10;
constexpr uint8_t Forwarding = 0x20;
constexpr uint8_t Agreement = 0x40;
constexpr uint8_t TopologyChangeAck = 0x80;
}  // namespace bpdu_flags
// "TC, Proposal, Learn, Forward, Agreement, TCA" in bit order, or "none"; the role is not a flag.
std::string bpdu_flags_text(uint8_t flags);

// Protocol Version Identifier values.
constexpr uint8_t kStpVersion = 0, kRstpVersion = 2;

struct BpduRepr {
  BpduType type = BpduType::Config;
  uint8_t version = kStpVersion;
  // Config and RST only from here on: a TCN BPDU is its first four bytes.
  uint8_t flags = 0;
  BridgeId root;
  uint32_t root_path_cost = 0;
  BridgeId bridge;
  uint16_t port_id = 0;
  // In units of 1/256 s, as on the wire.
  uint16_t message_age = 0, max_age = 0, hello_time = 0, forward_delay = 0;

  static constexpr size_t kConfigLength = 35, kTcnLength = 4, kRstLength = 36;
  static constexpr uint16_t kTicksPerSecond = 256;

  static BpduRepr tcn() {
    BpduRepr b;
    b.type = BpduType::Tcn;
    return b;
  }
  // Validated as 802.1D-2004 9.3.4 says: protocol identifier 0; type 0x00
  // with at least 35 bytes is a config BPDU, 0x80 with at least 4 a TCN,
  // 0x02 with version 2 or more and at least 36 an RST BPDU (any version-1
  // data is ignored); anything else is Unsupported. Trailing bytes are ignored.
  static std::optional<BpduRepr> parse(std::span<const uint8_t> pdu, ParseError* why = nullptr);
  size_t buffer_len() const;
  void emit(std::span<uint8_t> out) const;  // writes buffer_len() bytes
  bool operator==(const BpduRepr&) const = default;

  bool has(uint8_t flag) const { return (flags & flag) != 0; }
  BpduRole role() const { return static_cast<BpduRole>((flags & bpdu_flags::RoleMask) >> 2); }
  void set_role(BpduRole r) {
    flags = static_cast<uint8_t>((flags & ~bpdu_flags::RoleMask) | static_cast<uint8_t>(r) << 2);
  }
};

// The whole frame: an 802.3 header (destination the Bridge Group Address,
// the length of LLC + BPDU), LLC 42 42 03, the BPDU, zero padding to 60 bytes.
size_t bpdu_frame_len(const BpduRepr& bpdu);  // always 60: every BPDU fits the minimum frame
void emit_bpdu_frame(std::span<uint8_t> out, MacAddress src, const BpduRepr& bpdu);

}  // namespace netsim::wire
