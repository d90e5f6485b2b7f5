// Cache entries keyed by (name, type); negative entries by (name, 0) for
// NXDOMAIN. Times are integer nanoseconds; TTLs are whole seconds.
#include "devices/dns/dns_cache.h"

#include <algorithm>

namespace netsim::devices {

using wire::DnsRecord;
using wire::DnsType;

namespace {
constexpr int kMaxCachedChain = 16;  // CNAMEs followed through the cache before giving up
constexpr uint16_t kNxDomainKey = 0;

std::string row_key(std::string_view name, DnsType type, bool nxdomain) {
  return std::string(name) + (nxdomain ? "" : " " + wire::to_string(type));
}
}  // namespace

const DnsCache::Entry* DnsCache::live(const Key& key) const {
  const auto it = entries_.find(key);
  if (it == entries_.end() || !remaining(it->second)) return nullptr;
  return &it->second;
}

std::optional<uint32_t> DnsCache::remaining(const Entry& e) const {
  const Time left = e.expires - ctx_.now();
  if (left < seconds(1)) return std::nullopt;  // rounded down, 0 means gone
  return static_cast<uint32_t>(left / seconds(1));
}

std::vector<DnsRecord> DnsCache::with_remaining(const Entry& e) const {
  std::vector<DnsRecord> out = e.records;
  const uint32_t ttl = *remaining(e);
  for (DnsRecord& r : out) r.ttl = ttl;
  return out;
}

void DnsCache::put(Key key, Entry entry, std::string row) {
  const std::string key_text =
      row_key(key.first, static_cast<DnsType>(key.second), key.second == kNxDomainKey);
  // A negative answer replaces what was known of the name (RFC 2308 §5).
  if (entry.nxdomain)
    for (auto it = entries_.lower_bound({key.first, 0});
         it != entries_.end() && it->first.first == key.first;)
      it = drop(it);
  // Lookups ignore an expired entry by themselves; the row leaves the table
  // when the remaining TTL reaches 0, by a background event that keeps no run going.
  const Time gone = entry.expires - seconds(1) + Time{1};
  ctx_.scheduler().schedule_at(
      gone,
      [this, key, gone] {
        const auto it = entries_.find(key);
        if (it != entries_.end() && it->second.expires - seconds(1) + Time{1} == gone) drop(it);
      },
      EventKind::Background);
  entries_.insert_or_assign(std::move(key), std::move(entry));
  ctx_.trace().table_change(ctx_.now(), node_, "dns", [&] { return std::pair{key_text, row}; });
}

uint32_t DnsCache::add(const std::vector<DnsRecord>& rrset) {
  if (rrset.empty()) return 0;
  uint32_t ttl = UINT32_MAX;
  for (const DnsRecord& r : rrset) ttl = std::min(ttl, r.ttl);
  if (ttl == 0) return 0;
  Entry e;
  e.records = rrset;
  for (DnsRecord& r : e.records) r.name = wire::dns_canonical(r.name);
  e.expires = ctx_.now() + seconds(ttl);
  std::string row;
  for (const DnsRecord& r : rrset) row += (row.empty() ? "" : ", ") + r.rdata_text();
  row += " (ttl " + std::to_string(ttl) + ")";
  const std::string name = e.records.front().name;
  const auto type = static_cast<uint16_t>(rrset.front().type);
  if (auto nx = entries_.find({name, kNxDomainKey}); nx != entries_.end())
    drop(nx);  // it exists after all
  put({name, type}, std::move(e), std::move(row));
  return ttl;
}

void DnsCache::add_all(const std::vector<DnsRecord>& records) {
  std::vector<bool> done(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    if (done[i]) continue;
    std::vector<DnsRecord> set;
    for (size_t j = i; j < records.size(); ++j)
      if (!done[j] && records[j].type == records[i].type &&
          wire::dns_name_equal(records[j].name, records[i].name)) {
        set.push_back(records[j]);
        done[j] = true;
      }
    add(set);
  }
}

void DnsCache::add_negative(std::string_view name, DnsType type, bool nxdomain,
                            const DnsRecord& soa) {
  if (soa.ttl == 0) return;
  Entry e;
  e.records = {soa};
  e.expires = ctx_.now() + seconds(soa.ttl);
  e.negative = true;
  e.nxdomain = nxdomain;
  const std::string row =
      std::string(nxdomain ? "NXDOMAIN" : "NODATA") + " (ttl " + std::to_string(soa.ttl) + ")";
  put({wire::dns_canonical(name), nxdomain ? kNxDomainKey : static_cast<uint16_t>(type)},
      std::move(e), row);
}

std::string DnsCache::add_negative_answer(std::string_view name, DnsType type,
                                          const wire::DnsMessage& m) {
  const bool nxdomain = m.header.rcode() == wire::DnsRcode::NxDomain;
  const auto soa = wire::authority_soa(m);
  if (!soa) return "not cached (no SOA)";
  if (soa->ttl == 0) return "not cached (SOA TTL 0)";
  add_negative(name, type, nxdomain, *soa);
  return std::string(nxdomain ? "NXDOMAIN" : "NODATA") + " cached " + std::to_string(soa->ttl) +
         " s";
}

std::vector<DnsRecord> DnsCache::find(std::string_view name, DnsType type) const {
  const Entry* e = live({wire::dns_canonical(name), static_cast<uint16_t>(type)});
  if (!e || e->negative) return {};
  return with_remaining(*e);
}

DnsCacheLookup DnsCache::lookup(std::string_view qname, DnsType type) const {
  DnsCacheLookup out;
  std::string name = wire::dns_canonical(qname);
  for (int step = 0; step < kMaxCachedChain; ++step) {
    out.last = name;
    if (const Entry* nx = live({name, kNxDomainKey})) {
      out.result = DnsCacheLookup::Result::NxDomain;
      out.soa = with_remaining(*nx).front();
      return out;
    }
    if (const Entry* e = live({name, static_cast<uint16_t>(type)})) {
      if (e->negative) {
        out.result = DnsCacheLookup::Result::NoData;
        out.soa = with_remaining(*e).front();
        return out;
      }
      for (DnsRecord& r : with_remaining(*e)) out.records.push_back(std::move(r));
      out.result = DnsCacheLookup::Result::Answer;
      return out;
    }
    const Entry* cname =
        type == DnsType::Cname ? nullptr : live({name, static_cast<uint16_t>(DnsType::Cname)});
    if (!cname || cname->negative) return out;
    out.records.push_back(with_remaining(*cname).front());
    name = wire::dns_canonical(cname->records.front().target);
  }
  out.result = DnsCacheLookup::Result::Miss;
  return out;
}

bool DnsCache::holds(std::string_view qname) const {
  const std::string name = wire::dns_canonical(qname);
  for (const auto& [key, entry] : entries_)
    if (key.first == name && remaining(entry)) return true;
  return false;
}

DnsCache::Entries::iterator DnsCache::drop(Entries::iterator it) {
  const Key& key = it->first;
  ctx_.trace().table_change(ctx_.now(), node_, "dns", [&] {
    return std::pair{
        row_key(key.first, static_cast<DnsType>(key.second), key.second == kNxDomainKey),
        std::string()};
  });
  return entries_.erase(it);
}

void DnsCache::clear() {
  for (auto it = entries_.begin(); it != entries_.end();) it = drop(it);
}

}  // namespace netsim::devices
