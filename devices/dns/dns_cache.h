// A DNS cache (RFC 1035 §7.4, RFC 2308): RRsets and negative answers, each
// with an absolute expiry. A record is served with its remaining TTL in
// whole seconds, rounded down, and is gone once that reaches 0. Lookups
// check expiry themselves; a background event drops the traced row (table
// "dns", for the animation and --explain) then, and keeps no run going.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/core/context.h"
#include "sim/wire/dns.h"

namespace netsim::devices {

struct DnsCacheLookup {
  enum class Result {
    Miss,      // nothing cached for the name (or for the end of its CNAME chain)
    Answer,    // `records`: the CNAMEs followed, then the RRset asked for
    NxDomain,  // a cached negative answer: `records` holds the CNAMEs, `soa` the SOA
    NoData,
  };
  Result result = Result::Miss;
  std::vector<wire::DnsRecord> records;  // TTLs are what remains
  std::optional<wire::DnsRecord> soa;
  std::string last;  // the name the chain ended at (where a resolver would go on)
};

class DnsCache {
 public:
  DnsCache(Context& ctx, std::string node) : ctx_(ctx), node_(std::move(node)) {}

  // One RRset: same owner and type. TTL 0 is not cached (RFC 1035 §3.2.1); a
  // set's TTL is its smallest record TTL (RFC 2181 §5.2). Returns the TTL kept.
  uint32_t add(const std::vector<wire::DnsRecord>& rrset);
  // Every RRset in `records`, grouped by owner and type.
  void add_all(const std::vector<wire::DnsRecord>& records);
  // NXDOMAIN (for every type of `name`) or NODATA (for `type`), kept for the
  // TTL of the SOA that came with it (RFC 2308 §5).
  void add_negative(std::string_view name, wire::DnsType type, bool nxdomain,
                    const wire::DnsRecord& soa);

  // NXDOMAIN or NODATA as it came in `m`: kept for the TTL of the SOA in its
  // authority section, not at all without one. Says what it did, for --explain:
  // "NXDOMAIN cached 60 s", "not cached (no SOA)".
  std::string add_negative_answer(std::string_view name, wire::DnsType type,
                                  const wire::DnsMessage& m);

  // The RRset (name, type), following cached CNAMEs unless CNAME is asked.
  DnsCacheLookup lookup(std::string_view name, wire::DnsType type) const;
  // Unexpired records of exactly (name, type), no CNAMEs: NS sets and glue.
  std::vector<wire::DnsRecord> find(std::string_view name, wire::DnsType type) const;
  // Anything unexpired for the name, positive or negative (expect `none`).
  bool holds(std::string_view name) const;
  void clear();
  bool empty() const { return entries_.empty(); }

 private:
  struct Entry {
    std::vector<wire::DnsRecord> records;  // the SOA for a negative entry
    Time expires;
    bool negative = false, nxdomain = false;
  };
  using Key = std::pair<std::string, uint16_t>;  // canonical name, type (0: NXDOMAIN, every type)

  // The entry, or null when absent or expired.
  const Entry* live(const Key& key) const;
  std::optional<uint32_t> remaining(const Entry& e) const;
  std::vector<wire::DnsRecord> with_remaining(const Entry& e) const;
  using Entries = std::map<Key, Entry>;
  void put(Key key, Entry entry, std::string row);
  Entries::iterator drop(Entries::iterator it);  // erases and traces the row's removal

  Context& ctx_;
  std::string node_;
  Entries entries_;  // ordered: dumps and rows are stable
};

}  // namespace netsim::devices
