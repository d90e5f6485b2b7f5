// A zone's authoritative data as master-file lines (RFC 1035 §5.1): one
// record per line, "name [ttl] [class] type rdata" (ttl and class in either
// order), BIND's TTL units, '@' and names relative to the origin.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/wire/dns.h"

namespace netsim::devices {

struct DnsZone {
  std::string origin;                    // canonical: "jd.com.", "."
  std::vector<wire::DnsRecord> records;  // owner names canonical, in file order
};

// What is wrong with a line, and where: `column` counts from 0 in the line.
struct ZoneLineError {
  size_t column = 0;
  std::string what, hint;
};

// One record line. `last_ttl` is the TTL stated last above it in the zone:
// a line without a TTL takes it (RFC 1035 §5.1), and one with a TTL sets it.
std::variant<wire::DnsRecord, ZoneLineError> parse_zone_line(std::string_view line,
                                                             std::string_view origin,
                                                             std::optional<uint32_t>& last_ttl);

// "300", BIND's "1h", "5m", "1h30m", "2d", "1w" (any case): seconds, or
// nullopt when it is no TTL or exceeds 2^31 - 1 (RFC 2181 §8).
std::optional<uint32_t> parse_dns_ttl(std::string_view text);

}  // namespace netsim::devices
