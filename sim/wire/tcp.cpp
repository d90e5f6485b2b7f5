// TCP header and option parsing and emission (RFC 9293 §3.1; options from
// RFC 9293 §3.2, RFC 7323 window scale and timestamps, RFC 2018 SACK).
#include "sim/wire/tcp.h"

#include <algorithm>
#include <cassert>

#include "sim/wire/bytes.h"
#include "sim/wire/checksum.h"
#include "sim/wire/ipv4.h"

namespace netsim::wire {

namespace {
constexpr uint8_t kOptionEnd = 0, kOptionNop = 1, kOptionMss = 2, kOptionWindowScale = 3,
                  kOptionSackPermitted = 4, kOptionSack = 5, kOptionTimestamps = 8;
constexpr size_t kMaxOptionBytes = 40;

struct FlagWord {
  uint8_t flag;
  const char* name;
};
// The contract's order; ACK is appended last separately.
constexpr FlagWord kFlagWords[] = {{tcp_flags::Syn, "SYN"}, {tcp_flags::Fin, "FIN"},
                                   {tcp_flags::Rst, "RST"}, {tcp_flags::Psh, "PSH"},
                                   {tcp_flags::Urg, "URG"}, {tcp_flags::Ece, "ECE"},
                                   {tcp_flags::Cwr, "CWR"}};
// tcpdump's tcp_flag_values table order.
constexpr FlagWord kFlagLetters[] = {
    {tcp_flags::Fin, "F"}, {tcp_flags::Syn, "S"}, {tcp_flags::Rst, "R"}, {tcp_flags::Psh, "P"},
    {tcp_flags::Ack, "."}, {tcp_flags::Urg, "U"}, {tcp_flags::Ece, "E"}, {tcp_flags::Cwr, "W"}};

uint32_t tcp_pseudo_sum(Ipv4Address src, Ipv4Address dst, size_t length) {
  return pseudo_header_sum(src, dst, static_cast<uint8_t>(IpProtocol::Tcp),
                           static_cast<uint16_t>(length));
}
}  // namespace

std::string tcp_flags_name(uint8_t flags) {
  std::string name;
  for (const auto& [flag, word] : kFlagWords) {
    if (!(flags & flag)) continue;
    if (!name.empty()) name += '-';
    name += word;
  }
  if (flags & tcp_flags::Ack) name += name.empty() ? "ACK" : "-ACK";
  return name.empty() ? "NONE" : name;
}

std::string tcp_flags_letters(uint8_t flags) {
  std::string letters;
  for (const auto& [flag, letter] : kFlagLetters)
    if (flags & flag) letters += letter;
  return letters.empty() ? "none" : letters;
}

std::optional<TcpRepr> TcpRepr::parse(std::span<const uint8_t> segment, Ipv4Address src,
                                      Ipv4Address dst, ParseError* why) {
  auto fail = [why](ParseError e) -> std::optional<TcpRepr> {
    if (why) *why = e;
    return std::nullopt;
  };
  if (segment.size() < kTcpHeaderLen) return fail(ParseError::Truncated);
  if (segment.size() > 0xffff) return fail(ParseError::BadLength);
  const uint8_t* p = segment.data();
  const size_t header_len = static_cast<size_t>(p[12] >> 4) * 4;
  if (header_len < kTcpHeaderLen) return fail(ParseError::BadHeaderLength);
  if (header_len > segment.size()) return fail(ParseError::Truncated);
  if (fold_checksum(ones_complement_sum(segment, tcp_pseudo_sum(src, dst, segment.size()))) != 0)
    return fail(ParseError::BadChecksum);

  TcpRepr repr;
  repr.src_port = load_be16(p);
  repr.dst_port = load_be16(p + 2);
  repr.seq = load_be32(p + 4);
  repr.ack = load_be32(p + 8);
  repr.flags = p[13];
  repr.window = load_be16(p + 14);
  repr.urgent = load_be16(p + 18);
  // Options: kinds 0 and 1 are single bytes; every other kind carries a
  // length (>= 2) that must stay inside the header. Known kinds must have
  // their RFC length.
  size_t i = kTcpHeaderLen;
  while (i < header_len) {
    const uint8_t kind = p[i];
    if (kind == kOptionEnd) break;
    if (kind == kOptionNop) {
      ++i;
      continue;
    }
    if (i + 1 >= header_len) return fail(ParseError::BadHeaderLength);
    const uint8_t length = p[i + 1];
    if (length < 2 || i + length > header_len) return fail(ParseError::BadHeaderLength);
    switch (kind) {
      case kOptionMss:
        if (length != 4) return fail(ParseError::BadHeaderLength);
        repr.mss = load_be16(p + i + 2);
        break;
      case kOptionWindowScale:
        if (length != 3) return fail(ParseError::BadHeaderLength);
        repr.window_scale = p[i + 2];
        break;
      case kOptionSackPermitted:
        if (length != 2) return fail(ParseError::BadHeaderLength);
        repr.sack_permitted = true;
        break;
      case kOptionTimestamps:
        if (length != 10) return fail(ParseError::BadHeaderLength);
        repr.timestamps = TcpTimestamps{load_be32(p + i + 2), load_be32(p + i + 6)};
        break;
      case kOptionSack:
        if (length < 10 || (length - 2) % 8 != 0) return fail(ParseError::BadHeaderLength);
        repr.sack_count = static_cast<uint8_t>((length - 2) / 8);  // at most 4 fit
        for (size_t b = 0; b < repr.sack_count; ++b)
          repr.sack[b] = {load_be32(p + i + 2 + 8 * b), load_be32(p + i + 6 + 8 * b)};
        break;
      default: break;  // skipped (MD5, fast open, ...)
    }
    i += length;
  }
  repr.payload = segment.subspan(header_len);
  return repr;
}

namespace {
// The option bytes before the SACK blocks.
size_t fixed_options_len(const TcpRepr& t) {
  return (t.mss ? 4 : 0) + (t.timestamps ? 12 : t.sack_permitted ? 4 : 0) +
         (t.window_scale ? 4 : 0);
}
// The SACK blocks that fit beside the other options (Linux tcp_established_options).
size_t sack_blocks_sent(const TcpRepr& t) {
  const size_t room = kMaxOptionBytes - std::min(kMaxOptionBytes, fixed_options_len(t));
  return t.sack_count == 0 || room < 12 ? 0 : std::min<size_t>(t.sack_count, (room - 4) / 8);
}
}  // namespace

size_t TcpRepr::header_len() const {
  const size_t blocks = sack_blocks_sent(*this);
  return kTcpHeaderLen + fixed_options_len(*this) + (blocks ? 4 + 8 * blocks : 0);
}

void TcpRepr::emit(std::span<uint8_t> out, Ipv4Address src, Ipv4Address dst) const {
  assert(out.size() >= buffer_len() && "TCP emit buffer too small");
  emit_header(out, src, dst);
  std::copy(payload.begin(), payload.end(), out.data() + header_len());
}

void TcpRepr::emit_header(std::span<uint8_t> out, Ipv4Address src, Ipv4Address dst) const {
  const size_t header = header_len();
  assert(out.size() >= header && "TCP emit buffer too small");
  uint8_t* p = out.data();
  store_be16(p, src_port);
  store_be16(p + 2, dst_port);
  store_be32(p + 4, seq);
  store_be32(p + 8, ack);
  p[12] = static_cast<uint8_t>(header / 4 << 4);
  p[13] = flags;
  store_be16(p + 14, window);
  store_be16(p + 16, 0);
  store_be16(p + 18, urgent);
  // Linux's layout (tcp_options_write): a SYN with everything is MSS,
  // SACK-permitted, timestamps, NOP, window scale (20 bytes).
  uint8_t* o = p + kTcpHeaderLen;
  if (mss) {
    o[0] = kOptionMss;
    o[1] = 4;
    store_be16(o + 2, *mss);
    o += 4;
  }
  if (timestamps) {
    if (sack_permitted) {
      o[0] = kOptionSackPermitted;
      o[1] = 2;
    } else {
      o[0] = o[1] = kOptionNop;
    }
    o[2] = kOptionTimestamps;
    o[3] = 10;
    store_be32(o + 4, timestamps->value);
    store_be32(o + 8, timestamps->echo_reply);
    o += 12;
  } else if (sack_permitted) {
    o[0] = o[1] = kOptionNop;
    o[2] = kOptionSackPermitted;
    o[3] = 2;
    o += 4;
  }
  if (window_scale) {
    o[0] = kOptionNop;
    o[1] = kOptionWindowScale;
    o[2] = 3;
    o[3] = *window_scale;
    o += 4;
  }
  if (const size_t blocks = sack_blocks_sent(*this)) {
    o[0] = o[1] = kOptionNop;
    o[2] = kOptionSack;
    o[3] = static_cast<uint8_t>(2 + 8 * blocks);
    for (size_t b = 0; b < blocks; ++b) {
      store_be32(o + 4 + 8 * b, sack[b].left);
      store_be32(o + 8 + 8 * b, sack[b].right);
    }
  }
  // The header's length is a multiple of 4: its sum and the payload's chain.
  const uint32_t pseudo = tcp_pseudo_sum(src, dst, header + payload.size());
  store_be16(p + 16, fold_checksum(ones_complement_sum(out.first(header),
                                                       ones_complement_sum(payload, pseudo))));
}

bool operator==(const TcpRepr& a, const TcpRepr& b) {
  return a.src_port == b.src_port && a.dst_port == b.dst_port && a.seq == b.seq && a.ack == b.ack &&
         a.flags == b.flags && a.window == b.window && a.urgent == b.urgent && a.mss == b.mss &&
         a.window_scale == b.window_scale && a.sack_permitted == b.sack_permitted &&
         a.timestamps == b.timestamps && a.sack_count == b.sack_count &&
         std::equal(a.sack, a.sack + a.sack_count, b.sack, b.sack + b.sack_count) &&
         std::equal(a.payload.begin(), a.payload.end(), b.payload.begin(), b.payload.end());
}

}  // namespace netsim::wire
