#include "sim/wire/address.h"

#include <charconv>
#include <cstdio>

namespace netsim::wire {

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::optional<MacAddress> MacAddress::parse(std::string_view text) {
  if (text.size() != 17) return std::nullopt;
  const char sep = text[2];
  if (sep != ':' && sep != '-') return std::nullopt;
  MacAddress m;
  for (int i = 0; i < 6; ++i) {
    const int hi = hex_value(text[i * 3]), lo = hex_value(text[i * 3 + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    if (i < 5 && text[i * 3 + 2] != sep) return std::nullopt;
    m.octets[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return m;
}

std::string MacAddress::to_string() const {
  char buf[18];
  std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", octets[0], octets[1], octets[2],
                octets[3], octets[4], octets[5]);
  return buf;
}

std::optional<Ipv4Address> Ipv4Address::parse(std::string_view text) {
  // By hand rather than from_chars: an app names its peer as text on every
  // sendto, so this runs once a datagram.
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  uint32_t value = 0;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (int i = 0; i < 4; ++i) {
    if (p == end || !digit(*p)) return std::nullopt;
    if (*p == '0' && p + 1 != end && digit(p[1])) return std::nullopt;  // no leading zeros
    unsigned octet = 0;
    for (; p != end && digit(*p); ++p) {
      octet = octet * 10 + static_cast<unsigned>(*p - '0');
      if (octet > 255) return std::nullopt;
    }
    value = value << 8 | octet;
    if (i < 3) {
      if (p == end || *p != '.') return std::nullopt;
      ++p;
    }
  }
  if (p != end) return std::nullopt;
  return Ipv4Address{value};
}

std::string Ipv4Address::to_string() const {
  // By hand rather than snprintf, which was 6% of W2 (each recvfrom names its sender).
  char buf[15];
  char* p = buf;
  for (int shift = 24; shift >= 0; shift -= 8) {
    const uint32_t octet = (value >> shift) & 0xff;
    if (octet >= 100) *p++ = static_cast<char>('0' + octet / 100);
    if (octet >= 10) *p++ = static_cast<char>('0' + octet / 10 % 10);
    *p++ = static_cast<char>('0' + octet % 10);
    if (shift > 0) *p++ = '.';
  }
  return std::string(buf, p);
}

std::optional<Ipv4Prefix> Ipv4Prefix::parse(std::string_view text) {
  const size_t slash = text.find('/');
  auto address = Ipv4Address::parse(text.substr(0, slash));
  if (!address) return std::nullopt;
  if (slash == std::string_view::npos) return Ipv4Prefix{*address, 32};
  const std::string_view len_text = text.substr(slash + 1);
  unsigned length = 0;
  auto [next, ec] = std::from_chars(len_text.data(), len_text.data() + len_text.size(), length);
  if (ec != std::errc{} || next != len_text.data() + len_text.size() || length > 32 || len_text.empty())
    return std::nullopt;
  return Ipv4Prefix{*address, static_cast<uint8_t>(length)};
}

std::string Ipv4Prefix::to_string() const {
  return address.to_string() + "/" + std::to_string(length);
}

}  // namespace netsim::wire
