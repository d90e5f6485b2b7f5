#include "sim/scenario/dns_expect.h"

#include "devices/dns/dns_server.h"
#include "devices/dns/stub_resolver.h"
#include "devices/ip_host.h"

namespace netsim::scenario {

namespace {

// What the cache says of `name`: "203.0.113.80, 203.0.113.81", "NXDOMAIN", "NODATA", "none".
std::string cached(const devices::DnsCache& cache, const std::string& name) {
  using R = devices::DnsCacheLookup::Result;
  const devices::DnsCacheLookup hit = cache.lookup(name, wire::DnsType::A);
  switch (hit.result) {
    case R::Answer: {
      std::string text;
      for (const wire::DnsRecord& r : hit.records)
        if (r.type == wire::DnsType::A) text += (text.empty() ? "" : ", ") + r.address.to_string();
      return text;
    }
    case R::NxDomain:
      return "NXDOMAIN";
    case R::NoData:
      return "NODATA";
    case R::Miss:
      break;
  }
  return cache.holds(name) ? "no A record cached" : "none";
}

}  // namespace

bool dns_cache_holds(const ExpectSpec& x, const Node& node, std::string& found) {
  const devices::IpHost* ip = devices::ip_host(node);
  const devices::DnsCache& cache =
      ip->dns_server() ? ip->dns_server()->cache() : ip->resolver().cache();
  bool ok = true;
  for (const auto& [name, want] : x.tables().dns_cache) {
    const std::string have = cached(cache, name);
    bool holds;
    if (want == "none")
      holds = !cache.holds(name);
    else if (want == "NXDOMAIN")
      holds = have == "NXDOMAIN";
    else  // an address: one of the A records the name leads to
      holds = (", " + have + ",").find(", " + want + ",") != std::string::npos;
    if (holds) continue;
    ok = false;
    found += name + " -> " + have + "; ";
  }
  return ok;
}

}  // namespace netsim::scenario
