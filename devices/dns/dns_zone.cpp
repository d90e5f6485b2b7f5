// Master-file lines to records: tokens with their columns, so an error can
// point at the word that is wrong.
#include "devices/dns/dns_zone.h"

#include <charconv>

namespace netsim::devices {

namespace {

using wire::DnsRecord;
using wire::DnsType;

struct Token {
  std::string_view text;
  size_t column;
};

// Whitespace-separated words up to a ';' comment.
std::vector<Token> tokens_of(std::string_view line) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size() || line[i] == ';') break;
    const size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != ';') ++i;
    out.push_back({line.substr(start, i - start), start});
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return wire::dns_canonical(a) == wire::dns_canonical(b);
}

// An absolute name, '@' or a name relative to the origin, made canonical.
std::optional<std::string> absolute(std::string_view text, std::string_view origin) {
  std::string name;
  if (text == "@")
    name = origin;
  else if (!text.empty() && text.back() == '.')
    name = text;
  else
    name = std::string(text) + (origin == "." ? "." : "." + std::string(origin));
  if (!wire::dns_name_valid(name)) return std::nullopt;
  return wire::dns_canonical(name);
}

}  // namespace

std::optional<uint32_t> parse_dns_ttl(std::string_view text) {
  if (text.empty()) return std::nullopt;
  uint64_t total = 0, number = 0;
  bool digits = false, units = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      number = number * 10 + static_cast<uint64_t>(c - '0');
      if (number > 0xffffffffu) return std::nullopt;
      digits = true;
      continue;
    }
    uint64_t scale = 0;
    switch (c | 0x20) {
      case 's':
        scale = 1;
        break;
      case 'm':
        scale = 60;
        break;
      case 'h':
        scale = 3600;
        break;
      case 'd':
        scale = 86400;
        break;
      case 'w':
        scale = 604800;
        break;
      default:
        return std::nullopt;
    }
    if (!digits) return std::nullopt;
    total += number * scale;
    number = 0;
    digits = false;
    units = true;
  }
  if (digits) {
    if (units) return std::nullopt;  // "1h30": BIND wants a unit on every part
    total += number;
  } else if (!units) {
    return std::nullopt;
  }
  if (total > 0x7fffffffu) return std::nullopt;
  return static_cast<uint32_t>(total);
}

std::variant<DnsRecord, ZoneLineError> parse_zone_line(std::string_view line,
                                                       std::string_view origin,
                                                       std::optional<uint32_t>& last_ttl) {
  const std::vector<Token> t = tokens_of(line);
  const std::string form = "name [ttl] [IN] type rdata, such as \"www.jd.com. 300 A 203.0.113.80\"";
  if (t.empty()) return ZoneLineError{0, "empty record line", form};
  DnsRecord r;
  const auto owner = absolute(t[0].text, origin);
  if (!owner)
    return ZoneLineError{t[0].column, "'" + std::string(t[0].text) + "' is not a domain name",
                         form};
  r.name = *owner;
  if (!wire::dns_name_under(r.name, origin))
    return ZoneLineError{t[0].column, "'" + r.name + "' is outside the zone " + std::string(origin),
                         "a zone holds only names at or below its origin"};
  size_t i = 1;
  std::optional<uint32_t> ttl;
  bool klass = false;
  for (; i < t.size() && i <= 2; ++i) {
    if (!klass && iequals(t[i].text, "IN")) {
      klass = true;
    } else if (const auto v = !ttl ? parse_dns_ttl(t[i].text) : std::nullopt; v) {
      ttl = v;
    } else {
      break;
    }
  }
  if (i >= t.size())
    return ZoneLineError{line.size(), "record '" + std::string(t[0].text) + "' has no type", form};
  const Token& type_token = t[i];
  const auto type = wire::dns_type_from_string(type_token.text);
  if (!type || (*type != DnsType::A && *type != DnsType::Ns && *type != DnsType::Cname &&
                *type != DnsType::Soa)) {
    const bool ttl_like =
        !type && type_token.text.find_first_of("0123456789") != std::string_view::npos;
    return ZoneLineError{
        type_token.column,
        ttl_like ? "'" + std::string(type_token.text) + "' is not a TTL"
                 : "record type '" + std::string(type_token.text) + "' is not supported",
        ttl_like ? "seconds, or BIND's units: 300, 5m, 1h, 2d, 1w" : "one of A, NS, CNAME, SOA"};
  }
  r.type = *type;
  if (!ttl && !last_ttl)
    return ZoneLineError{
        type_token.column,
        "record '" + std::string(t[0].text) + "' has no TTL and none is stated above it",
        "the zone's first record must give a TTL (RFC 1035 5.1), such as \"" +
            std::string(t[0].text) + " 3600 " + std::string(type_token.text) + " ...\""};
  r.ttl = ttl ? *ttl : *last_ttl;
  const std::vector<Token> rdata(t.begin() + static_cast<ptrdiff_t>(i) + 1, t.end());
  const size_t end_column = line.size();
  auto count_error = [&](size_t want, const char* what) {
    const size_t column = rdata.size() > want ? rdata[want].column : end_column;
    return ZoneLineError{column,
                         std::string(wire::to_string(r.type)) + " record '" +
                             std::string(t[0].text) + "' needs " + what,
                         form};
  };
  switch (r.type) {
    case DnsType::A: {
      if (rdata.size() != 1) return count_error(1, "exactly one IPv4 address");
      const auto a = wire::Ipv4Address::parse(rdata[0].text);
      if (!a)
        return ZoneLineError{rdata[0].column,
                             "'" + std::string(rdata[0].text) + "' is not an IPv4 address",
                             "such as 203.0.113.80"};
      r.address = *a;
      break;
    }
    case DnsType::Ns:
    case DnsType::Cname: {
      if (rdata.size() != 1) return count_error(1, "exactly one target name");
      const auto target = absolute(rdata[0].text, origin);
      if (!target)
        return ZoneLineError{rdata[0].column,
                             "'" + std::string(rdata[0].text) + "' is not a domain name",
                             "such as ns1.jd.com."};
      r.target = *target;
      break;
    }
    default: {  // SOA
      if (rdata.size() != 7)
        return count_error(7, "mname rname serial refresh retry expire minimum");
      const auto mname = absolute(rdata[0].text, origin), rname = absolute(rdata[1].text, origin);
      if (!mname || !rname) {
        const Token& bad = mname ? rdata[1] : rdata[0];
        return ZoneLineError{bad.column, "'" + std::string(bad.text) + "' is not a domain name",
                             "such as ns1.jd.com. hostmaster.jd.com."};
      }
      uint32_t values[5];
      for (size_t k = 0; k < 5; ++k) {
        const std::string_view text = rdata[2 + k].text;
        std::optional<uint32_t> v;
        if (k == 0) {  // the serial is a plain 32-bit number
          uint32_t n = 0;
          const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
          if (ec == std::errc{} && p == text.data() + text.size()) v = n;
        } else {
          v = parse_dns_ttl(text);
        }
        if (!v)
          return ZoneLineError{rdata[2 + k].column,
                               "'" + std::string(text) + "' is not a number of seconds",
                               "such as 3600 or 1h"};
        values[k] = *v;
      }
      r.soa = {*mname, *rname, values[0], values[1], values[2], values[3], values[4]};
      break;
    }
  }
  last_ttl = r.ttl;
  return r;
}

}  // namespace netsim::devices
