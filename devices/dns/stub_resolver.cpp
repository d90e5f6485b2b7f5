// The stub resolver: each lookup walks hosts file, cache, then servers;
// every step is a decision in the trace ("hosts file hit", "cache miss", ...).
#include "devices/dns/stub_resolver.h"

#include "devices/ip_host.h"

namespace netsim::devices {

using wire::DnsMessage;
using wire::DnsRcode;
using wire::DnsRecord;
using wire::DnsType;
using wire::Ipv4Address;

StubResolver::StubResolver(IpHost& host,
                           std::vector<std::pair<std::string, Ipv4Address>> hosts_file)
    : host_(host),
      hosts_file_(std::move(hosts_file)),
      cache_(host.node().ctx(), host.node().name()),
      ids_(host.node().ctx().stream("dns-stub:" + host.node().name())) {}

StubResolver::~StubResolver() = default;

template <typename MakeText>
void StubResolver::explain(MakeText&& make_text) const {
  Context& ctx = host_.node().ctx();
  ctx.trace().decision(ctx.now(), Layer::Application, host_.node().name(), "",
                       [&] { return "resolver: " + make_text(); });
}

void StubResolver::complete(Done done, std::optional<Ipv4Address> address) {
  // Completions never run inside the caller: the app resumes from the queue.
  host_.node().ctx().scheduler().schedule_in(
      Time{0}, [done = std::move(done), address]() mutable { done(address); });
}

void StubResolver::resolve(std::string_view name, Done done) {
  if (const auto address = Ipv4Address::parse(name)) return complete(std::move(done), address);
  for (const auto& [host, address] : hosts_file_)
    if (wire::dns_name_equal(host, name)) {
      explain([&] { return "hosts file hit " + std::string(name) + " -> " + address.to_string(); });
      return complete(std::move(done), address);
    }
  if (wire::dns_name_equal(name, "localhost")) {  // /etc/hosts always has it
    explain([&] { return std::string("hosts file hit localhost -> 127.0.0.1"); });
    return complete(std::move(done), Ipv4Address{0x7f000001});
  }
  if (!wire::dns_name_valid(name)) {
    explain([&] { return "'" + std::string(name) + "' is not a domain name"; });
    return complete(std::move(done), std::nullopt);
  }
  const DnsCacheLookup cached = cache_.lookup(name, DnsType::A);
  switch (cached.result) {
    case DnsCacheLookup::Result::Answer: {
      const DnsRecord& a = cached.records.back();
      explain([&] {
        return "cache hit " + std::string(name) + " A " + a.address.to_string() + " (ttl " +
               std::to_string(a.ttl) + ")";
      });
      return complete(std::move(done), a.address);
    }
    case DnsCacheLookup::Result::NxDomain:
    case DnsCacheLookup::Result::NoData:
      explain([&] {
        return "cache hit " + std::string(name) +
               (cached.result == DnsCacheLookup::Result::NxDomain ? " NXDOMAIN" : " NODATA") +
               " (ttl " + std::to_string(cached.soa->ttl) + ")";
      });
      return complete(std::move(done), std::nullopt);
    case DnsCacheLookup::Result::Miss:
      break;
  }
  explain([&] { return "cache miss " + std::string(name) + " A"; });

  auto lookup = std::make_unique<Lookup>();
  lookup->serial = next_serial_++;
  lookup->name = std::string(name);
  lookup->done = std::move(done);
  lookup->servers = host_.dns_servers();
  // glibc with no nameserver line asks the local host, which answers only if it runs a server.
  if (lookup->servers.empty() && host_.dns_server())
    lookup->servers.push_back(Ipv4Address{0x7f000001});
  lookup->query.header.id = static_cast<uint16_t>(ids_.uniform(0, 0xffff));
  lookup->query.header.set(wire::DnsHeader::kRd, true);
  // The name as the app wrote it (case kept), made absolute.
  const std::string qname = lookup->name.back() == '.' ? lookup->name : lookup->name + ".";
  lookup->query.questions.push_back({qname, DnsType::A, wire::kDnsClassIn});
  lookup->exchanges.resize(lookup->servers.size());
  Lookup& l = *lookup;
  lookups_.emplace(l.serial, std::move(lookup));
  next_attempt(l);
}

void StubResolver::next_attempt(Lookup& l) {
  const int n = static_cast<int>(l.servers.size());
  while (l.attempt < n * kAttempts) {
    const auto index = static_cast<size_t>(l.attempt % n);
    ++l.attempt;
    auto& exchange = l.exchanges[index];
    if (!exchange)
      exchange = std::make_unique<DnsExchange>(host_.sockets().udp(), host_.node().ctx(),
                                               host_.node().name(), l.servers[index], l.query);
    const uint64_t serial = l.serial;
    const bool sent = exchange->send(
        kTimeout, [this, serial, index](DnsExchange::Outcome o, const DnsMessage* m) {
          const auto it = lookups_.find(serial);
          if (it != lookups_.end()) answered(*it->second, index, o, m);
        });
    explain([&] {
      return "query " + l.name + " A to " + l.servers[index].to_string() + " (id " +
             std::to_string(l.query.header.id) + ", try " +
             std::to_string((l.attempt - 1) / n + 1) + " of " + std::to_string(kAttempts) + ")" +
             (sent ? "" : ": cannot send, no route");
    });
    if (sent) return;
  }
  explain([&] { return "no server answered " + l.name; });
  finish(l, std::nullopt);
}

void StubResolver::answered(Lookup& l, size_t index, DnsExchange::Outcome outcome,
                            const DnsMessage* m) {
  const std::string server = l.servers[index].to_string();
  if (outcome != DnsExchange::Outcome::Answer) {
    explain([&] { return l.exchanges[index]->failure(outcome); });
    return next_attempt(l);
  }
  const DnsRcode rcode = m->header.rcode();
  if (rcode == DnsRcode::NxDomain) {
    const std::string cached = cache_.add_negative_answer(l.name, DnsType::A, *m);
    explain([&] { return "NXDOMAIN for " + l.name + " from " + server + ", " + cached; });
    return finish(l, std::nullopt);
  }
  if (rcode != DnsRcode::NoError) {
    explain([&] { return to_string(rcode) + " from " + server + ", next server"; });
    return next_attempt(l);
  }
  cache_.add_all(m->answers);
  // glibc's getanswer_r: the A records at the end of the name's CNAMEs, inside this answer.
  const wire::DnsChain chain = wire::follow_cnames(m->answers, l.name, DnsType::A);
  if (chain.records.empty()) {
    const std::string cached = cache_.add_negative_answer(l.name, DnsType::A, *m);
    explain(
        [&] { return "no A record for " + l.name + " from " + server + " (NODATA), " + cached; });
    return finish(l, std::nullopt);
  }
  explain([&] {
    uint32_t ttl = UINT32_MAX;
    for (const DnsRecord& r : m->answers) ttl = std::min(ttl, r.ttl);
    return "answer " + l.name + " A " + chain.records.front().address.to_string() + " from " +
           server + (ttl ? ", cached " + std::to_string(ttl) + " s" : ", ttl 0: not cached");
  });
  finish(l, chain.records.front().address);
}

void StubResolver::finish(Lookup& l, std::optional<Ipv4Address> address) {
  Done done = std::move(l.done);
  const uint64_t serial = l.serial;
  lookups_.erase(serial);  // closes its sockets
  complete(std::move(done), address);
}

}  // namespace netsim::devices
