// DNS engines without links: master-file lines, authoritative answers, and
// the cache's TTL arithmetic.
#include <catch2/catch.hpp>

#include "devices/dns/dns_authority.h"
#include "devices/dns/dns_cache.h"
#include "devices/dns/dns_zone.h"
#include "sim/core/context.h"

using namespace netsim;
using namespace netsim::devices;
using wire::DnsRcode;
using wire::DnsRecord;
using wire::DnsType;

namespace {

DnsZone zone(std::string origin, std::vector<std::string> lines) {
  DnsZone z{wire::dns_canonical(origin), {}};
  std::optional<uint32_t> ttl;
  for (const std::string& line : lines) {
    auto parsed = parse_zone_line(line, z.origin, ttl);
    REQUIRE(std::holds_alternative<DnsRecord>(parsed));
    z.records.push_back(std::get<DnsRecord>(parsed));
  }
  return z;
}

ZoneLineError line_error(std::string_view line, std::optional<uint32_t> ttl = std::nullopt) {
  auto parsed = parse_zone_line(line, "jd.com.", ttl);
  REQUIRE(std::holds_alternative<ZoneLineError>(parsed));
  return std::get<ZoneLineError>(parsed);
}

DnsAuthority jd_authority() {
  return DnsAuthority(
      {zone("jd.com.", {"jd.com. 3600 SOA ns1 hostmaster 1 7200 3600 1209600 300", "jd.com. NS ns1",
                        "ns1 A 198.51.100.30", "www 300 A 203.0.113.80", "shop CNAME www",
                        "cdn CNAME www.jdcdn.net.", "a.b.c 60 A 10.0.0.1", "corp NS ns.corp",
                        "ns.corp 3600 A 10.9.9.9"})});
}

}  // namespace

TEST_CASE("TTLs: seconds and BIND's units", "[dns]") {
  CHECK(parse_dns_ttl("300") == 300u);
  CHECK(parse_dns_ttl("1h") == 3600u);
  CHECK(parse_dns_ttl("5m") == 300u);
  CHECK(parse_dns_ttl("1h30m") == 5400u);
  CHECK(parse_dns_ttl("2D") == 172800u);
  CHECK(parse_dns_ttl("1w") == 604800u);
  CHECK_FALSE(parse_dns_ttl(""));
  CHECK_FALSE(parse_dns_ttl("h"));
  CHECK_FALSE(parse_dns_ttl("1h30"));
  CHECK_FALSE(parse_dns_ttl("2147483648"));
  CHECK_FALSE(parse_dns_ttl("A"));
}

TEST_CASE("Zone lines: origin-relative names, '@', class and TTL in either order, TTL inherited",
          "[dns]") {
  const DnsZone z = zone("jd.com", {"@ IN 1h NS ns1", "ns1 A 198.51.100.30",
                                    "WWW.jd.com. 300 IN A 203.0.113.80", "shop CNAME www"});
  REQUIRE(z.records.size() == 4);
  CHECK(z.records[0].to_string() == "jd.com. 3600 IN NS ns1.jd.com.");
  CHECK(z.records[1].to_string() == "ns1.jd.com. 3600 IN A 198.51.100.30");
  CHECK(z.records[2].to_string() == "www.jd.com. 300 IN A 203.0.113.80");
  CHECK(z.records[3].to_string() == "shop.jd.com. 300 IN CNAME www.jd.com.");
  const DnsZone root =
      zone(".", {". 518400 NS a.root-servers.net.", "com 172800 NS a.gtld-servers.net."});
  CHECK(root.records[1].name == "com.");
}

TEST_CASE("Zone lines: each mistake names its column", "[dns]") {
  CHECK(line_error("www.jd.com. A 1.2.3.4").column == 12);  // no TTL yet: at the type
  CHECK(line_error("www.jd.com. 300 A 1.2.3.999").column == 18);
  CHECK(line_error("www.jd.com. 300 MX 10 mail").what == "record type 'MX' is not supported");
  CHECK(line_error("www.jd.com. 3x A 1.2.3.4").what == "'3x' is not a TTL");
  CHECK(line_error("www.example.org. 300 A 1.2.3.4").what ==
        "'www.example.org.' is outside the zone jd.com.");
  CHECK(line_error("www.jd.com. 300 A 1.2.3.4 extra").column == 26);
  CHECK(line_error("jd.com. 300 SOA ns1 host 1 2 3 4").what.find("needs mname rname") !=
        std::string::npos);
  CHECK(line_error("www..jd.com. 300 A 1.2.3.4").column == 0);
}

TEST_CASE("Authority: answers, CNAME chains inside the zone, referrals with glue", "[dns]") {
  const DnsAuthority auth = jd_authority();
  const DnsAnswer www = auth.answer("WWW.jd.com", DnsType::A);
  CHECK(www.authoritative);
  REQUIRE(www.answers.size() == 1);
  CHECK(www.answers[0].address == *wire::Ipv4Address::parse("203.0.113.80"));

  const DnsAnswer shop = auth.answer("shop.jd.com.", DnsType::A);
  REQUIRE(shop.answers.size() == 2);
  CHECK(shop.answers[0].type == DnsType::Cname);
  CHECK(shop.answers[1].name == "www.jd.com.");

  const DnsAnswer cdn = auth.answer("cdn.jd.com.", DnsType::A);  // the target is not ours
  REQUIRE(cdn.answers.size() == 1);
  CHECK(cdn.rcode == DnsRcode::NoError);

  const DnsAnswer corp = auth.answer("host.corp.jd.com.", DnsType::A);
  CHECK_FALSE(corp.authoritative);
  CHECK(corp.answers.empty());
  REQUIRE(corp.authority.size() == 1);
  CHECK(corp.authority[0].target == "ns.corp.jd.com.");
  REQUIRE(corp.additional.size() == 1);
  CHECK(corp.additional[0].address == *wire::Ipv4Address::parse("10.9.9.9"));
}

TEST_CASE("Authority: NXDOMAIN and NODATA carry the SOA with min(TTL, MINIMUM)", "[dns]") {
  const DnsAuthority auth = jd_authority();
  const DnsAnswer nx = auth.answer("nope.jd.com.", DnsType::A);
  CHECK(nx.rcode == DnsRcode::NxDomain);
  CHECK(nx.authoritative);
  REQUIRE(nx.authority.size() == 1);
  CHECK(nx.authority[0].ttl == 300);  // SOA TTL 3600, MINIMUM 300
  const DnsAnswer nodata = auth.answer("www.jd.com.", DnsType::Aaaa);
  CHECK(nodata.rcode == DnsRcode::NoError);
  CHECK(nodata.answers.empty());
  CHECK(nodata.authority.size() == 1);
  // b.c.jd.com. holds nothing but a name below it: it exists (RFC 8020)
  CHECK(auth.answer("b.c.jd.com.", DnsType::A).rcode == DnsRcode::NoError);
  CHECK_FALSE(auth.holds("www.example.org."));
  CHECK(auth.holds("JD.com"));
  const DnsAuthority no_soa({zone("x.test.", {"x.test. 60 NS ns.x.test."})});
  const DnsAnswer bare = no_soa.answer("y.x.test.", DnsType::A);
  CHECK(bare.rcode == DnsRcode::NxDomain);
  CHECK(bare.authority.empty());
}

TEST_CASE("Cache: remaining TTL rounds down, the record is gone when it reaches 0", "[dns]") {
  Context ctx(1);
  DnsCache cache(ctx, "n");
  const DnsZone z = zone("jd.com.", {"www 10 A 203.0.113.80", "shop 300 CNAME www"});
  cache.add({z.records[0]});
  cache.add({z.records[1]});
  ctx.scheduler().advance_to(milliseconds(2500));
  auto hit = cache.lookup("SHOP.jd.com", DnsType::A);
  REQUIRE(hit.result == DnsCacheLookup::Result::Answer);
  REQUIRE(hit.records.size() == 2);
  CHECK(hit.records[0].ttl == 297);
  CHECK(hit.records[1].ttl == 7);  // 7.5 s left
  ctx.scheduler().advance_to(milliseconds(9001));
  CHECK(cache.lookup("www.jd.com", DnsType::A).result ==
        DnsCacheLookup::Result::Miss);  // 0.999 s left: 0
  CHECK(cache.holds("shop.jd.com"));
  CHECK_FALSE(cache.holds("www.jd.com"));
  const DnsCacheLookup partial = cache.lookup("shop.jd.com", DnsType::A);
  CHECK(partial.result == DnsCacheLookup::Result::Miss);
  CHECK(partial.last == "www.jd.com.");
}

TEST_CASE("Cache: negative answers for the SOA's TTL; NXDOMAIN covers every type", "[dns]") {
  Context ctx(1);
  DnsCache cache(ctx, "n");
  const DnsAuthority auth = jd_authority();
  const DnsRecord soa = auth.answer("nope.jd.com.", DnsType::A).authority[0];
  cache.add_negative("nope.jd.com.", DnsType::A, true, soa);
  cache.add_negative("www.jd.com.", DnsType::Aaaa, false, soa);
  CHECK(cache.lookup("nope.jd.com", DnsType::Aaaa).result == DnsCacheLookup::Result::NxDomain);
  CHECK(cache.lookup("www.jd.com", DnsType::Aaaa).result == DnsCacheLookup::Result::NoData);
  CHECK(cache.lookup("www.jd.com", DnsType::A).result == DnsCacheLookup::Result::Miss);
  ctx.scheduler().advance_to(seconds(299) + milliseconds(1));
  CHECK_FALSE(cache.holds("nope.jd.com"));
  DnsRecord zero = soa;
  zero.ttl = 0;
  cache.add_negative("gone.jd.com.", DnsType::A, true, zero);  // TTL 0: not cached
  CHECK_FALSE(cache.holds("gone.jd.com"));
}
