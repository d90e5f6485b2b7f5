// Authoritative lookup over a server's zones, RFC 1034 §4.3.2 step by step.
#include "devices/dns/dns_authority.h"

#include <algorithm>

namespace netsim::devices {

using wire::DnsRcode;
using wire::DnsRecord;
using wire::DnsType;

namespace {

constexpr int kMaxZoneChain = 16;  // CNAMEs followed inside our zones before giving up

}  // namespace

DnsAuthority::DnsAuthority(const std::vector<DnsZone>& zones) {
  for (const DnsZone& z : zones) {
    Zone& zone = zones_.emplace_back();
    zone.origin = z.origin;
    zone.names.insert(z.origin);
    for (const DnsRecord& r : z.records) {
      zone.by_name[r.name].push_back(r);
      for (std::string n = r.name; zone.names.insert(n).second && n != z.origin;)
        n = *wire::dns_parent(n);
    }
  }
}

const DnsAuthority::Zone* DnsAuthority::zone_for(const std::string& name) const {
  const Zone* best = nullptr;
  for (const Zone& z : zones_)
    if (wire::dns_name_under(name, z.origin) && (!best || z.origin.size() > best->origin.size()))
      best = &z;
  return best;
}

std::vector<DnsRecord> DnsAuthority::records_at(const Zone& zone, const std::string& name,
                                                std::optional<DnsType> type) {
  std::vector<DnsRecord> out;
  const auto it = zone.by_name.find(name);
  if (it == zone.by_name.end()) return out;
  for (const DnsRecord& r : it->second)
    if (!type || r.type == *type) out.push_back(r);
  return out;
}

std::vector<DnsRecord> DnsAuthority::negative_soa(const Zone& zone) {
  std::vector<DnsRecord> soa = records_at(zone, zone.origin, DnsType::Soa);
  if (soa.empty()) return soa;
  soa.resize(1);
  soa[0].ttl = std::min(soa[0].ttl, soa[0].soa.minimum);  // RFC 2308 §3
  return soa;
}

std::vector<DnsRecord> DnsAuthority::glue(const Zone& zone, const std::vector<DnsRecord>& ns) {
  std::vector<DnsRecord> out;
  for (const DnsRecord& n : ns)
    for (DnsRecord& a : records_at(zone, n.target, DnsType::A)) out.push_back(std::move(a));
  return out;
}

DnsAnswer DnsAuthority::answer(std::string_view qname, DnsType type) const {
  DnsAnswer out;
  out.authoritative = true;
  std::string name = wire::dns_canonical(qname);
  for (int step = 0; step < kMaxZoneChain; ++step) {
    const Zone* zone = zone_for(name);
    if (!zone) {  // a CNAME led out of our zones: the resolver goes on from its target
      out.how = "CNAME chain leaves our zones at " + name;
      return out;
    }
    // A zone cut between the apex and the name: the highest one wins (§4.3.2 step 3b).
    std::vector<std::string> below_apex;
    for (std::string n = name; n != zone->origin;) {
      below_apex.push_back(n);
      n = *wire::dns_parent(n);
    }
    for (auto it = below_apex.rbegin(); it != below_apex.rend(); ++it) {
      std::vector<DnsRecord> ns = records_at(*zone, *it, DnsType::Ns);
      if (ns.empty()) continue;
      out.authoritative = !out.answers.empty();  // AA covers a CNAME we gave before the cut
      out.additional = glue(*zone, ns);
      out.authority = std::move(ns);
      out.how = "referral to " + *it;
      return out;
    }
    const std::vector<DnsRecord> here = records_at(*zone, name);
    bool found = false;
    for (const DnsRecord& r : here)
      if (r.type == type || type == DnsType::Any) {
        out.answers.push_back(r);
        found = true;
      }
    if (found) {
      if (type == DnsType::Ns) out.additional = glue(*zone, out.answers);
      out.how = out.answers.size() > 1 && out.answers.front().type == DnsType::Cname
                    ? "CNAME chain answered"
                    : "answer";
      return out;
    }
    const auto cname = std::find_if(here.begin(), here.end(),
                                    [](const DnsRecord& r) { return r.type == DnsType::Cname; });
    if (cname != here.end()) {
      out.answers.push_back(*cname);
      name = cname->target;
      continue;
    }
    // Below the name there may be records (an empty non-terminal): the name
    // exists, it just has no data of this type (RFC 8020).
    const bool exists = zone->names.count(name) > 0;
    out.rcode = exists ? DnsRcode::NoError : DnsRcode::NxDomain;
    out.authority = negative_soa(*zone);
    out.how =
        exists ? "no " + wire::to_string(type) + " record (NODATA)" : "no such name (NXDOMAIN)";
    return out;
  }
  out.rcode = DnsRcode::ServFail;
  out.how = "CNAME chain longer than " + std::to_string(kMaxZoneChain);
  return out;
}

}  // namespace netsim::devices
