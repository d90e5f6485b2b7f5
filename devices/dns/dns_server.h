// A DNS server on UDP 53: authoritative for its zones, and for other names,
// by its `recursion` mode, refusing (none), asking its forwarders with RD set
// (forward), or iterating itself from the root hints (iterative, RFC 1034
// §5.3.3: the full question with RD clear to the closest delegation known,
// following referrals and caching their NS and glue, restarting at a CNAME
// target the answer leaves unresolved). Identical questions in flight share
// one resolution. Each upstream query waits kQueryTimeout on its own port,
// then the next server of the set; when none is left the clients get SERVFAIL.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "devices/dns/dns_authority.h"
#include "devices/dns/dns_cache.h"
#include "devices/dns/dns_exchange.h"
#include "devices/dns/dns_server_config.h"
#include "devices/stack/udp_service.h"
#include "sim/core/random.h"

namespace netsim::devices {

class IpHost;

class DnsServer : public UdpService {
 public:
  static constexpr Time kQueryTimeout = seconds(2);
  static constexpr int kMaxQueries =
      32;  // upstream queries per resolution, referrals and restarts included
  static constexpr int kMaxDepth = 3;  // nested lookups of glue-less name servers' addresses
  static constexpr size_t kMaxChain = 16;

  DnsServer(IpHost& host, DnsServerConfig config);
  ~DnsServer() override;
  DnsServer(const DnsServer&) = delete;
  DnsServer& operator=(const DnsServer&) = delete;

  void receive(const UdpArrival& arrival) override;
  DnsCache& cache() { return cache_; }
  const DnsCache& cache() const { return cache_; }
  DnsRecursion recursion() const { return config_.recursion; }

 private:
  struct Client {
    SocketAddress from;
    wire::Ipv4Address local;  // the address it asked, which answers
    uint16_t id = 0;
    bool rd = false;
    wire::DnsQuestion question;  // echoed as asked, case included
  };
  struct Resolution {
    uint64_t serial = 0;
    std::string qname;  // canonical
    wire::DnsType type = wire::DnsType::A;
    std::string current;                 // the name being resolved (a CNAME target after a restart)
    std::vector<wire::DnsRecord> chain;  // CNAMEs collected so far
    std::string zone;  // the delegation whose servers are asked ("" when forwarding)
    std::vector<wire::Ipv4Address> servers;
    size_t next_server = 0;
    int queries = 0, depth = 0;
    std::vector<Client> clients;
    std::optional<uint64_t>
        parent;  // set when this finds a name server's address for that resolution
    std::unique_ptr<DnsExchange> exchange;
  };
  struct Outcome {
    wire::DnsRcode rcode = wire::DnsRcode::NoError;
    std::vector<wire::DnsRecord> answers;
    std::optional<wire::DnsRecord> soa;
  };

  void answer_from_cache_or_resolve(Client client);
  void respond(const Client& c, wire::DnsRcode rcode, bool authoritative,
               std::vector<wire::DnsRecord> answers, std::vector<wire::DnsRecord> authority,
               std::vector<wire::DnsRecord> additional);
  Resolution& begin(std::string name, wire::DnsType type, std::vector<wire::DnsRecord> chain,
                    int depth);
  void start_at(Resolution& r, std::string name);
  void ask(Resolution& r);
  void answered(Resolution& r, DnsExchange::Outcome outcome, const wire::DnsMessage* m);
  // A referral in `m` for r.current below r.zone: follows it; false when `m` is none.
  bool follow_referral(Resolution& r, const wire::DnsMessage& m, const std::string& server);
  void finish(Resolution& r, Outcome outcome);
  // Caches the negative answer `m` for r.current when the cache is on; says what it did.
  std::string negative(const Resolution& r, const wire::DnsMessage& m);
  template <typename MakeText>
  void explain(MakeText&& make_text) const;

  IpHost& host_;
  DnsServerConfig config_;
  DnsAuthority authority_;
  DnsCache cache_;
  RandomStream ids_;
  uint64_t next_serial_ = 0;
  std::map<uint64_t, std::unique_ptr<Resolution>> resolutions_;  // by start order
};

}  // namespace netsim::devices
