// MAC and IPv4 address/prefix parsing and printing edge cases.
#include "sim/wire/address.h"

#include <catch2/catch.hpp>

using namespace netsim::wire;

TEST_CASE("MacAddress::parse accepts colons or dashes, any case", "[address]") {
  const auto colon = MacAddress::parse("58:20:b1:44:99:db");
  const auto dash = MacAddress::parse("58-20-B1-44-99-DB");
  REQUIRE(colon);
  REQUIRE(dash);
  CHECK(*colon == *dash);
  CHECK(colon->octets == std::array<uint8_t, 6>{0x58, 0x20, 0xb1, 0x44, 0x99, 0xdb});
  CHECK(dash->to_string() == "58:20:b1:44:99:db");
  CHECK(MacAddress::parse("ff:ff:ff:ff:ff:ff")->is_broadcast());
  CHECK(MacAddress::parse("01:00:5e:00:00:01")->is_multicast());
  CHECK(MacAddress::parse("00:00:00:00:00:00")->is_zero());
  CHECK(MacAddress::broadcast().to_string() == "ff:ff:ff:ff:ff:ff");
}

TEST_CASE("MacAddress::parse rejects malformed text", "[address]") {
  for (const char* bad :
       {"", "58:20:b1:44:99", "58:20:b1:44:99:db:00", "58:20-b1:44:99:db", "58:20:b1:44:99:dg",
        "5820b14499db", "58.20.b1.44.99.db", "58:20:b1:44:99:d", " 58:20:b1:44:99:db",
        "58:20:b1:44:99:db ", "5:820:b1:44:99:db", "58::20:b1:44:99:d"}) {
    INFO(bad);
    CHECK_FALSE(MacAddress::parse(bad));
  }
}

TEST_CASE("MacAddress orders and converts as a 48-bit number", "[address]") {
  const auto a = *MacAddress::parse("02:00:00:00:00:01");
  const auto b = *MacAddress::parse("02:00:00:00:01:00");
  CHECK(a < b);
  CHECK(a.to_u64() == 0x020000000001ull);
  CHECK(MacAddress::parse("58:20:b1:44:99:db")->to_u64() == 0x5820b14499dbull);
  CHECK(MacAddress::broadcast().to_u64() == 0xffffffffffffull);
}

TEST_CASE("Ipv4Address::parse: dotted quad only, no leading zeros", "[address]") {
  CHECK(Ipv4Address::parse("192.168.1.1")->value == 0xc0a80101);
  CHECK(Ipv4Address::parse("0.0.0.0")->value == 0);
  CHECK(Ipv4Address::parse("255.255.255.255")->value == 0xffffffffu);
  CHECK(Ipv4Address::parse("10.0.0.0")->value == 0x0a000000);
  for (const char* bad :
       {"",         "1.2.3",     "1.2.3.4.5",  "01.2.3.4",          "1.2.3.04",
        "1.2.3.00", "256.1.1.1", "1.2.3.256",  "1.2.3.4444",        "1..2.3",
        "1.2.3.",   ".1.2.3",    "1.2.3.4 ",   " 1.2.3.4",          "1.2.3.-4",
        "1.2.3.+4", "a.b.c.d",   "1.2.3.4/24", "99999999999.1.1.1", "0x1.2.3.4"}) {
    INFO(bad);
    CHECK_FALSE(Ipv4Address::parse(bad));
  }
}

TEST_CASE("Ipv4Address prints and round-trips", "[address]") {
  for (const char* text : {"0.0.0.0", "1.2.3.4", "192.168.15.68", "255.255.255.255", "10.0.0.1"})
    CHECK(Ipv4Address::parse(text)->to_string() == text);
  CHECK(Ipv4Address::broadcast().to_string() == "255.255.255.255");
  CHECK(Ipv4Address::parse("10.0.0.1") < Ipv4Address::parse("10.0.0.2"));
}

TEST_CASE("Ipv4Prefix::parse and its derived addresses", "[address]") {
  const auto p = Ipv4Prefix::parse("192.168.1.100/24");
  REQUIRE(p);
  CHECK(p->length == 24);
  CHECK(p->mask() == 0xffffff00u);
  CHECK(p->network().to_string() == "192.168.1.0");
  CHECK(p->directed_broadcast().to_string() == "192.168.1.255");
  CHECK(p->contains(*Ipv4Address::parse("192.168.1.7")));
  CHECK_FALSE(p->contains(*Ipv4Address::parse("192.168.2.7")));
  CHECK(p->to_string() == "192.168.1.100/24");

  const auto all = Ipv4Prefix::parse("0.0.0.0/0");
  REQUIRE(all);
  CHECK(all->mask() == 0);
  CHECK(all->contains(*Ipv4Address::parse("203.0.113.1")));
  CHECK(Ipv4Prefix::parse("10.0.0.1")->length == 32);
  CHECK(Ipv4Prefix::parse("10.0.0.1/32")->mask() == 0xffffffffu);

  for (const char* bad : {"10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8x", "/8",
                          "10.0.0/8", "10.0.0.0/ 8", "10.0.0.0/8/8", "010.0.0.0/8"}) {
    INFO(bad);
    CHECK_FALSE(Ipv4Prefix::parse(bad));
  }
}
