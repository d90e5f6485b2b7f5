// In-place address, port and identifier rewrites with RFC 1624 checksum updates.
#include "sim/wire/ipv4_rewrite.h"

#include "sim/wire/bytes.h"
#include "sim/wire/checksum.h"

namespace netsim::wire {

namespace {
constexpr uint8_t kEchoReply = 0, kEchoRequest = 8;
constexpr size_t kIpChecksum = 10;
}  // namespace

std::optional<Ipv4Rewrite> Ipv4Rewrite::of(std::span<uint8_t> datagram) {
  if (datagram.size() < kIpv4HeaderLen) return std::nullopt;
  const size_t header_len = size_t{datagram[0] & 0x0fu} * 4;
  if (header_len < kIpv4HeaderLen || header_len > datagram.size()) return std::nullopt;
  Ipv4Rewrite view(datagram, header_len, nullptr);
  view.find_transport(false);
  return view;
}

std::optional<Ipv4Rewrite> Ipv4Rewrite::of_quoted(std::span<uint8_t> quoted,
                                                  uint8_t* icmp_checksum) {
  auto view = of(quoted);
  if (!view) return std::nullopt;
  view->enclosing_ = icmp_checksum;
  view->find_transport(true);
  return view;
}

void Ipv4Rewrite::find_transport(bool quoted) {
  transport_ = checksum_ = 0;
  pseudo_header_ = udp_ = false;
  if ((load_be16(bytes_.data() + 6) & 0x1fff) != 0) return;  // a later fragment: no ports
  const size_t h = header_len_, have = bytes_.size();
  auto present = [&](size_t offset) { return h + offset + 2 <= have; };
  switch (protocol()) {
    case IpProtocol::Tcp:
      // A quoted segment may stop after 8 bytes (RFC 792), before the checksum.
      if (!present(quoted ? 2 : 18)) return;
      transport_ = h;
      checksum_ = present(16) ? h + 16 : 0;
      pseudo_header_ = true;
      return;
    case IpProtocol::Udp:
      if (!present(6)) return;
      transport_ = h;
      checksum_ = h + 6;
      pseudo_header_ = udp_ = true;
      return;
    case IpProtocol::Icmp:
      if (!present(6) || (icmp_type() != kEchoRequest && icmp_type() != kEchoReply)) return;
      transport_ = h + 4;  // the identifier
      checksum_ = h + 2;
      return;
  }
}

Ipv4Address Ipv4Rewrite::src() const { return Ipv4Address{load_be32(bytes_.data() + 12)}; }
Ipv4Address Ipv4Rewrite::dst() const { return Ipv4Address{load_be32(bytes_.data() + 16)}; }

uint16_t Ipv4Rewrite::src_port() const {
  return transport_ ? load_be16(bytes_.data() + transport_) : 0;
}

uint16_t Ipv4Rewrite::dst_port() const {
  if (!transport_) return 0;
  return load_be16(bytes_.data() + transport_ + (protocol() == IpProtocol::Icmp ? 0 : 2));
}

uint8_t Ipv4Rewrite::tcp_flags() const {
  const size_t at = transport_ + 13;
  return protocol() == IpProtocol::Tcp && transport_ && at < bytes_.size() ? bytes_[at] : 0;
}

std::span<uint8_t> Ipv4Rewrite::icmp_message() const {
  if (protocol() != IpProtocol::Icmp) return {};
  return bytes_.subspan(header_len_);
}

void Ipv4Rewrite::set_address(size_t offset, Ipv4Address a) {
  for (size_t word = 0; word < 2; ++word) {
    const size_t at = offset + 2 * word;
    const uint16_t from = load_be16(bytes_.data() + at);
    const uint16_t to = static_cast<uint16_t>(word == 0 ? a.value >> 16 : a.value);
    if (from == to) continue;
    replace16(at, to);
    adjust_checksum(kIpChecksum, from, to, false);
    // TCP and UDP sum the addresses through the pseudo header (RFC 768, RFC 9293 §3.1).
    if (pseudo_header_ && checksum_) adjust_checksum(checksum_, from, to, udp_);
  }
}

void Ipv4Rewrite::set_port(size_t offset_in_transport, uint16_t port) {
  if (!transport_) return;
  const size_t at = transport_ + (protocol() == IpProtocol::Icmp ? 0 : offset_in_transport);
  const uint16_t from = load_be16(bytes_.data() + at);
  if (from == port) return;
  replace16(at, port);
  if (checksum_) adjust_checksum(checksum_, from, port, udp_);
}

void Ipv4Rewrite::adjust_checksum(size_t offset, uint16_t from, uint16_t to,
                                  bool zero_means_none) {
  const uint16_t current = load_be16(bytes_.data() + offset);
  if (zero_means_none && current == 0) return;  // RFC 768: no UDP checksum was sent
  uint16_t updated = checksum_update16(current, from, to);
  if (zero_means_none && updated == 0) updated = 0xffff;  // RFC 768: a computed 0 is sent as all ones
  replace16(offset, updated);
}

void Ipv4Rewrite::replace16(size_t offset, uint16_t value) {
  const uint16_t from = load_be16(bytes_.data() + offset);
  store_be16(bytes_.data() + offset, value);
  if (enclosing_) store_be16(enclosing_, checksum_update16(load_be16(enclosing_), from, value));
}

}  // namespace netsim::wire
