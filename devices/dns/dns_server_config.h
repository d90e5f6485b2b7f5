// What a `dns_server` is configured with: its zones and how it treats the
// names outside them.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "devices/dns/dns_zone.h"
#include "sim/wire/address.h"

namespace netsim::devices {

enum class DnsRecursion : uint8_t { None, Forward, Iterative };
std::string_view to_string(DnsRecursion mode);  // "none", "forward", "iterative"

struct DnsServerConfig {
  std::vector<DnsZone> zones;
  DnsRecursion recursion = DnsRecursion::None;
  std::vector<wire::Ipv4Address> root_hints, forwarders;
  bool cache =
      true;  // honour TTLs and keep negative answers; off, every question is resolved afresh
};

}  // namespace netsim::devices
