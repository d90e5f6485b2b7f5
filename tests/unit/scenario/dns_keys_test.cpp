// The DNS keys: dns_server (zones, recursion, root_hints, forwarders, cache),
// a host's dns list, clear_dns_cache, dns_cache expectations and the qname and
// rcode frame filters; and what the loader refuses, with file:line:col.
#include <catch2/catch.hpp>

#include "sim/scenario/loader.h"
#include "tests/unit/scenario/check_error.h"

using namespace netsim;
using namespace netsim::scenario;
using netsim::test::check_error;

namespace {

const char* const kBase = R"(name: t
nodes:
  pc1: {kind: host, interfaces: {eth0: {ip: 10.0.0.1/24}}, dns: [10.0.0.53, 10.0.0.54]}
  sw1: {kind: switch}
  ns:
    kind: host
    interfaces: {eth0: {ip: 10.0.0.53/24}}
    dns_server:
)";
const char* const kLinks = "links:\n  - [pc1:eth0, sw1:p1]\n  - [ns:eth0, sw1:p2]\n";

std::string dns_scenario(const std::string& server, const std::string& rest = "") {
  return std::string(kBase) + server + kLinks + rest;
}

}  // namespace

TEST_CASE("dns_server, dns, clear_dns_cache, dns_cache, qname and rcode land in the model") {
  const Scenario s = load_scenario_text(
      dns_scenario(
          "      recursion: iterative\n      root_hints: [198.41.0.4]\n      cache: false\n"
          "      zones:\n        - origin: jd.com\n          records: [\"@ 1h NS ns\", \"ns A "
          "10.0.0.53\"]\n",
          "events:\n  - {at: 1s, clear_dns_cache: pc1}\n"
          "expect:\n  - {node: pc1, dns_cache: {www.jd.com: 1.2.3.4, nope.jd.com: NXDOMAIN, "
          "x.jd.com: none}}\n"
          "  - {frames: {proto: dns, type: response, qname: WWW.jd.com., rcode: NXDOMAIN}, count: "
          "1}\n"
          "  - sequence: {at: pc1:eth0, frames: [dns query, dns response]}\n"),
      "t.yaml");
  const NodeSpec& pc1 = *s.find_node("pc1");
  CHECK(pc1.dns.size() == 2);
  const NodeSpec& ns = *s.find_node("ns");
  REQUIRE(ns.dns_server);
  CHECK(ns.dns_server->recursion == devices::DnsRecursion::Iterative);
  CHECK_FALSE(ns.dns_server->cache);
  REQUIRE(ns.dns_server->zones.size() == 1);
  CHECK(ns.dns_server->zones[0].origin == "jd.com.");
  CHECK(ns.dns_server->zones[0].records[1].to_string() == "ns.jd.com. 3600 IN A 10.0.0.53");
  CHECK(s.events[0].kind == EventSpec::Kind::ClearDnsCache);
  REQUIRE(s.expects.size() == 3);
  CHECK(s.expects[0].tables().dns_cache.size() == 3);
  CHECK(s.expects[1].tables().filter.qname == "WWW.jd.com.");
  CHECK(s.expects[1].tables().filter.rcode == "NXDOMAIN");
}

TEST_CASE("dns_server mistakes point at their place") {
  check_error(dns_scenario("      recursion: recursive\n"), 9, 18,
              "recursion 'recursive' is not one of none, forward, iterative");
  check_error(dns_scenario("      recursion: forward\n"), 9, 7,
              "recursion: forward needs forwarders");
  check_error(dns_scenario("      root_hints: [198.41.0.4]\n"), 9, 19,
              "root_hints is used only with recursion: iterative");
  check_error(dns_scenario("      zones:\n        - origin: jd.com.\n          records:\n          "
                           "  - \"www 300 A 1.2.3\"\n"),
              12, 26, "zone jd.com.: '1.2.3' is not an IPv4 address");
  check_error(dns_scenario("      zones:\n        - origin: jd.com.\n          records:\n          "
                           "  - www A 1.2.3.4\n"),
              12, 19, "has no TTL and none is stated above it");
  check_error(dns_scenario("      zones:\n        - origin: jd..com\n          records: []\n"), 10,
              19, "is not a domain name");
  check_error(dns_scenario("", "expect:\n  - {node: pc1, dns_cache: {www.jd.com: somewhere}}\n"),
              13, 41, "dns_cache entry 'somewhere' is not an address, none or NXDOMAIN");
  check_error(dns_scenario("", "expect:\n  - {frames: {proto: tcp, qname: a.b}, count: 1}\n"), 13,
              34, "qname goes with proto dns, not tcp");
  check_error(dns_scenario("", "expect:\n  - {frames: {proto: dns, rcode: NXDOMAINE}, count: 1}\n"),
              13, 34, "rcode");
  check_error(dns_scenario("", "events:\n  - {at: 1s, clear_dns_cache: sw1}\n"), 13, 31,
              "needs a node with IP");
}
