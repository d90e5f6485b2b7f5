// 802.2 LLC header parsing and emission; the 802.3 length bound.
#include "sim/wire/llc.h"

#include <cassert>

namespace netsim::wire {

std::optional<LlcRepr> LlcRepr::parse(std::span<const uint8_t> pdu, ParseError* why) {
  auto fail = [why](ParseError e) -> std::optional<LlcRepr> {
    if (why) *why = e;
    return std::nullopt;
  };
  if (pdu.size() < kLength) return fail(ParseError::Truncated);
  if ((pdu[2] & 0x03) != 0x03) return fail(ParseError::Unsupported);
  return LlcRepr{pdu[0], pdu[1], pdu[2]};
}

void LlcRepr::emit(std::span<uint8_t> out) const {
  assert(out.size() >= kLength && "LLC emit buffer too small");
  out[0] = dsap;
  out[1] = ssap;
  out[2] = control;
}

std::optional<std::span<const uint8_t>> ieee8023_pdu(std::span<const uint8_t> frame,
                                                     const EthernetRepr& eth, ParseError* why) {
  const auto payload = ethernet_payload(frame, eth);
  const size_t length = static_cast<uint16_t>(eth.ethertype);
  if (length > payload.size()) {
    if (why) *why = ParseError::BadLength;
    return std::nullopt;
  }
  return payload.first(length);
}

}  // namespace netsim::wire
