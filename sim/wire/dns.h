// DNS messages (RFC 1035 §4): the header, questions and resource records
// (A, NS, CNAME and SOA typed; any other type carried as opaque RDATA), with
// name compression followed on parse (bounded: no loops, no forward jumps)
// and applied on emit. Names are presentation text with the trailing dot
// ("www.jd.com.", the root "."), with RFC 4343 escapes for odd bytes.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/wire/address.h"
#include "sim/wire/parse_error.h"

namespace netsim::wire {

constexpr uint16_t kDnsPort = 53;
constexpr size_t kDnsHeaderLen = 12;
constexpr size_t kDnsMaxName = 255;  // RFC 1035 §3.1, in wire form
constexpr uint16_t kDnsClassIn = 1;

// Lossless: any 16-bit type may be held; to_string prints unknown ones as "TYPE99" (RFC 3597).
enum class DnsType : uint16_t {
  A = 1,
  Ns = 2,
  Cname = 5,
  Soa = 6,
  Ptr = 12,
  Mx = 15,
  Txt = 16,
  Aaaa = 28,
  Opt = 41,
  Any = 255
};
std::string to_string(DnsType type);
std::optional<DnsType> dns_type_from_string(std::string_view text);  // "A", "cname" (any case)

enum class DnsRcode : uint8_t {
  NoError = 0,
  FormErr = 1,
  ServFail = 2,
  NxDomain = 3,
  NotImp = 4,
  Refused = 5
};
std::string to_string(
    DnsRcode rcode);  // "NOERROR", "NXDOMAIN", ... (the `rcode` filter words); else "RCODE9"

// The fixed 12-byte header. Flags are kept as bits so a parsed header
// re-emits exactly, Z bits included.
struct DnsHeader {
  uint16_t id = 0;
  uint16_t flags = 0;
  uint16_t qdcount = 0, ancount = 0, nscount = 0, arcount = 0;

  static constexpr uint16_t kQr = 0x8000, kAa = 0x0400, kTc = 0x0200, kRd = 0x0100, kRa = 0x0080;
  bool qr() const { return flags & kQr; }
  bool aa() const { return flags & kAa; }
  bool tc() const { return flags & kTc; }
  bool rd() const { return flags & kRd; }
  bool ra() const { return flags & kRa; }
  uint8_t opcode() const { return static_cast<uint8_t>(flags >> 11 & 0xf); }
  DnsRcode rcode() const { return static_cast<DnsRcode>(flags & 0xf); }
  void set(uint16_t bit, bool on) {
    flags = static_cast<uint16_t>(on ? flags | bit : flags & ~bit);
  }
  void set_rcode(DnsRcode r) {
    flags = static_cast<uint16_t>((flags & ~0xf) | static_cast<uint8_t>(r));
  }

  static std::optional<DnsHeader> parse(std::span<const uint8_t> message,
                                        ParseError* why = nullptr);
  void emit(std::span<uint8_t> out) const;  // writes kDnsHeaderLen bytes
  bool operator==(const DnsHeader&) const = default;
};

// A name in presentation form without allocating: what decode_frame keeps.
struct DnsNameText {
  std::array<char, 4 * kDnsMaxName + 2> text{};  // every byte escaped as \DDD at worst
  uint16_t size = 0;
  std::string_view view() const { return {text.data(), size}; }
};

// Reads the possibly compressed name at `offset` of `message` into `out`.
// Returns the offset just past the name where it starts (a pointer counts
// two bytes). Rejects labels over 63 bytes, names over 255, pointers that do
// not point strictly backwards (so no loop), reserved label types, truncation.
std::optional<size_t> read_dns_name(std::span<const uint8_t> message, size_t offset,
                                    DnsNameText& out, ParseError* why = nullptr);

// Case-insensitive comparison (RFC 4343) that ignores a missing trailing dot.
bool dns_name_equal(std::string_view a, std::string_view b);
// Lower case with the trailing dot: the key caches and zones file names under.
std::string dns_canonical(std::string_view name);
// True when `name` is `zone` or below it ("www.jd.com." is under "jd.com." and ".").
bool dns_name_under(std::string_view name, std::string_view zone);
// "www.jd.com." -> "jd.com." -> "com." -> "."; the root has no parent.
std::optional<std::string> dns_parent(std::string_view name);
// False when the text cannot be a name on the wire (empty label, label over 63, over 255 in all).
bool dns_name_valid(std::string_view name);

struct DnsQuestion {
  std::string name;
  DnsType type = DnsType::A;
  uint16_t klass = kDnsClassIn;
  bool operator==(const DnsQuestion&) const = default;
};

struct DnsSoa {
  std::string mname, rname;
  uint32_t serial = 0, refresh = 0, retry = 0, expire = 0, minimum = 0;
  bool operator==(const DnsSoa&) const = default;
};

struct DnsRecord {
  std::string name;
  DnsType type = DnsType::A;
  uint16_t klass = kDnsClassIn;
  uint32_t ttl = 0;
  // The RDATA of the typed records; `opaque` holds any other type's bytes.
  Ipv4Address address;  // A
  std::string target;   // NS, CNAME
  DnsSoa soa;           // SOA
  std::vector<uint8_t> opaque;

  // "www.jd.com. 300 IN A 203.0.113.80", as in a master file.
  std::string to_string() const;
  // The RDATA alone: "203.0.113.80", "www.jd.com.", "ns1.jd.com. hostmaster.jd.com. 1 2 3 4 5".
  std::string rdata_text() const;
  bool operator==(const DnsRecord&) const = default;
};

struct DnsMessage {
  DnsHeader header;  // the counts are recomputed by emit from the sections
  std::vector<DnsQuestion> questions;
  std::vector<DnsRecord> answers, authority, additional;

  // Every section walked with bounds checks; trailing bytes are ignored.
  static std::optional<DnsMessage> parse(std::span<const uint8_t> message,
                                         ParseError* why = nullptr);
  // With compression, so buffer_len() is exactly what emit writes.
  size_t buffer_len() const;
  void emit(std::span<uint8_t> out) const;
  bool operator==(const DnsMessage&) const = default;
};

// An answer section read from `name`: the CNAMEs that lead on from it, in
// order, then the records of `type` where the chain ends (none when the
// section stops at a CNAME target), and that last name.
struct DnsChain {
  std::vector<DnsRecord> cnames, records;
  std::string last;
};
DnsChain follow_cnames(const std::vector<DnsRecord>& answers, std::string_view name, DnsType type);

// The SOA of a negative answer's authority section (RFC 2308 §3), if any.
std::optional<DnsRecord> authority_soa(const DnsMessage& m);

// What decode_frame keeps of a DNS message: the header and the first
// question, no allocation.
struct DnsSummary {
  DnsHeader header;
  bool has_question = false;
  DnsNameText qname;
  DnsType qtype = DnsType::A;

  static std::optional<DnsSummary> parse(std::span<const uint8_t> message,
                                         ParseError* why = nullptr);
};

// tcpdump's one-line text of a DNS payload (print-domain.c without -v):
//   "12345+ A? www.jd.com. (28)", "12345* 1/0/0 A 203.0.113.80 (44)", "7 NXDomain*- 0/1/0 (91)".
std::string dns_summary(std::span<const uint8_t> message);
// Field by field for describe_layers: "DNS: id=0x3039 flags=0x8180 [QR RD RA] rcode=NOERROR ...".
std::string dns_line(std::span<const uint8_t> message);

}  // namespace netsim::wire
