// DNS: known messages from the Linux oracle (glibc query, dnsmasq answers),
// round trips with compression, and rejects of hostile names.
#include "sim/wire/dns.h"

#include <catch2/catch.hpp>

#include "sim/wire/bytes.h"

using namespace netsim::wire;

namespace {

std::vector<uint8_t> hex_bytes(std::string_view hex) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<uint8_t>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

// /work/shared/oracle/08-dns/gethostbyname.pcap frames 3 and 4, nxdomain.pcap frame 2.
const auto kQuery =
    hex_bytes("c59b0100000100000000000003777777076578616d706c6504746573740000010001");
const auto kAnswer = hex_bytes(
    "c59b8580000100010000000003777777076578616d706c6504746573740000010001c00c00010001000000000004c0"
    "a80f50");
const auto kNxdomain =
    hex_bytes("584f81830001000000000000046e6f7065076578616d706c6504746573740000010001");

std::vector<uint8_t> emitted(const DnsMessage& m) {
  std::vector<uint8_t> out(m.buffer_len() + 4, 0xa5);
  m.emit(std::span(out).first(m.buffer_len()));
  CHECK(out[m.buffer_len()] == 0xa5);  // wrote exactly buffer_len bytes
  out.resize(m.buffer_len());
  return out;
}

}  // namespace

TEST_CASE("DnsMessage parses glibc's query and re-emits it byte for byte", "[dns]") {
  const auto m = DnsMessage::parse(kQuery);
  REQUIRE(m);
  CHECK(m->header.id == 0xc59b);
  CHECK(m->header.rd());
  CHECK_FALSE(m->header.qr());
  REQUIRE(m->questions.size() == 1);
  CHECK(m->questions[0] == DnsQuestion{"www.example.test.", DnsType::A, kDnsClassIn});
  CHECK(emitted(*m) == kQuery);
  CHECK(dns_summary(kQuery) == "50587+ A? www.example.test. (34)");
}

TEST_CASE("DnsMessage parses dnsmasq's answer, compressing the owner as 0xc00c", "[dns]") {
  const auto m = DnsMessage::parse(kAnswer);
  REQUIRE(m);
  CHECK(m->header.aa());
  CHECK(m->header.ra());
  CHECK(m->header.rcode() == DnsRcode::NoError);
  REQUIRE(m->answers.size() == 1);
  CHECK(m->answers[0].name == "www.example.test.");
  CHECK(m->answers[0].address == *Ipv4Address::parse("192.168.15.80"));
  CHECK(m->answers[0].ttl == 0);
  CHECK(emitted(*m) == kAnswer);
  CHECK(dns_summary(kAnswer) == "50587* 1/0/0 A 192.168.15.80 (50)");
}

TEST_CASE("An NXDOMAIN answer reads as tcpdump prints it", "[dns]") {
  const auto m = DnsMessage::parse(kNxdomain);
  REQUIRE(m);
  CHECK(m->header.rcode() == DnsRcode::NxDomain);
  CHECK(to_string(m->header.rcode()) == "NXDOMAIN");
  CHECK(dns_summary(kNxdomain) == "22607 NXDomain 0/0/0 (35)");
  const auto s = DnsSummary::parse(kNxdomain);
  REQUIRE(s);
  CHECK(s->qname.view() == "nope.example.test.");
}

TEST_CASE("DnsMessage round-trips every typed record and opaque ones, compressing names", "[dns]") {
  DnsMessage m;
  m.header.id = 12345;
  m.header.set(DnsHeader::kQr, true);
  m.header.set(DnsHeader::kAa, true);
  m.header.set_rcode(DnsRcode::NxDomain);
  m.questions.push_back({"Shop.JD.com.", DnsType::A, kDnsClassIn});
  DnsRecord cname{"shop.jd.com.", DnsType::Cname, kDnsClassIn, 300, {}, "www.jd.com.", {}, {}};
  DnsRecord a{
      "www.jd.com.", DnsType::A, kDnsClassIn, 300, *Ipv4Address::parse("203.0.113.80"), {}, {}, {}};
  DnsRecord soa{"jd.com.",
                DnsType::Soa,
                kDnsClassIn,
                300,
                {},
                {},
                {"ns1.jd.com.", "hostmaster.jd.com.", 2024060101, 7200, 3600, 1209600, 300},
                {}};
  DnsRecord ns{"jd.com.", DnsType::Ns, kDnsClassIn, 3600, {}, "ns1.jd.com.", {}, {}};
  DnsRecord txt{"jd.com.", DnsType::Txt, kDnsClassIn, 60, {}, {}, {}, {3, 'a', 'b', 'c'}};
  m.answers = {cname, a};
  m.authority = {soa, ns};
  m.additional = {txt};
  const auto bytes = emitted(m);
  const auto back = DnsMessage::parse(bytes);
  REQUIRE(back);
  DnsMessage expected = m;
  expected.header.qdcount = 1;
  expected.header.ancount = 2;
  expected.header.nscount = 2;
  expected.header.arcount = 1;
  CHECK(*back == expected);
  // Spelled out, the names would take 211 bytes; pointers save over 50.
  CHECK(bytes.size() < 160);
  CHECK(dns_summary(bytes) == "12345 NXDomain*- 2/2/1 CNAME www.jd.com., A 203.0.113.80 (" +
                                  std::to_string(bytes.size()) + ")");
}

TEST_CASE("Names: escapes, case, parents and containment", "[dns]") {
  CHECK(dns_name_equal("WWW.jd.com", "www.jd.com."));
  CHECK(dns_canonical("Jd.Com") == "jd.com.");
  CHECK(dns_name_under("www.jd.com.", "jd.com."));
  CHECK(dns_name_under("jd.com.", "jd.com."));
  CHECK_FALSE(dns_name_under("xjd.com.", "jd.com."));
  CHECK(dns_name_under("com.", "."));
  CHECK(dns_parent("www.jd.com.") == "jd.com.");
  CHECK(dns_parent("com.") == ".");
  CHECK_FALSE(dns_parent("."));
  CHECK(dns_name_valid("a\\.b.example."));
  CHECK_FALSE(dns_name_valid("a..b."));
  CHECK_FALSE(dns_name_valid(std::string(64, 'x') + ".com."));
  // A label holding a dot and a space survives the round trip as escapes.
  DnsMessage m;
  m.questions.push_back({"a\\.b\\032c.example.", DnsType::A, kDnsClassIn});
  const auto back = DnsMessage::parse(emitted(m));
  REQUIRE(back);
  CHECK(back->questions[0].name == "a\\.b\\032c.example.");
}

TEST_CASE("Hostile names are rejected, never followed for ever", "[dns]") {
  std::vector<uint8_t> m(kQuery.begin(), kQuery.begin() + 12);
  SECTION("a pointer to itself") {
    m.insert(m.end(), {0xc0, 0x0c, 0, 1, 0, 1});
    ParseError why{};
    CHECK_FALSE(DnsMessage::parse(m, &why));
    CHECK(why == ParseError::BadLength);
  }
  SECTION("two pointers to each other") {
    m.insert(m.end(), {0xc0, 0x0e, 0xc0, 0x0c, 0, 1, 0, 1});
    CHECK_FALSE(DnsMessage::parse(m));
  }
  SECTION("a forward pointer") {
    m.insert(m.end(), {0xc0, 0x10, 0, 1, 0, 1, 0});
    CHECK_FALSE(DnsMessage::parse(m));
  }
  SECTION("a label running past the end") {
    m.insert(m.end(), {10, 'a', 'b'});
    ParseError why{};
    CHECK_FALSE(DnsMessage::parse(m, &why));
    CHECK(why == ParseError::Truncated);
  }
  SECTION("a reserved label type") {
    m.insert(m.end(), {0x41, 0, 0, 1, 0, 1});
    CHECK_FALSE(DnsMessage::parse(m));
  }
  SECTION("a name over 255 bytes") {
    for (int i = 0; i < 5; ++i) {
      m.push_back(63);
      m.insert(m.end(), 63, 'x');
    }
    m.insert(m.end(), {0, 0, 1, 0, 1});
    CHECK_FALSE(DnsMessage::parse(m));
  }
  SECTION("every truncation of a real answer") {
    for (size_t n = 0; n < kAnswer.size(); ++n)
      CHECK_FALSE(DnsMessage::parse(std::span(kAnswer).first(n)));
  }
  SECTION("an A record whose RDATA is not 4 bytes") {
    std::vector<uint8_t> bad(kAnswer.begin(), kAnswer.end());
    bad.push_back(0);
    REQUIRE(bad.size() == 51);
    store_be16(&bad.at(44), 5);  // RDLENGTH 4 -> 5
    ParseError why{};
    CHECK_FALSE(DnsMessage::parse(bad, &why));
    CHECK(why == ParseError::BadLength);
  }
}

TEST_CASE("follow_cnames walks an answer section from the name asked", "[dns]") {
  auto cname = [](std::string from, std::string to) {
    return DnsRecord{from, DnsType::Cname, kDnsClassIn, 60, {}, to, {}, {}};
  };
  const DnsRecord a{
      "www.jd.com.", DnsType::A, kDnsClassIn, 60, *Ipv4Address::parse("1.2.3.4"), {}, {}, {}};
  // Out of order on purpose: the walk follows names, not positions.
  const std::vector<DnsRecord> answers = {a, cname("m.jd.com.", "shop.jd.com."),
                                          cname("SHOP.jd.com.", "www.jd.com.")};
  const DnsChain chain = follow_cnames(answers, "m.jd.com", DnsType::A);
  CHECK(chain.cnames.size() == 2);
  REQUIRE(chain.records.size() == 1);
  CHECK(chain.last == "www.jd.com.");
  const DnsChain partial =
      follow_cnames({cname("cdn.jd.com.", "x.jdcdn.net.")}, "cdn.jd.com.", DnsType::A);
  CHECK(partial.records.empty());
  CHECK(partial.last == "x.jdcdn.net.");
  const DnsChain loop = follow_cnames({cname("a.", "b."), cname("b.", "a.")}, "a.", DnsType::A);
  CHECK(loop.records.empty());
  CHECK(loop.cnames.size() == 3);  // bounded by the section's size
}
