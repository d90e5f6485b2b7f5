// DNS wire format (RFC 1035 §3-4): parse with bounds checks at every field,
// emit with name compression (§4.1.4) into a buffer or, for buffer_len(),
// into nothing, so both agree byte for byte.
#include "sim/wire/dns.h"

#include <cstdio>

#include "sim/wire/bytes.h"

namespace netsim::wire {

namespace {

constexpr size_t kMaxLabel = 63;
constexpr size_t kMaxPointerTarget = 0x3fff;

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// One wire label byte in presentation form (RFC 4343 §2.1).
void append_escaped(DnsNameText& out, uint8_t byte) {
  auto put = [&](char c) { out.text[out.size++] = c; };
  if (byte == '.' || byte == '\\') {
    put('\\');
    put(static_cast<char>(byte));
  } else if (byte < 0x21 || byte > 0x7e) {
    put('\\');
    put(static_cast<char>('0' + byte / 100));
    put(static_cast<char>('0' + byte / 10 % 10));
    put(static_cast<char>('0' + byte % 10));
  } else {
    put(static_cast<char>(byte));
  }
}

// The wire labels of a presentation name, escapes undone; nullopt when it
// cannot be a name (empty label, a label over 63 bytes, over 255 in all).
std::optional<std::vector<std::string>> labels_of(std::string_view name) {
  std::vector<std::string> labels;
  if (name == ".") return labels;
  std::string label;
  size_t wire = 1;  // the root label
  auto close = [&]() {
    if (label.empty() || label.size() > kMaxLabel) return false;
    wire += 1 + label.size();
    labels.push_back(std::move(label));
    label.clear();
    return true;
  };
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '.') {
      if (!close()) return std::nullopt;
      continue;
    }
    if (c == '\\' && i + 1 < name.size()) {
      const char d = name[i + 1];
      if (d >= '0' && d <= '9' && i + 3 < name.size()) {
        const int value = (d - '0') * 100 + (name[i + 2] - '0') * 10 + (name[i + 3] - '0');
        if (value > 255) return std::nullopt;
        c = static_cast<char>(value);
        i += 3;
      } else {
        c = d;
        i += 1;
      }
    }
    label.push_back(c);
  }
  if (!label.empty() && !close()) return std::nullopt;
  if (labels.empty() || wire > kDnsMaxName) return std::nullopt;
  return labels;
}

// Writes a message, or only counts its bytes when `out` is empty. Names
// already written are remembered by their wire form, so a later name (or its
// tail) becomes a pointer to them. Matching is case-sensitive: a name reads
// back exactly as it was written (what 0x20-randomising resolvers rely on).
class Writer {
 public:
  explicit Writer(std::span<uint8_t> out) : out_(out), counting_(out.empty()) {}

  size_t pos() const { return pos_; }
  void u8(uint8_t v) {
    if (!counting_) out_[pos_] = v;
    pos_ += 1;
  }
  void u16(uint16_t v) {
    if (!counting_) store_be16(&out_[pos_], v);
    pos_ += 2;
  }
  void u32(uint32_t v) {
    if (!counting_) store_be32(&out_[pos_], v);
    pos_ += 4;
  }
  void patch16(size_t at, uint16_t v) {
    if (!counting_) store_be16(&out_[at], v);
  }
  void bytes(std::span<const uint8_t> data) {
    if (!counting_)
      std::copy(data.begin(), data.end(), out_.begin() + static_cast<ptrdiff_t>(pos_));
    pos_ += data.size();
  }
  void name(std::string_view text) {
    // A name that is not valid was refused by whoever built the Repr; emit
    // the root rather than garbage.
    const auto labels = labels_of(text).value_or(std::vector<std::string>{});
    for (size_t i = 0; i < labels.size(); ++i) {
      std::string key;
      for (size_t j = i; j < labels.size(); ++j) {
        key.push_back(static_cast<char>(labels[j].size()));
        key += labels[j];
      }
      for (const auto& [seen, offset] : seen_)
        if (seen == key) {
          u16(static_cast<uint16_t>(0xc000 | offset));
          return;
        }
      if (pos_ <= kMaxPointerTarget)
        seen_.emplace_back(std::move(key), static_cast<uint16_t>(pos_));
      u8(static_cast<uint8_t>(labels[i].size()));
      bytes({reinterpret_cast<const uint8_t*>(labels[i].data()), labels[i].size()});
    }
    u8(0);
  }

 private:
  std::span<uint8_t> out_;
  bool counting_;
  size_t pos_ = 0;
  std::vector<std::pair<std::string, uint16_t>> seen_;
};

void write_record(Writer& w, const DnsRecord& r) {
  w.name(r.name);
  w.u16(static_cast<uint16_t>(r.type));
  w.u16(r.klass);
  w.u32(r.ttl);
  const size_t length_at = w.pos();
  w.u16(0);
  switch (r.type) {
    case DnsType::A:
      w.u32(r.address.value);
      break;
    case DnsType::Ns:
    case DnsType::Cname:
      w.name(r.target);
      break;
    case DnsType::Soa:
      w.name(r.soa.mname);
      w.name(r.soa.rname);
      for (uint32_t v : {r.soa.serial, r.soa.refresh, r.soa.retry, r.soa.expire, r.soa.minimum})
        w.u32(v);
      break;
    default:
      w.bytes(r.opaque);
      break;
  }
  w.patch16(length_at, static_cast<uint16_t>(w.pos() - length_at - 2));
}

void write_message(Writer& w, const DnsMessage& m) {
  DnsHeader h = m.header;
  h.qdcount = static_cast<uint16_t>(m.questions.size());
  h.ancount = static_cast<uint16_t>(m.answers.size());
  h.nscount = static_cast<uint16_t>(m.authority.size());
  h.arcount = static_cast<uint16_t>(m.additional.size());
  w.u16(h.id);
  w.u16(h.flags);
  for (uint16_t count : {h.qdcount, h.ancount, h.nscount, h.arcount}) w.u16(count);
  for (const DnsQuestion& q : m.questions) {
    w.name(q.name);
    w.u16(static_cast<uint16_t>(q.type));
    w.u16(q.klass);
  }
  for (const auto* section : {&m.answers, &m.authority, &m.additional})
    for (const DnsRecord& r : *section) write_record(w, r);
}

std::optional<std::string> read_name(std::span<const uint8_t> msg, size_t& pos, ParseError* why) {
  DnsNameText text;
  const auto end = read_dns_name(msg, pos, text, why);
  if (!end) return std::nullopt;
  pos = *end;
  return std::string(text.view());
}

bool fail(ParseError* why, ParseError e) {
  if (why) *why = e;
  return false;
}

bool read_record(std::span<const uint8_t> msg, size_t& pos, DnsRecord& r, ParseError* why) {
  auto name = read_name(msg, pos, why);
  if (!name) return false;
  r.name = std::move(*name);
  if (pos + 10 > msg.size()) return fail(why, ParseError::Truncated);
  r.type = static_cast<DnsType>(load_be16(&msg[pos]));
  r.klass = load_be16(&msg[pos + 2]);
  r.ttl = load_be32(&msg[pos + 4]);
  const size_t length = load_be16(&msg[pos + 8]);
  pos += 10;
  const size_t end = pos + length;
  if (end > msg.size()) return fail(why, ParseError::Truncated);
  switch (r.type) {
    case DnsType::A:
      if (length != 4) return fail(why, ParseError::BadLength);
      r.address = Ipv4Address{load_be32(&msg[pos])};
      break;
    case DnsType::Ns:
    case DnsType::Cname: {
      size_t at = pos;
      auto target = read_name(msg, at, why);
      if (!target) return false;
      if (at != end) return fail(why, ParseError::BadLength);
      r.target = std::move(*target);
      break;
    }
    case DnsType::Soa: {
      size_t at = pos;
      auto mname = read_name(msg, at, why);
      if (!mname) return false;
      auto rname = read_name(msg, at, why);
      if (!rname) return false;
      if (at + 20 != end) return fail(why, ParseError::BadLength);
      r.soa = {std::move(*mname),       std::move(*rname),       load_be32(&msg[at]),
               load_be32(&msg[at + 4]), load_be32(&msg[at + 8]), load_be32(&msg[at + 12]),
               load_be32(&msg[at + 16])};
      break;
    }
    default:
      r.opaque.assign(msg.begin() + static_cast<ptrdiff_t>(pos),
                      msg.begin() + static_cast<ptrdiff_t>(end));
      break;
  }
  pos = end;
  return true;
}

}  // namespace

std::string to_string(DnsType type) {
  switch (type) {
    case DnsType::A:
      return "A";
    case DnsType::Ns:
      return "NS";
    case DnsType::Cname:
      return "CNAME";
    case DnsType::Soa:
      return "SOA";
    case DnsType::Ptr:
      return "PTR";
    case DnsType::Mx:
      return "MX";
    case DnsType::Txt:
      return "TXT";
    case DnsType::Aaaa:
      return "AAAA";
    case DnsType::Opt:
      return "OPT";
    case DnsType::Any:
      return "ANY";
  }
  return "TYPE" + std::to_string(static_cast<uint16_t>(type));
}

std::optional<DnsType> dns_type_from_string(std::string_view text) {
  std::string upper;
  for (char c : text) upper.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  for (DnsType t : {DnsType::A, DnsType::Ns, DnsType::Cname, DnsType::Soa, DnsType::Ptr,
                    DnsType::Mx, DnsType::Txt, DnsType::Aaaa, DnsType::Any})
    if (to_string(t) == upper) return t;
  return std::nullopt;
}

std::string to_string(DnsRcode rcode) {
  switch (rcode) {
    case DnsRcode::NoError:
      return "NOERROR";
    case DnsRcode::FormErr:
      return "FORMERR";
    case DnsRcode::ServFail:
      return "SERVFAIL";
    case DnsRcode::NxDomain:
      return "NXDOMAIN";
    case DnsRcode::NotImp:
      return "NOTIMP";
    case DnsRcode::Refused:
      return "REFUSED";
  }
  return "RCODE" + std::to_string(static_cast<unsigned>(rcode));
}

std::optional<DnsHeader> DnsHeader::parse(std::span<const uint8_t> m, ParseError* why) {
  if (m.size() < kDnsHeaderLen) {
    fail(why, ParseError::Truncated);
    return std::nullopt;
  }
  return DnsHeader{load_be16(&m[0]), load_be16(&m[2]), load_be16(&m[4]),
                   load_be16(&m[6]), load_be16(&m[8]), load_be16(&m[10])};
}

void DnsHeader::emit(std::span<uint8_t> out) const {
  store_be16(&out[0], id);
  store_be16(&out[2], flags);
  store_be16(&out[4], qdcount);
  store_be16(&out[6], ancount);
  store_be16(&out[8], nscount);
  store_be16(&out[10], arcount);
}

std::optional<size_t> read_dns_name(std::span<const uint8_t> m, size_t offset, DnsNameText& out,
                                    ParseError* why) {
  out.size = 0;
  std::optional<size_t> end;
  size_t pos = offset, run_start = offset, wire = 1;
  for (;;) {
    if (pos >= m.size()) {
      fail(why, ParseError::Truncated);
      return std::nullopt;
    }
    const uint8_t length = m[pos];
    if ((length & 0xc0) == 0xc0) {
      if (pos + 1 >= m.size()) {
        fail(why, ParseError::Truncated);
        return std::nullopt;
      }
      const size_t target = size_t{length & 0x3fu} << 8 | m[pos + 1];
      if (!end) end = pos + 2;
      // Strictly backwards from where this run of labels began: every jump
      // lands earlier than the last, so no pointer chain can loop.
      if (target >= run_start) {
        fail(why, ParseError::BadLength);
        return std::nullopt;
      }
      pos = run_start = target;
      continue;
    }
    if (length & 0xc0) {  // 0x40 and 0x80: extended and reserved label types (RFC 6891 §5)
      fail(why, ParseError::Unsupported);
      return std::nullopt;
    }
    if (length == 0) break;
    wire += 1u + length;
    if (wire > kDnsMaxName) {
      fail(why, ParseError::BadLength);
      return std::nullopt;
    }
    if (pos + 1 + length > m.size()) {
      fail(why, ParseError::Truncated);
      return std::nullopt;
    }
    for (size_t i = 0; i < length; ++i) append_escaped(out, m[pos + 1 + i]);
    out.text[out.size++] = '.';
    pos += 1u + length;
  }
  if (out.size == 0) out.text[out.size++] = '.';
  return end ? *end : pos + 1;
}

std::string dns_canonical(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 1);
  for (char c : name) out.push_back(lower(c));
  if (out.empty() || out.back() != '.') out.push_back('.');
  return out;
}

bool dns_name_equal(std::string_view a, std::string_view b) {
  return dns_canonical(a) == dns_canonical(b);
}

bool dns_name_under(std::string_view name, std::string_view zone) {
  const std::string n = dns_canonical(name), z = dns_canonical(zone);
  if (z == ".") return true;
  if (n.size() < z.size()) return false;
  if (n.size() == z.size()) return n == z;
  return n.compare(n.size() - z.size(), z.size(), z) == 0 && n[n.size() - z.size() - 1] == '.';
}

std::optional<std::string> dns_parent(std::string_view name) {
  const std::string n = dns_canonical(name);
  if (n == ".") return std::nullopt;
  const size_t dot = n.find('.');
  return dot + 1 == n.size() ? std::string(".") : n.substr(dot + 1);
}

bool dns_name_valid(std::string_view name) { return labels_of(name).has_value(); }

std::string DnsRecord::rdata_text() const {
  switch (type) {
    case DnsType::A:
      return address.to_string();
    case DnsType::Ns:
    case DnsType::Cname:
      return target;
    case DnsType::Soa:
      return soa.mname + " " + soa.rname + " " + std::to_string(soa.serial) + " " +
             std::to_string(soa.refresh) + " " + std::to_string(soa.retry) + " " +
             std::to_string(soa.expire) + " " + std::to_string(soa.minimum);
    default: {
      // RFC 3597's generic form.
      std::string text = "\\# " + std::to_string(opaque.size());
      char byte[4];
      for (uint8_t b : opaque) {
        std::snprintf(byte, sizeof byte, "%02x", b);
        text += (&b == opaque.data() ? " " : "") + std::string(byte);
      }
      return text;
    }
  }
}

std::string DnsRecord::to_string() const {
  const std::string klass_text = klass == kDnsClassIn ? "IN" : "CLASS" + std::to_string(klass);
  return name + " " + std::to_string(ttl) + " " + klass_text + " " + wire::to_string(type) + " " +
         rdata_text();
}

std::optional<DnsMessage> DnsMessage::parse(std::span<const uint8_t> m, ParseError* why) {
  const auto header = DnsHeader::parse(m, why);
  if (!header) return std::nullopt;
  DnsMessage msg;
  msg.header = *header;
  size_t pos = kDnsHeaderLen;
  // Each entry takes at least 5 bytes (question) or 11 (record): a count
  // beyond what the bytes can hold fails at the first missing entry, so the
  // reservations below stay bounded by the message size.
  for (uint16_t i = 0; i < header->qdcount; ++i) {
    auto name = read_name(m, pos, why);
    if (!name) return std::nullopt;
    if (pos + 4 > m.size()) {
      fail(why, ParseError::Truncated);
      return std::nullopt;
    }
    msg.questions.push_back(
        {std::move(*name), static_cast<DnsType>(load_be16(&m[pos])), load_be16(&m[pos + 2])});
    pos += 4;
  }
  for (auto [section, count] :
       {std::pair{&msg.answers, header->ancount}, std::pair{&msg.authority, header->nscount},
        std::pair{&msg.additional, header->arcount}})
    for (uint16_t i = 0; i < count; ++i) {
      DnsRecord r;
      if (!read_record(m, pos, r, why)) return std::nullopt;
      section->push_back(std::move(r));
    }
  return msg;
}

size_t DnsMessage::buffer_len() const {
  Writer w({});
  write_message(w, *this);
  return w.pos();
}

void DnsMessage::emit(std::span<uint8_t> out) const {
  Writer w(out);
  write_message(w, *this);
}

DnsChain follow_cnames(const std::vector<DnsRecord>& answers, std::string_view name, DnsType type) {
  DnsChain out;
  out.last = dns_canonical(name);
  // Each pass moves one CNAME on; a chain cannot be longer than the section.
  for (size_t pass = 0; pass <= answers.size(); ++pass) {
    const DnsRecord* cname = nullptr;
    for (const DnsRecord& r : answers) {
      if (!dns_name_equal(r.name, out.last)) continue;
      if (r.type == type)
        out.records.push_back(r);
      else if (r.type == DnsType::Cname && !cname)
        cname = &r;
    }
    if (!out.records.empty() || !cname || type == DnsType::Cname) break;
    out.cnames.push_back(*cname);
    out.last = dns_canonical(cname->target);
  }
  return out;
}

std::optional<DnsRecord> authority_soa(const DnsMessage& m) {
  for (const DnsRecord& r : m.authority)
    if (r.type == DnsType::Soa) return r;
  return std::nullopt;
}

std::optional<DnsSummary> DnsSummary::parse(std::span<const uint8_t> m, ParseError* why) {
  const auto header = DnsHeader::parse(m, why);
  if (!header) return std::nullopt;
  DnsSummary s;
  s.header = *header;
  if (header->qdcount == 0) return s;
  const auto end = read_dns_name(m, kDnsHeaderLen, s.qname, why);
  if (!end) return std::nullopt;
  if (*end + 4 > m.size()) {
    fail(why, ParseError::Truncated);
    return std::nullopt;
  }
  s.has_question = true;
  s.qtype = static_cast<DnsType>(load_be16(&m[*end]));
  return s;
}

}  // namespace netsim::wire
