// IEEE 802.2 LLC, the header of 802.3 frames (those whose type field is a
// length): LlcRepr, and the length-bounded payload such a frame carries.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "sim/wire/ethernet.h"
#include "sim/wire/parse_error.h"

namespace netsim::wire {

constexpr uint8_t kLlcSapSpanningTree = 0x42;  // 802.1D: BPDUs are sent to and from SAP 0x42
constexpr uint8_t kLlcControlUi = 0x03;        // Unnumbered Information, a one-byte U-format control

// IEEE 802.3 §3.2.6: a type field of 1500 or less is the length of the
// client data (here the LLC PDU); 0x0600 and up are EtherTypes.
constexpr uint16_t kMaxIeee8023Length = 1500;
constexpr bool is_ieee8023_length(EtherType type) {
  return static_cast<uint16_t>(type) <= kMaxIeee8023Length;
}

struct LlcRepr {
  uint8_t dsap = kLlcSapSpanningTree;
  uint8_t ssap = kLlcSapSpanningTree;
  uint8_t control = kLlcControlUi;

  static constexpr size_t kLength = 3;
  // U-format PDUs only (control ends in binary 11); I- and S-format PDUs
  // carry a two-byte control field that nothing here speaks: Unsupported.
  static std::optional<LlcRepr> parse(std::span<const uint8_t> pdu, ParseError* why = nullptr);
  size_t buffer_len() const { return kLength; }
  void emit(std::span<uint8_t> out) const;  // writes kLength bytes
  bool operator==(const LlcRepr&) const = default;
};

// The LLC PDU of an 802.3 frame: the bytes its length field counts, without
// the padding that follows. BadLength when the field counts more than is there.
std::optional<std::span<const uint8_t>> ieee8023_pdu(std::span<const uint8_t> frame,
                                                     const EthernetRepr& eth,
                                                     ParseError* why = nullptr);

}  // namespace netsim::wire
