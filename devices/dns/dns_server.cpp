// The DNS server: queries in, answers out, resolutions in between. Every
// step of a lookup is a decision ("cache hit", "referral to com. via ...",
// "cached 300 s") and every cache row a table change.
#include "devices/dns/dns_server.h"

#include <algorithm>

#include "devices/ip_host.h"

namespace netsim::devices {

using wire::DnsMessage;
using wire::DnsRcode;
using wire::DnsRecord;
using wire::DnsType;
using wire::Ipv4Address;

namespace {

std::string rdata_list(const std::vector<DnsRecord>& records) {
  std::string text;
  for (const DnsRecord& r : records)
    text += (text.empty() ? "" : ", ") + wire::to_string(r.type) + " " + r.rdata_text();
  return text;
}

}  // namespace

std::string_view to_string(DnsRecursion mode) {
  switch (mode) {
    case DnsRecursion::None:
      return "none";
    case DnsRecursion::Forward:
      return "forward";
    case DnsRecursion::Iterative:
      return "iterative";
  }
  return "?";
}

DnsServer::DnsServer(IpHost& host, DnsServerConfig config)
    : host_(host),
      config_(std::move(config)),
      authority_(config_.zones),
      cache_(host.node().ctx(), host.node().name()),
      ids_(host.node().ctx().stream("dns-server:" + host.node().name())) {
  host_.sockets().udp().attach(wire::kDnsPort, *this);
}

DnsServer::~DnsServer() { host_.sockets().udp().detach(wire::kDnsPort); }

template <typename MakeText>
void DnsServer::explain(MakeText&& make_text) const {
  Context& ctx = host_.node().ctx();
  ctx.trace().decision(ctx.now(), Layer::Application, host_.node().name(), "",
                       [&] { return "dns server: " + make_text(); });
}

void DnsServer::receive(const UdpArrival& arrival) {
  const auto query = DnsMessage::parse(arrival.udp.payload);
  const SocketAddress from{arrival.ip.src, arrival.udp.src_port};
  if (!query || query->header.qr()) {  // answers come back to the exchanges' own ports, never to 53
    explain([&] {
      return std::string("datagram from ") + from.to_string() +
             " dropped: " + (query ? "not a query" : "malformed");
    });
    return;
  }
  Client c{from, arrival.ip.dst, query->header.id, query->header.rd(), {}};
  if (query->header.opcode() != 0 || query->questions.size() != 1) {
    if (!query->questions.empty()) c.question = query->questions.front();
    respond(c, query->header.opcode() != 0 ? DnsRcode::NotImp : DnsRcode::FormErr, false, {}, {},
            {});
    return;
  }
  c.question = query->questions.front();
  const std::string& name = c.question.name;
  explain([&] {
    return "query " + name + " " + wire::to_string(c.question.type) + " from " + from.to_string();
  });
  if (authority_.holds(name)) {
    DnsAnswer a = authority_.answer(name, c.question.type);
    explain([&] { return "authoritative: " + a.how; });
    respond(c, a.rcode, a.authoritative, std::move(a.answers), std::move(a.authority),
            std::move(a.additional));
    return;
  }
  if (config_.recursion == DnsRecursion::None || !c.rd) {
    explain([&] {
      return name + " is outside our zones and we " +
             (config_.recursion == DnsRecursion::None ? "do not recurse"
                                                      : "were not asked to recurse") +
             ": REFUSED";
    });
    respond(c, DnsRcode::Refused, false, {}, {}, {});
    return;
  }
  answer_from_cache_or_resolve(std::move(c));
}

void DnsServer::answer_from_cache_or_resolve(Client c) {
  const std::string name = wire::dns_canonical(c.question.name);
  const DnsType type = c.question.type;
  const DnsCacheLookup hit = cache_.lookup(name, type);
  using R = DnsCacheLookup::Result;
  if (hit.result != R::Miss) {
    explain([&] {
      return "cache hit " + name + " " +
             (hit.result == R::Answer ? rdata_list(hit.records) + " (ttl " +
                                            std::to_string(hit.records.back().ttl) + ")"
              : hit.result == R::NxDomain ? "NXDOMAIN (ttl " + std::to_string(hit.soa->ttl) + ")"
                                          : "NODATA (ttl " + std::to_string(hit.soa->ttl) + ")");
    });
    std::vector<DnsRecord> authority;
    if (hit.soa) authority.push_back(*hit.soa);
    respond(c, hit.result == R::NxDomain ? DnsRcode::NxDomain : DnsRcode::NoError, false,
            hit.records, authority, {});
    return;
  }
  // Someone asked this already: wait for the same answer (no second iteration).
  for (auto& [serial, r] : resolutions_)
    if (!r->parent && r->qname == name && r->type == type) {
      const bool repeat = std::any_of(r->clients.begin(), r->clients.end(), [&](const Client& k) {
        return k.from == c.from && k.id == c.id;
      });
      explain([&] {
        return "cache miss " + name + ": " +
               (repeat ? "a retransmission" : "joins the resolution") + " in progress";
      });
      if (!repeat) r->clients.push_back(std::move(c));
      return;
    }
  if (!hit.records.empty())
    explain([&] {
      return "cache hit " + name + " " + rdata_list(hit.records) + ", " + hit.last + " not cached";
    });
  else
    explain([&] { return "cache miss " + name + " " + wire::to_string(type); });
  Resolution& r = begin(name, type, hit.records, 0);
  r.clients.push_back(std::move(c));
  start_at(r, hit.last);
}

void DnsServer::respond(const Client& c, DnsRcode rcode, bool authoritative,
                        std::vector<DnsRecord> answers, std::vector<DnsRecord> authority,
                        std::vector<DnsRecord> additional) {
  DnsMessage m;
  m.header.id = c.id;
  m.header.set(wire::DnsHeader::kQr, true);
  m.header.set(wire::DnsHeader::kAa, authoritative);
  m.header.set(wire::DnsHeader::kRd, c.rd);
  m.header.set(wire::DnsHeader::kRa, config_.recursion != DnsRecursion::None);
  m.header.set_rcode(rcode);
  if (!c.question.name.empty()) m.questions.push_back(c.question);
  m.answers = std::move(answers);
  m.authority = std::move(authority);
  m.additional = std::move(additional);
  std::vector<uint8_t> bytes(m.buffer_len());
  m.emit(bytes);
  explain([&] {
    return "answer " + c.from.to_string() + ": " + to_string(rcode) + (authoritative ? " AA" : "") +
           (m.answers.empty() ? "" : " " + rdata_list(m.answers));
  });
  host_.sockets().udp().send_from({c.local, wire::kDnsPort}, c.from, bytes);
}

DnsServer::Resolution& DnsServer::begin(std::string name, DnsType type,
                                        std::vector<DnsRecord> chain, int depth) {
  auto r = std::make_unique<Resolution>();
  r->serial = next_serial_++;
  r->qname = std::move(name);
  r->type = type;
  r->chain = std::move(chain);
  r->depth = depth;
  Resolution& ref = *r;
  resolutions_.emplace(ref.serial, std::move(r));
  return ref;
}

void DnsServer::start_at(Resolution& r, std::string name) {
  r.current = std::move(name);
  r.next_server = 0;
  if (config_.recursion == DnsRecursion::Forward) {
    r.zone.clear();
    r.servers = config_.forwarders;
    return ask(r);
  }
  // The closest enclosing delegation whose servers' addresses are cached.
  for (std::optional<std::string> zone = r.current; zone; zone = wire::dns_parent(*zone)) {
    std::vector<Ipv4Address> servers;
    for (const DnsRecord& ns : cache_.find(*zone, DnsType::Ns))
      for (const DnsRecord& a : cache_.find(ns.target, DnsType::A)) servers.push_back(a.address);
    if (servers.empty()) continue;
    r.zone = *zone;
    r.servers = std::move(servers);
    explain([&] { return "closest delegation for " + r.current + " is " + r.zone + " (cached)"; });
    return ask(r);
  }
  r.zone = ".";
  r.servers = config_.root_hints;
  ask(r);
}

void DnsServer::ask(Resolution& r) {
  if (r.next_server >= r.servers.size() || r.queries >= kMaxQueries) {
    explain([&] {
      return r.queries >= kMaxQueries
                 ? "gave up on " + r.qname + " after " + std::to_string(r.queries) + " queries"
                 : "no server " +
                       (r.zone.empty() ? std::string("of the forwarders") : "of " + r.zone) +
                       " answered for " + r.current;
    });
    return finish(r, {DnsRcode::ServFail, {}, {}});
  }
  const Ipv4Address server = r.servers[r.next_server++];
  ++r.queries;
  DnsMessage q;
  q.header.id = static_cast<uint16_t>(ids_.uniform(0, 0xffff));
  q.header.set(wire::DnsHeader::kRd, config_.recursion == DnsRecursion::Forward);
  q.questions.push_back({r.current, r.type, wire::kDnsClassIn});
  explain([&] {
    const std::string whom = r.zone.empty() ? "forwarder"
                             : r.zone == "." && r.servers == config_.root_hints
                                 ? "root hint"
                                 : "server of " + r.zone;
    return "ask " + whom + " " + server.to_string() + " for " + r.current + " " +
           wire::to_string(r.type) + (config_.recursion == DnsRecursion::Forward ? " (RD)" : "");
  });
  r.exchange = std::make_unique<DnsExchange>(host_.sockets().udp(), host_.node().ctx(),
                                             host_.node().name(), server, std::move(q));
  const uint64_t serial = r.serial;
  const bool sent =
      r.exchange->send(kQueryTimeout, [this, serial](DnsExchange::Outcome o, const DnsMessage* m) {
        if (const auto it = resolutions_.find(serial); it != resolutions_.end())
          answered(*it->second, o, m);
      });
  if (!sent) {
    explain([&] { return "cannot send to " + server.to_string() + ": no route"; });
    ask(r);
  }
}

void DnsServer::answered(Resolution& r, DnsExchange::Outcome outcome, const DnsMessage* m) {
  const std::string server = r.exchange->server().to_string();
  if (outcome != DnsExchange::Outcome::Answer) {
    explain([&] { return r.exchange->failure(outcome) + ", next server"; });
    return ask(r);
  }
  const DnsRcode rcode = m->header.rcode();
  if (rcode == DnsRcode::NxDomain) {
    const std::string cached = negative(r, *m);
    explain([&] { return "NXDOMAIN for " + r.current + " from " + server + ", " + cached; });
    return finish(r, {DnsRcode::NxDomain, r.chain, wire::authority_soa(*m)});
  }
  if (rcode != DnsRcode::NoError) {
    explain([&] { return to_string(rcode) + " from " + server + ", next server"; });
    return ask(r);
  }
  if (config_.cache && !m->answers.empty()) {
    cache_.add_all(m->answers);
    explain([&] {
      uint32_t ttl = UINT32_MAX;
      for (const DnsRecord& a : m->answers) ttl = std::min(ttl, a.ttl);
      return rdata_list(m->answers) + " from " + server + " cached " + std::to_string(ttl) + " s";
    });
  }
  // Walk the answer from the name asked through its CNAMEs.
  wire::DnsChain chain = wire::follow_cnames(m->answers, r.current, r.type);
  if (r.chain.size() + chain.cnames.size() > kMaxChain) {
    explain([&] { return "CNAME chain longer than " + std::to_string(kMaxChain) + ": SERVFAIL"; });
    return finish(r, {DnsRcode::ServFail, {}, {}});
  }
  r.chain.insert(r.chain.end(), chain.cnames.begin(), chain.cnames.end());
  const std::string& name = chain.last;
  const std::vector<DnsRecord>& finals = chain.records;
  if (!finals.empty()) {
    std::vector<DnsRecord> answers = r.chain;
    answers.insert(answers.end(), finals.begin(), finals.end());
    return finish(r, {DnsRcode::NoError, std::move(answers), {}});
  }
  if (name != r.current) {  // the chain leaves the zone that answered: resolve the target afresh
    explain([&] { return "CNAME " + r.current + " -> " + name + ": restart at " + name; });
    return start_at(r, name);
  }
  if (config_.recursion == DnsRecursion::Iterative && follow_referral(r, *m, server)) return;
  if (const auto soa = wire::authority_soa(*m); soa || m->header.aa()) {
    const std::string cached = negative(r, *m);
    explain([&] {
      return "no " + wire::to_string(r.type) + " record for " + r.current + " (NODATA), " + cached;
    });
    return finish(r, {DnsRcode::NoError, r.chain, soa});
  }
  explain([&] { return server + " gave neither an answer nor a referral (lame), next server"; });
  ask(r);
}

std::string DnsServer::negative(const Resolution& r, const DnsMessage& m) {
  return config_.cache ? cache_.add_negative_answer(r.current, r.type, m)
                       : "not cached (cache off)";
}

bool DnsServer::follow_referral(Resolution& r, const DnsMessage& m, const std::string& server) {
  std::vector<DnsRecord> ns;
  for (const DnsRecord& a : m.authority)
    if (a.type == DnsType::Ns && wire::dns_name_under(r.current, a.name) &&
        !wire::dns_name_equal(a.name, r.zone) && wire::dns_name_under(a.name, r.zone) &&
        (ns.empty() || wire::dns_name_equal(a.name, ns.front().name)))
      ns.push_back(a);
  if (ns.empty()) return false;
  const std::string cut = wire::dns_canonical(ns.front().name);
  // Glue: only addresses of the name servers just named (RFC 2181 §5.4.1's bailiwick).
  std::vector<DnsRecord> glue;
  std::vector<Ipv4Address> servers;
  for (const DnsRecord& n : ns)
    for (const DnsRecord& a : m.additional)
      if (a.type == DnsType::A && wire::dns_name_equal(a.name, n.target)) {
        glue.push_back(a);
        servers.push_back(a.address);
      }
  if (config_.cache) {
    cache_.add(ns);
    cache_.add_all(glue);
  }
  explain([&] {
    return "referral to " + cut + " via " +
           (servers.empty() ? "(no glue)" : servers.front().to_string()) + " from " + server +
           (config_.cache ? ", NS cached " + std::to_string(ns.front().ttl) + " s" : "");
  });
  r.zone = cut;
  r.next_server = 0;
  if (!servers.empty()) {
    r.servers = std::move(servers);
    ask(r);
    return true;
  }
  // No glue: find the first name server's address, then go on from there.
  if (r.depth >= kMaxDepth) {
    finish(r, {DnsRcode::ServFail, {}, {}});
    return true;
  }
  const std::string target = wire::dns_canonical(ns.front().target);
  explain([&] { return "look up the address of " + target + " first"; });
  const uint64_t parent = r.serial;
  Resolution& child = begin(target, DnsType::A, {}, r.depth + 1);
  child.parent = parent;
  r.servers.clear();
  start_at(child, target);
  return true;
}

void DnsServer::finish(Resolution& r, Outcome outcome) {
  const uint64_t serial = r.serial;
  if (r.parent) {
    const auto parent = resolutions_.find(*r.parent);
    resolutions_.erase(serial);
    if (parent == resolutions_.end()) return;
    Resolution& p = *parent->second;
    for (const DnsRecord& a : outcome.answers)
      if (a.type == DnsType::A) p.servers.push_back(a.address);
    p.next_server = 0;
    return ask(p);  // with no address found, ask() ends it with SERVFAIL
  }
  std::vector<Client> clients = std::move(r.clients);
  resolutions_.erase(serial);  // before answering: a client's retransmission then starts afresh
  std::vector<DnsRecord> authority;
  if (outcome.soa) authority.push_back(*outcome.soa);
  for (const Client& c : clients) {
    std::vector<DnsRecord> answers = outcome.answers;
    respond(c, outcome.rcode, false, std::move(answers), authority, {});
  }
}

}  // namespace netsim::devices
