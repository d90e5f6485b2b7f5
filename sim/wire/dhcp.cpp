// BOOTP/DHCP parsing and emission (RFC 951, RFC 2131 §2, RFC 2132).
#include "sim/wire/dhcp.h"

#include <algorithm>
#include <cassert>

#include "sim/wire/bytes.h"

namespace netsim::wire {

namespace {

constexpr uint8_t kHtypeEthernet = 1;
constexpr uint32_t kMagicCookie = 0x63825363;  // 99.130.83.99
// Offsets in the fixed header (RFC 2131 Figure 1).
constexpr size_t kOp = 0, kHtype = 1, kHlen = 2, kHops = 3, kXid = 4, kSecs = 8, kFlags = 10,
                 kCiaddr = 12, kYiaddr = 16, kSiaddr = 20, kGiaddr = 24, kChaddr = 28,
                 kCookie = 236;

bool equal_bytes(std::span<const uint8_t> a, std::span<const uint8_t> b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

// Calls write(code, bytes) for each option present, in the emit order.
template <typename Write>
void for_each_option(const DhcpRepr& d, Write&& write) {
  uint8_t buf[4];
  auto address = [&](uint8_t code, const std::optional<Ipv4Address>& a) {
    if (!a) return;
    store_be32(buf, a->value);
    write(code, std::span<const uint8_t>(buf, 4));
  };
  auto seconds = [&](uint8_t code, const std::optional<uint32_t>& s) {
    if (!s) return;
    store_be32(buf, *s);
    write(code, std::span<const uint8_t>(buf, 4));
  };
  auto list = [&](uint8_t code, std::span<const uint8_t> bytes) {
    if (!bytes.empty()) write(code, bytes);
  };
  namespace o = dhcp_option;
  if (d.message_type) {
    buf[0] = static_cast<uint8_t>(*d.message_type);
    write(o::kMessageType, std::span<const uint8_t>(buf, 1));
  }
  address(o::kServerId, d.server_id);
  address(o::kRequestedIp, d.requested_ip);
  seconds(o::kLeaseTime, d.lease_time);
  seconds(o::kRenewalTime, d.renewal_time);
  seconds(o::kRebindingTime, d.rebinding_time);
  address(o::kSubnetMask, d.subnet_mask);
  address(o::kBroadcastAddress, d.broadcast_address);
  list(o::kHostName, d.host_name);
  list(o::kParameterList, d.parameter_list);
  list(o::kClientId, d.client_id);
  list(o::kDnsServers, d.dns_servers);
  list(o::kRouter, d.routers);
}

}  // namespace

std::string_view to_string(BootpOp op) {
  switch (op) {
    case BootpOp::Request: return "Request";
    case BootpOp::Reply: return "Reply";
  }
  return "Unknown";
}

std::string_view to_string(DhcpMessageType type) {
  switch (type) {
    case DhcpMessageType::Discover: return "DISCOVER";
    case DhcpMessageType::Offer: return "OFFER";
    case DhcpMessageType::Request: return "REQUEST";
    case DhcpMessageType::Decline: return "DECLINE";
    case DhcpMessageType::Ack: return "ACK";
    case DhcpMessageType::Nak: return "NAK";
    case DhcpMessageType::Release: return "RELEASE";
    case DhcpMessageType::Inform: return "INFORM";
  }
  return "UNKNOWN";
}

std::string_view display_name(DhcpMessageType type) {
  switch (type) {
    case DhcpMessageType::Discover: return "Discover";
    case DhcpMessageType::Offer: return "Offer";
    case DhcpMessageType::Request: return "Request";
    case DhcpMessageType::Decline: return "Decline";
    case DhcpMessageType::Ack: return "ACK";
    case DhcpMessageType::Nak: return "NAK";
    case DhcpMessageType::Release: return "Release";
    case DhcpMessageType::Inform: return "Inform";
  }
  return "Unknown";
}

std::optional<DhcpRepr> DhcpRepr::parse(std::span<const uint8_t> payload, ParseError* why) {
  auto fail = [why](ParseError e) -> std::optional<DhcpRepr> {
    if (why) *why = e;
    return std::nullopt;
  };
  if (payload.size() < kFixedLen) return fail(ParseError::Truncated);
  const uint8_t* p = payload.data();
  if (p[kHtype] != kHtypeEthernet || p[kHlen] != 6) return fail(ParseError::Unsupported);
  if (load_be32(p + kCookie) != kMagicCookie) return fail(ParseError::Unsupported);
  DhcpRepr d;
  d.op = static_cast<BootpOp>(p[kOp]);
  d.hops = p[kHops];
  d.xid = load_be32(p + kXid);
  d.secs = load_be16(p + kSecs);
  d.broadcast = (load_be16(p + kFlags) & kBroadcastFlag) != 0;
  d.ciaddr = {load_be32(p + kCiaddr)};
  d.yiaddr = {load_be32(p + kYiaddr)};
  d.siaddr = {load_be32(p + kSiaddr)};
  d.giaddr = {load_be32(p + kGiaddr)};
  std::copy_n(p + kChaddr, 6, d.chaddr.octets.begin());

  namespace o = dhcp_option;
  size_t i = kFixedLen;
  while (i < payload.size()) {
    const uint8_t code = payload[i++];
    if (code == o::kPad) continue;
    if (code == o::kEnd) break;
    if (i >= payload.size()) return fail(ParseError::Truncated);
    const uint8_t len = payload[i++];
    if (payload.size() - i < len) return fail(ParseError::Truncated);
    const auto value = payload.subspan(i, len);
    i += len;
    auto address = [&](std::optional<Ipv4Address>& out) {
      if (len != 4) return false;
      out = Ipv4Address{load_be32(value.data())};
      return true;
    };
    auto seconds = [&](std::optional<uint32_t>& out) {
      if (len != 4) return false;
      out = load_be32(value.data());
      return true;
    };
    bool ok = true;
    switch (code) {
      case o::kMessageType:
        ok = len == 1;
        if (ok) d.message_type = static_cast<DhcpMessageType>(value[0]);
        break;
      case o::kServerId: ok = address(d.server_id); break;
      case o::kRequestedIp: ok = address(d.requested_ip); break;
      case o::kSubnetMask: ok = address(d.subnet_mask); break;
      case o::kBroadcastAddress: ok = address(d.broadcast_address); break;
      case o::kLeaseTime: ok = seconds(d.lease_time); break;
      case o::kRenewalTime: ok = seconds(d.renewal_time); break;
      case o::kRebindingTime: ok = seconds(d.rebinding_time); break;
      case o::kHostName: ok = len >= 1; d.host_name = value; break;
      case o::kParameterList: ok = len >= 1; d.parameter_list = value; break;
      case o::kClientId: ok = len >= 2; d.client_id = value; break;
      case o::kDnsServers: ok = len >= 4 && len % 4 == 0; d.dns_servers = value; break;
      case o::kRouter: ok = len >= 4 && len % 4 == 0; d.routers = value; break;
      default: break;  // not spoken here: skipped
    }
    if (!ok) return fail(ParseError::BadLength);
  }
  return d;
}

size_t DhcpRepr::buffer_len() const {
  size_t n = kFixedLen + 1;  // End
  for_each_option(*this, [&](uint8_t, std::span<const uint8_t> v) { n += 2 + v.size(); });
  return std::max(n, kMinLen);
}

void DhcpRepr::emit(std::span<uint8_t> out) const {
  const size_t len = buffer_len();
  assert(out.size() >= len && "DHCP emit buffer too small");
  std::fill_n(out.begin(), len, uint8_t{0});
  uint8_t* p = out.data();
  p[kOp] = static_cast<uint8_t>(op);
  p[kHtype] = kHtypeEthernet;
  p[kHlen] = 6;
  p[kHops] = hops;
  store_be32(p + kXid, xid);
  store_be16(p + kSecs, secs);
  store_be16(p + kFlags, broadcast ? kBroadcastFlag : 0);
  store_be32(p + kCiaddr, ciaddr.value);
  store_be32(p + kYiaddr, yiaddr.value);
  store_be32(p + kSiaddr, siaddr.value);
  store_be32(p + kGiaddr, giaddr.value);
  std::copy(chaddr.octets.begin(), chaddr.octets.end(), p + kChaddr);
  store_be32(p + kCookie, kMagicCookie);
  size_t i = kFixedLen;
  for_each_option(*this, [&](uint8_t code, std::span<const uint8_t> v) {
    assert(v.size() <= 255 && "a DHCP option holds at most 255 bytes");
    p[i++] = code;
    p[i++] = static_cast<uint8_t>(v.size());
    std::copy(v.begin(), v.end(), p + i);
    i += v.size();
  });
  p[i] = dhcp_option::kEnd;
}

std::optional<Ipv4Address> DhcpRepr::first_address(std::span<const uint8_t> list) {
  if (list.size() < 4) return std::nullopt;
  return Ipv4Address{load_be32(list.data())};
}

bool operator==(const DhcpRepr& a, const DhcpRepr& b) {
  return a.op == b.op && a.hops == b.hops && a.xid == b.xid && a.secs == b.secs &&
         a.broadcast == b.broadcast && a.ciaddr == b.ciaddr && a.yiaddr == b.yiaddr &&
         a.siaddr == b.siaddr && a.giaddr == b.giaddr && a.chaddr == b.chaddr &&
         a.message_type == b.message_type && a.server_id == b.server_id &&
         a.requested_ip == b.requested_ip && a.lease_time == b.lease_time &&
         a.renewal_time == b.renewal_time && a.rebinding_time == b.rebinding_time &&
         a.subnet_mask == b.subnet_mask && a.broadcast_address == b.broadcast_address &&
         equal_bytes(a.host_name, b.host_name) && equal_bytes(a.parameter_list, b.parameter_list) &&
         equal_bytes(a.client_id, b.client_id) && equal_bytes(a.dns_servers, b.dns_servers) &&
         equal_bytes(a.routers, b.routers);
}

}  // namespace netsim::wire
