// Fragment bookkeeping: sorted pieces, coverage check, timeout.
#include "devices/stack/reassembly.h"

#include <algorithm>
#include <string>
#include <string_view>

namespace netsim::devices {

namespace {
constexpr uint32_t kMaxPayload = 65535 - wire::kIpv4HeaderLen;
}

Reassembly::Reassembly(Node& owner, Expired on_expired)
    : owner_(owner), ctx_(owner.ctx()), on_expired_(std::move(on_expired)) {}

Reassembly::~Reassembly() {
  for (auto& [key, p] : pending_) p.timer.cancel(ctx_.scheduler());
}

std::optional<Packet> Reassembly::add(const L3Interface* in, Packet frame, size_t ip_offset,
                                      const wire::Ipv4Repr& ip) {
  const uint32_t offset = ip.fragment_offset;
  const uint32_t length = ip.payload_len;
  const std::string_view iface = name_of(in);
  if (offset + length > kMaxPayload) {  // RFC 791: a datagram is at most 65535 bytes
    ctx_.trace().decision(ctx_.now(), Layer::Network, owner_.name(), iface, [&] {
      return "dropped fragment of datagram id " + std::to_string(ip.identification) + " from " +
             ip.src.to_string() + ": it ends beyond 65535 bytes";
    });
    owner_.drop(iface, frame, DropReason::Malformed);
    return std::nullopt;
  }
  const Key key{ip.src.value, ip.dst.value, ip.identification, static_cast<uint8_t>(ip.protocol)};
  auto [it, inserted] = pending_.try_emplace(key);
  Pending& p = it->second;
  if (inserted) {
    p.in = in;
    // Background: a partial datagram does not keep the run alive.
    p.timer.arm(
        ctx_.scheduler(), ctx_.now() + kTimeout, [this, key] { expire(key); },
        EventKind::Background);
  }
  if (!ip.more_fragments) p.total = offset + length;
  if (offset == 0) p.head = ip;
  Piece piece{std::move(frame), ip_offset, ip_offset + ip.header_len, offset, length};
  auto at = std::upper_bound(p.pieces.begin(), p.pieces.end(), piece,
                             [](const Piece& a, const Piece& b) { return a.offset < b.offset; });
  p.pieces.insert(at, std::move(piece));
  auto whole = complete(p);
  if (!whole) {
    ctx_.trace().decision(ctx_.now(), Layer::Network, owner_.name(), iface, [&] {
      return "fragment of datagram id " + std::to_string(ip.identification) + " from " +
             ip.src.to_string() + " (offset " + std::to_string(ip.fragment_offset) +
             ") held for reassembly";
    });
    return std::nullopt;
  }
  p.timer.cancel(ctx_.scheduler());
  pending_.erase(it);
  return whole;
}

std::optional<Packet> Reassembly::complete(Pending& p) {
  if (!p.total) return std::nullopt;
  uint32_t covered = 0;  // RFC 815's hole list, walked over sorted pieces
  for (const Piece& piece : p.pieces) {
    if (piece.offset > covered) return std::nullopt;
    covered = std::max(covered, piece.offset + piece.length);
  }
  if (covered < *p.total) return std::nullopt;

  // Coverage starts at 0, so the first fragment is here and heads the list.
  const Piece& first = p.pieces.front();
  Packet whole =
      ctx_.pool().allocate(first.ip_offset + wire::kIpv4HeaderLen + *p.total, first.frame.uid());
  auto out = whole.mutable_bytes();
  std::copy_n(first.frame.bytes().begin(), first.ip_offset, out.begin());
  wire::Ipv4Repr header = p.head;
  header.more_fragments = false;
  header.fragment_offset = 0;
  header.payload_len = static_cast<uint16_t>(*p.total);
  header.header_len = wire::kIpv4HeaderLen;  // options are not carried over
  header.emit(out.subspan(first.ip_offset));
  auto payload = out.subspan(first.ip_offset + wire::kIpv4HeaderLen);
  for (const Piece& piece : p.pieces) {
    if (piece.offset >= *p.total) continue;
    const uint32_t length = std::min(piece.length, *p.total - piece.offset);
    const auto data = piece.frame.bytes().subspan(piece.data_at, length);
    std::copy(data.begin(), data.end(), payload.begin() + piece.offset);
  }
  return whole;
}

void Reassembly::expire(Key key) {
  auto it = pending_.find(key);
  if (it == pending_.end()) return;
  Pending p = std::move(it->second);
  pending_.erase(it);
  ctx_.trace().decision(ctx_.now(), Layer::Network, owner_.name(), name_of(p.in), [&] {
    return "reassembly of datagram id " + std::to_string(std::get<2>(key)) + " from " +
           wire::Ipv4Address{std::get<0>(key)}.to_string() +
           " timed out: " + std::to_string(p.pieces.size()) + " fragments dropped";
  });
  for (const Piece& piece : p.pieces)
    owner_.drop(name_of(p.in), piece.frame, DropReason::TtlExpired);
  if (!p.pieces.empty() && p.pieces.front().offset == 0 && on_expired_)
    on_expired_(p.in, p.pieces.front().frame);
}

void Reassembly::clear(DropReason why) {
  for (auto& [key, p] : pending_) {
    p.timer.cancel(ctx_.scheduler());
    for (const Piece& piece : p.pieces) owner_.drop(name_of(p.in), piece.frame, why);
  }
  pending_.clear();
}

}  // namespace netsim::devices
