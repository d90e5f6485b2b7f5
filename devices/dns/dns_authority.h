// A server's authoritative data (RFC 1034 §4.3.2): which zone holds a name,
// and the answer for a question in it: records (following CNAMEs inside the
// server's zones), a referral below a delegation, NODATA or NXDOMAIN with the
// zone's SOA for negative caching (RFC 2308 §3).
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "devices/dns/dns_zone.h"
#include "sim/wire/dns.h"

namespace netsim::devices {

struct DnsAnswer {
  wire::DnsRcode rcode = wire::DnsRcode::NoError;
  bool authoritative = false;
  std::vector<wire::DnsRecord> answers, authority, additional;
  std::string how;  // for --explain: "answer", "referral to com.", "NXDOMAIN", ...
};

class DnsAuthority {
 public:
  explicit DnsAuthority(const std::vector<DnsZone>& zones);

  // The zone with the longest origin that holds `name`, or null.
  bool holds(std::string_view name) const { return zone_for(wire::dns_canonical(name)) != nullptr; }
  // `name` must lie in one of the zones (zone_for).
  DnsAnswer answer(std::string_view name, wire::DnsType type) const;

 private:
  // A zone's records by owner name, and every name that exists in it: the
  // owners and the empty non-terminals above them (RFC 8020).
  struct Zone {
    std::string origin;
    std::map<std::string, std::vector<wire::DnsRecord>> by_name;
    std::set<std::string> names;
  };
  const Zone* zone_for(const std::string& canonical_name) const;
  static std::vector<wire::DnsRecord> records_at(const Zone& zone, const std::string& name,
                                                 std::optional<wire::DnsType> type = std::nullopt);
  // The zone's SOA with the negative TTL, min(SOA TTL, MINIMUM), or none.
  static std::vector<wire::DnsRecord> negative_soa(const Zone& zone);
  // The A records of the zone for each NS target: the glue of a referral.
  static std::vector<wire::DnsRecord> glue(const Zone& zone,
                                           const std::vector<wire::DnsRecord>& ns);

  std::vector<Zone> zones_;
};

}  // namespace netsim::devices
