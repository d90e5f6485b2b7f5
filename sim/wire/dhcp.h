// BOOTP/DHCP messages (RFC 951, RFC 2131, options from RFC 2132): DhcpRepr,
// the fixed header, the magic cookie and the options netsim speaks.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "sim/wire/address.h"
#include "sim/wire/parse_error.h"

namespace netsim::wire {

constexpr uint16_t kDhcpServerPort = 67, kDhcpClientPort = 68;

enum class BootpOp : uint8_t { Request = 1, Reply = 2 };  // lossless
std::string_view to_string(BootpOp op);                   // "Request", "Reply" (tcpdump's words)

// Option 53 (RFC 2132 §9.6). Lossless: an unknown value prints as "TYPE-N".
enum class DhcpMessageType : uint8_t {
  Discover = 1,
  Offer = 2,
  Request = 3,
  Decline = 4,
  Ack = 5,
  Nak = 6,
  Release = 7,
  Inform = 8,
};
// "DISCOVER", "OFFER", ... (the contract's words for `type` and sequences).
std::string_view to_string(DhcpMessageType type);
// "Discover", "Offer", ... (tcpdump's and Wireshark's).
std::string_view display_name(DhcpMessageType type);

// Option codes (RFC 2132).
namespace dhcp_option {
constexpr uint8_t kPad = 0, kSubnetMask = 1, kRouter = 3, kDnsServers = 6, kHostName = 12,
                  kBroadcastAddress = 28, kRequestedIp = 50, kLeaseTime = 51, kMessageType = 53,
                  kServerId = 54, kParameterList = 55, kRenewalTime = 58, kRebindingTime = 59,
                  kClientId = 61, kEnd = 255;
}

struct DhcpRepr {
  // Fixed header: 236 bytes, then the magic cookie 99.130.83.99.
  static constexpr size_t kFixedLen = 240;
  // RFC 951's 64-byte vend field makes every BOOTP message at least 300
  // bytes; dhclient and dnsmasq pad to it (the oracle: UDP length 308).
  static constexpr size_t kMinLen = 300;
  static constexpr uint16_t kBroadcastFlag = 0x8000;

  BootpOp op = BootpOp::Request;
  uint8_t hops = 0;
  uint32_t xid = 0;
  uint16_t secs = 0;
  bool broadcast = false;  // the flags field's B bit
  Ipv4Address ciaddr, yiaddr, siaddr, giaddr;
  MacAddress chaddr;  // htype 1, hlen 6 only

  // Options. Lists are spans over wire bytes (4 per address for routers and
  // DNS servers), pointing into the parsed buffer or the caller's storage.
  std::optional<DhcpMessageType> message_type;         // 53
  std::optional<Ipv4Address> server_id;                // 54
  std::optional<Ipv4Address> requested_ip;             // 50
  std::optional<uint32_t> lease_time;                  // 51, seconds
  std::optional<uint32_t> renewal_time;                // 58 (T1)
  std::optional<uint32_t> rebinding_time;              // 59 (T2)
  std::optional<Ipv4Address> subnet_mask;              // 1
  std::optional<Ipv4Address> broadcast_address;        // 28
  std::span<const uint8_t> host_name;                  // 12
  std::span<const uint8_t> parameter_list;             // 55
  std::span<const uint8_t> client_id;                  // 61
  std::span<const uint8_t> dns_servers;                // 6
  std::span<const uint8_t> routers;                    // 3

  // htype 1 and hlen 6 (else Unsupported), the magic cookie (else
  // Unsupported: plain BOOTP), every option within the bytes (else
  // Truncated) with a length its code allows (else BadLength). Unknown
  // options are skipped; parsing stops at End or the last byte.
  static std::optional<DhcpRepr> parse(std::span<const uint8_t> payload,
                                       ParseError* why = nullptr);
  // Header, cookie, options, End, then zeros up to kMinLen.
  size_t buffer_len() const;
  // Options go in one fixed order: 53 54 50 51 58 59 1 28 12 55 61 6 3. It is
  // the order of dhclient's requests and of dnsmasq's replies at once.
  void emit(std::span<uint8_t> out) const;

  // The first address of a list option (routers, dns_servers), if any.
  static std::optional<Ipv4Address> first_address(std::span<const uint8_t> list);
  // Compares list options by content.
  friend bool operator==(const DhcpRepr& a, const DhcpRepr& b);
};

}  // namespace netsim::wire
