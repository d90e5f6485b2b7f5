// ICMPv4 message parsing and emission (RFC 792, RFC 1191 for the next-hop MTU).
#include "sim/wire/icmp.h"

#include <algorithm>
#include <cassert>

#include "sim/wire/bytes.h"
#include "sim/wire/checksum.h"

namespace netsim::wire {

std::string to_string(IcmpType type) {
  switch (type) {
    case IcmpType::EchoReply: return "echo-reply";
    case IcmpType::DestinationUnreachable: return "unreachable";
    case IcmpType::EchoRequest: return "echo-request";
    case IcmpType::TimeExceeded: return "time-exceeded";
  }
  return "type " + std::to_string(static_cast<unsigned>(type));
}

std::string_view to_string(UnreachableCode code) {
  switch (code) {
    case UnreachableCode::Net: return "net";
    case UnreachableCode::Host: return "host";
    case UnreachableCode::Protocol: return "protocol";
    case UnreachableCode::Port: return "port";
    case UnreachableCode::FragmentationNeeded: return "fragmentation-needed";
    case UnreachableCode::AdminProhibited: return "admin-prohibited";
  }
  return "other";
}

std::optional<IcmpRepr> IcmpRepr::parse(std::span<const uint8_t> message, ParseError* why) {
  auto fail = [why](ParseError e) -> std::optional<IcmpRepr> {
    if (why) *why = e;
    return std::nullopt;
  };
  if (message.size() < kIcmpHeaderLen) return fail(ParseError::Truncated);
  if (fold_checksum(ones_complement_sum(message)) != 0) return fail(ParseError::BadChecksum);
  const uint8_t* p = message.data();
  IcmpRepr repr;
  repr.type = static_cast<IcmpType>(p[0]);
  repr.code = p[1];
  switch (repr.type) {
    case IcmpType::DestinationUnreachable: repr.next_hop_mtu = load_be16(p + 6); break;
    case IcmpType::TimeExceeded: break;  // bytes 4..7 unused
    default:
      repr.identifier = load_be16(p + 4);
      repr.sequence = load_be16(p + 6);
      break;
  }
  repr.data = message.subspan(kIcmpHeaderLen);
  return repr;
}

void IcmpRepr::emit(std::span<uint8_t> out) const {
  assert(out.size() >= buffer_len() && "ICMP emit buffer too small");
  uint8_t* p = out.data();
  p[0] = static_cast<uint8_t>(type);
  p[1] = code;
  store_be16(p + 2, 0);
  switch (type) {
    case IcmpType::DestinationUnreachable:
      store_be16(p + 4, 0);
      store_be16(p + 6, next_hop_mtu);
      break;
    case IcmpType::TimeExceeded: store_be32(p + 4, 0); break;
    default:
      store_be16(p + 4, identifier);
      store_be16(p + 6, sequence);
      break;
  }
  std::copy(data.begin(), data.end(), p + kIcmpHeaderLen);
  store_be16(p + 2, fold_checksum(ones_complement_sum(out.first(buffer_len()))));
}

bool operator==(const IcmpRepr& a, const IcmpRepr& b) {
  return a.type == b.type && a.code == b.code && a.identifier == b.identifier &&
         a.sequence == b.sequence && a.next_hop_mtu == b.next_hop_mtu &&
         std::equal(a.data.begin(), a.data.end(), b.data.begin(), b.data.end());
}

}  // namespace netsim::wire
