#include "sim/scenario/dns_loader.h"

#include <algorithm>
#include <variant>

namespace netsim::scenario {

namespace {

using devices::DnsRecursion;

std::vector<wire::Ipv4Address> addresses(const YamlReader& in, const YamlNode& list,
                                         const std::string& what) {
  in.require_sequence(list, what);
  if (list.size() == 0) in.fail(list, what + " lists no address", "such as [198.41.0.4]");
  std::vector<wire::Ipv4Address> out;
  for (const YamlNode& n : list) out.push_back(in.ipv4(n, what));
  return out;
}

// Where column `column` of a record line is in the file: a quoted scalar's
// text starts one past its quote.
SourceLoc column_in(const YamlNode& scalar, size_t column) {
  SourceLoc at = loc_of(scalar);
  const bool quoted = scalar.Tag() == "!";
  at.col += static_cast<int>(column) + (quoted ? 1 : 0);
  return at;
}

devices::DnsZone load_zone(const YamlReader& in, const YamlNode& map) {
  in.require_map(map, "a zone");
  in.check_keys(map, {"origin", "records"}, "a zone");
  const YamlNode origin_node = in.required(map, "origin", "a zone");
  const std::string origin = in.scalar(origin_node, "origin");
  if (!wire::dns_name_valid(origin))
    in.fail(origin_node, quoted(origin) + " is not a domain name",
            "such as jd.com. (or . for the root)");
  devices::DnsZone zone;
  zone.origin = wire::dns_canonical(origin);
  const YamlNode records = in.required(map, "records", "a zone");
  in.require_sequence(records, "records");
  std::optional<uint32_t> last_ttl;
  for (const YamlNode& line : records) {
    const std::string text = in.scalar(line, "a record");
    auto parsed = devices::parse_zone_line(text, zone.origin, last_ttl);
    if (auto* error = std::get_if<devices::ZoneLineError>(&parsed))
      in.fail(column_in(line, error->column), "zone " + zone.origin + ": " + error->what,
              error->hint);
    zone.records.push_back(std::move(std::get<wire::DnsRecord>(parsed)));
  }
  return zone;
}

}  // namespace

devices::DnsServerConfig load_dns_server(const YamlReader& in, const YamlNode& map,
                                         const std::string& node) {
  devices::DnsServerConfig config;
  if (!in.map_or_null(map, "dns_server of " + quoted(node))) return config;
  in.check_keys(map, {"zones", "recursion", "root_hints", "forwarders", "cache"}, "dns_server");
  if (const YamlNode n = map["recursion"]; n.IsDefined()) {
    const std::string mode = in.choice(n, "recursion", {"none", "forward", "iterative"});
    config.recursion = mode == "forward"     ? DnsRecursion::Forward
                       : mode == "iterative" ? DnsRecursion::Iterative
                                             : DnsRecursion::None;
  }
  config.cache = config.recursion != DnsRecursion::None;
  auto only_with = [&](const char* key, DnsRecursion mode, std::vector<wire::Ipv4Address>& out) {
    const YamlNode n = map[key];
    if (n.IsDefined()) {
      if (config.recursion != mode)
        in.fail(n,
                std::string(key) + " is used only with recursion: " + std::string(to_string(mode)),
                "set recursion: " + std::string(to_string(mode)) + " or remove " + key);
      out = addresses(in, n, key);
    } else if (config.recursion == mode) {
      in.fail(map, "recursion: " + std::string(to_string(mode)) + " needs " + key,
              mode == DnsRecursion::Iterative ? "such as root_hints: [198.41.0.4]"
                                              : "such as forwarders: [10.0.0.53]");
    }
  };
  only_with("root_hints", DnsRecursion::Iterative, config.root_hints);
  only_with("forwarders", DnsRecursion::Forward, config.forwarders);
  if (const YamlNode n = map["cache"]; n.IsDefined()) config.cache = in.boolean(n, "cache");
  if (const YamlNode zones = map["zones"]; zones.IsDefined() && !is_null(zones)) {
    in.require_sequence(zones, "zones");
    for (const YamlNode& z : zones) {
      devices::DnsZone zone = load_zone(in, z);
      if (std::any_of(config.zones.begin(), config.zones.end(),
                      [&](const devices::DnsZone& o) { return o.origin == zone.origin; }))
        in.fail(z["origin"], "zone " + zone.origin + " is given twice",
                "put all its records in one zone");
      config.zones.push_back(std::move(zone));
    }
  }
  return config;
}

}  // namespace netsim::scenario
