// The text forms of a DNS message: tcpdump's one-liner (print-domain.c,
// default verbosity) for the trace, and a field-by-field line for describe_layers.
#include <cstdio>

#include "sim/wire/dns.h"

namespace netsim::wire {

namespace {

// tcpdump's ns_rcode(): nothing for NOERROR.
std::string rcode_words(DnsRcode rcode) {
  switch (rcode) {
    case DnsRcode::NoError:
      return "";
    case DnsRcode::FormErr:
      return " FormErr";
    case DnsRcode::ServFail:
      return " ServFail";
    case DnsRcode::NxDomain:
      return " NXDomain";
    case DnsRcode::NotImp:
      return " NotImp";
    case DnsRcode::Refused:
      return " Refused";
  }
  return " Resp" + std::to_string(static_cast<unsigned>(rcode));
}

std::string opcode_words(uint8_t opcode) {
  return opcode == 0 ? "" : " op" + std::to_string(opcode);
}

// ns_rprint() without -v: the type, and the data of the types it shows.
std::string answer_text(const DnsRecord& r) {
  switch (r.type) {
    case DnsType::A:
    case DnsType::Ns:
    case DnsType::Cname:
      return " " + to_string(r.type) + " " + r.rdata_text();
    default:
      return " " + to_string(r.type);
  }
}

std::string list(const std::vector<DnsRecord>& records) {
  std::string text = "[";
  for (size_t i = 0; i < records.size(); ++i) text += (i ? ", " : "") + records[i].to_string();
  return text + "]";
}

}  // namespace

std::string dns_summary(std::span<const uint8_t> message) {
  const std::string length = " (" + std::to_string(message.size()) + ")";
  const auto m = DnsMessage::parse(message);
  if (!m) return "[|domain]" + length;
  const DnsHeader& h = m->header;
  std::string s = std::to_string(h.id) + opcode_words(h.opcode());
  if (!h.qr()) {
    s += h.rd() ? "+" : "";
    if (h.qdcount != 1) s += " [" + std::to_string(h.qdcount) + "q]";
    if (h.ancount) s += " [" + std::to_string(h.ancount) + "a]";
    if (h.nscount) s += " [" + std::to_string(h.nscount) + "n]";
    if (h.arcount) s += " [" + std::to_string(h.arcount) + "au]";
    for (const DnsQuestion& q : m->questions) s += " " + to_string(q.type) + "? " + q.name;
    return s + length;
  }
  s += rcode_words(h.rcode()) + (h.aa() ? "*" : "") + (h.ra() ? "" : "-") + (h.tc() ? "|" : "");
  if (h.qdcount != 1) s += " [" + std::to_string(h.qdcount) + "q]";
  s += " " + std::to_string(h.ancount) + "/" + std::to_string(h.nscount) + "/" +
       std::to_string(h.arcount);
  for (size_t i = 0; i < m->answers.size(); ++i) s += (i ? "," : "") + answer_text(m->answers[i]);
  return s + length;
}

std::string dns_line(std::span<const uint8_t> message) {
  ParseError why{};
  const auto m = DnsMessage::parse(message, &why);
  if (!m)
    return "DNS: malformed (" + std::string(to_string(why)) + "), " +
           std::to_string(message.size()) + " bytes";
  const DnsHeader& h = m->header;
  char head[48];
  std::snprintf(head, sizeof head, "DNS: id=0x%04x flags=0x%04x [", h.id, h.flags);
  std::string bits;
  for (auto [bit, word] : {std::pair{DnsHeader::kQr, "QR"},
                           {DnsHeader::kAa, "AA"},
                           {DnsHeader::kTc, "TC"},
                           {DnsHeader::kRd, "RD"},
                           {DnsHeader::kRa, "RA"}})
    if (h.flags & bit) bits += (bits.empty() ? "" : " ") + std::string(word);
  std::string line =
      head + bits + "] opcode=" + std::to_string(h.opcode()) + " rcode=" + to_string(h.rcode());
  for (const DnsQuestion& q : m->questions) line += " question=" + q.name + " " + to_string(q.type);
  return line + " answers=" + list(m->answers) + " authority=" + list(m->authority) +
         " additional=" + list(m->additional);
}

}  // namespace netsim::wire
