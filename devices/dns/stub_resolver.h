// A host's resolver (glibc's gethostbyname with a cache in front): a dotted
// quad as is, then the hosts file, then the host's DNS cache, then each
// server of resolv.conf in order, twice over (timeout:5 attempts:2), moving
// on at once after REFUSED, SERVFAIL or an ICMP error. One A query with RD,
// a random ID and its own ephemeral port; CNAMEs are followed inside the
// answer only, never chased with new queries. NXDOMAIN, or no server left: no address.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "devices/dns/dns_cache.h"
#include "devices/dns/dns_exchange.h"
#include "sim/core/inplace_function.h"
#include "sim/core/random.h"

namespace netsim::devices {

class IpHost;

class StubResolver {
 public:
  static constexpr Time kTimeout = seconds(5);  // RES_TIMEOUT
  static constexpr int kAttempts = 2;           // RES_DFLRETRY

  // nullopt: the name does not resolve (gaierror). Never called inside resolve().
  using Done = InplaceFunction<void(std::optional<wire::Ipv4Address>), 48>;

  StubResolver(IpHost& host, std::vector<std::pair<std::string, wire::Ipv4Address>> hosts_file);
  ~StubResolver();
  StubResolver(const StubResolver&) = delete;
  StubResolver& operator=(const StubResolver&) = delete;

  void resolve(std::string_view name, Done done);
  DnsCache& cache() { return cache_; }
  const DnsCache& cache() const { return cache_; }

 private:
  struct Lookup {
    uint64_t serial = 0;
    std::string name;
    Done done;
    wire::DnsMessage query;
    std::vector<wire::Ipv4Address> servers;  // read from resolv.conf when the lookup began
    std::vector<std::unique_ptr<DnsExchange>> exchanges;  // one per server, made on first use
    int attempt = 0;                                      // 0 .. servers * kAttempts - 1
  };

  void next_attempt(Lookup& lookup);
  void answered(Lookup& lookup, size_t server, DnsExchange::Outcome outcome,
                const wire::DnsMessage* answer);
  void finish(Lookup& lookup, std::optional<wire::Ipv4Address> address);
  void complete(Done done, std::optional<wire::Ipv4Address> address);
  template <typename MakeText>
  void explain(MakeText&& make_text) const;

  IpHost& host_;
  std::vector<std::pair<std::string, wire::Ipv4Address>> hosts_file_;
  DnsCache cache_;
  RandomStream ids_;
  uint64_t next_serial_ = 0;
  std::map<uint64_t, std::unique_ptr<Lookup>> lookups_;  // by start order
};

}  // namespace netsim::devices
