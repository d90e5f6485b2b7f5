// TCP header: flags names, options, parse, emit, round trip, rejects.
#include "sim/wire/tcp.h"

#include <catch2/catch.hpp>
#include <tuple>

#include "sim/wire/bytes.h"
#include "sim/wire/checksum.h"
#include "vectors.h"

using namespace netsim::wire;
using namespace netsim::wire::test_vectors;

namespace {
const Ipv4Address kClient = *Ipv4Address::parse("10.0.0.1");
const Ipv4Address kServer = *Ipv4Address::parse("10.0.0.2");
std::span<const uint8_t> segment(const std::vector<uint8_t>& frame, size_t length) {
  return bytes(frame, kL4).first(length);
}
// Rewrites the checksum of a hand-edited segment so only the edit is tested.
void refresh_checksum(std::vector<uint8_t>& s, Ipv4Address src, Ipv4Address dst) {
  store_be16(s.data() + 16, 0);
  store_be16(s.data() + 16,
             fold_checksum(ones_complement_sum(
                 s, pseudo_header_sum(src, dst, 6, static_cast<uint16_t>(s.size())))));
}
}  // namespace

TEST_CASE("tcp_flags_name: the contract's words", "[tcp]") {
  using namespace tcp_flags;
  const std::pair<uint8_t, const char*> table[] = {
      {0, "NONE"},
      {Syn, "SYN"},
      {Syn | Ack, "SYN-ACK"},
      {Ack, "ACK"},
      {Psh | Ack, "PSH-ACK"},
      {Fin | Ack, "FIN-ACK"},
      {Fin | Psh | Ack, "FIN-PSH-ACK"},
      {Rst, "RST"},
      {Rst | Ack, "RST-ACK"},
      {Fin, "FIN"},
      {Syn | Fin, "SYN-FIN"},
      {Urg | Ack, "URG-ACK"},
      {Syn | Ece | Cwr, "SYN-ECE-CWR"},
      {0xff, "SYN-FIN-RST-PSH-URG-ECE-CWR-ACK"},
  };
  for (const auto& [flags, name] : table) CHECK(tcp_flags_name(flags) == name);
}

TEST_CASE("tcp_flags_letters: tcpdump's letters", "[tcp]") {
  using namespace tcp_flags;
  CHECK(tcp_flags_letters(Syn) == "S");
  CHECK(tcp_flags_letters(Syn | Ack) == "S.");
  CHECK(tcp_flags_letters(Ack) == ".");
  CHECK(tcp_flags_letters(Psh | Ack) == "P.");
  CHECK(tcp_flags_letters(Fin | Psh | Ack) == "FP.");
  CHECK(tcp_flags_letters(Rst) == "R");
  CHECK(tcp_flags_letters(0xff) == "FSRP.UEW");
  CHECK(tcp_flags_letters(0) == "none");
}

TEST_CASE("TcpRepr parses a SYN with MSS", "[tcp]") {
  const auto tcp = TcpRepr::parse(segment(kTcpSynFrame, 24), kClient, kServer);
  REQUIRE(tcp);
  CHECK(tcp->src_port == 49152);
  CHECK(tcp->dst_port == 80);
  CHECK(tcp->seq == 0);
  CHECK(tcp->flags == tcp_flags::Syn);
  CHECK(tcp->window == 64240);
  CHECK(tcp->mss == 1460);
  CHECK_FALSE(tcp->window_scale);
  CHECK_FALSE(tcp->sack_permitted);
  CHECK(tcp->payload.empty());
  CHECK(tcp->header_len() == 24);
}

TEST_CASE("TcpRepr parses a SYN-ACK with all modelled options", "[tcp]") {
  const auto tcp = TcpRepr::parse(segment(kTcpSynAckFrame, 32), kServer, kClient);
  REQUIRE(tcp);
  CHECK(tcp->seq == 1000);
  CHECK(tcp->ack == 1);
  CHECK(tcp->flags == (tcp_flags::Syn | tcp_flags::Ack));
  CHECK(tcp->mss == 1460);
  CHECK(tcp->window_scale == 7);
  CHECK(tcp->sack_permitted);
  CHECK(tcp->header_len() == 32);
}

TEST_CASE("TcpRepr parses a data segment", "[tcp]") {
  const auto tcp = TcpRepr::parse(segment(kTcpPshAckFrame, 25), kClient, kServer);
  REQUIRE(tcp);
  CHECK(tcp->flags == (tcp_flags::Psh | tcp_flags::Ack));
  CHECK(tcp->ack == 1001);
  CHECK(std::string(tcp->payload.begin(), tcp->payload.end()) == "hello");
}

TEST_CASE("TcpRepr emits byte-exact segments", "[tcp]") {
  struct Case {
    const std::vector<uint8_t>* frame;
    size_t length;
    Ipv4Address src, dst;
  };
  for (const Case& c :
       {Case{&kTcpSynFrame, 24, kClient, kServer}, Case{&kTcpSynAckFrame, 32, kServer, kClient},
        Case{&kTcpPshAckFrame, 25, kClient, kServer}}) {
    const auto parsed = TcpRepr::parse(segment(*c.frame, c.length), c.src, c.dst);
    REQUIRE(parsed);
    REQUIRE(parsed->buffer_len() == c.length);
    auto out = prefilled(c.length);
    parsed->emit(out, c.src, c.dst);
    CHECK(std::equal(out.begin(), out.begin() + c.length, c.frame->begin() + kL4));
    CHECK(guard_intact(out, c.length));
  }
}

TEST_CASE("TcpRepr emits the header alone with the payload's checksum", "[tcp]") {
  const auto parsed = TcpRepr::parse(segment(kTcpPshAckFrame, 25), kClient, kServer);
  REQUIRE(parsed);
  auto out = prefilled(25);
  parsed->emit_header(out, kClient, kServer);
  const size_t header = parsed->header_len();
  CHECK(std::equal(out.begin(), out.begin() + header, kTcpPshAckFrame.begin() + kL4));
  CHECK(guard_intact(out, header));  // the payload's place is not written
}

TEST_CASE("TcpRepr reads and writes Linux's SYN and timestamped ACK byte for byte", "[tcp]") {
  const Ipv4Address h1 = *Ipv4Address::parse("192.168.15.10");
  const Ipv4Address h2 = *Ipv4Address::parse("192.168.15.68");
  const auto syn = TcpRepr::parse(bytes(kLinuxSynFrame, kL4), h1, h2);
  REQUIRE(syn);
  CHECK(syn->mss == 1460);
  CHECK(syn->sack_permitted);
  CHECK(syn->timestamps == TcpTimestamps{630278171, 0});
  CHECK(syn->window_scale == 10);
  CHECK(syn->header_len() == 40);  // the 74-byte SYN
  const auto ack = TcpRepr::parse(bytes(kLinuxTsAckFrame, kL4), h2, h1);
  REQUIRE(ack);
  CHECK(ack->timestamps == TcpTimestamps{3644395277u, 630278171});
  CHECK_FALSE(ack->sack_permitted);
  CHECK(ack->header_len() == 32);  // NOP NOP TS
  for (const auto& [frame, seg, src, dst] :
       {std::tuple{&kLinuxSynFrame, *syn, h1, h2}, std::tuple{&kLinuxTsAckFrame, *ack, h2, h1}}) {
    std::vector<uint8_t> out(seg.buffer_len());
    seg.emit(out, src, dst);
    CHECK(std::equal(out.begin(), out.end(), frame->begin() + kL4, frame->end()));
  }
}

TEST_CASE("TcpRepr writes SACK blocks behind the timestamps, as many as fit", "[tcp]") {
  TcpRepr repr;
  repr.flags = tcp_flags::Ack;
  repr.timestamps = TcpTimestamps{1, 2};
  repr.sack_count = 4;
  for (uint32_t b = 0; b < 4; ++b) repr.sack[b] = {100 * b + 10, 100 * b + 20};
  // 12 (TS) + 4 + 3 * 8 = 40 option bytes: the fourth block does not fit.
  CHECK(repr.header_len() == 60);
  std::vector<uint8_t> buffer(repr.buffer_len());
  repr.emit(buffer, kClient, kServer);
  CHECK(buffer[32] == 1);
  CHECK(buffer[33] == 1);
  CHECK(buffer[34] == 5);
  CHECK(buffer[35] == 26);
  const auto parsed = TcpRepr::parse(buffer, kClient, kServer);
  REQUIRE(parsed);
  CHECK(parsed->sack_count == 3);
  CHECK(parsed->sack[2] == TcpSackBlock{210, 220});
  repr.timestamps.reset();  // without timestamps all four fit
  CHECK(repr.header_len() == 20 + 4 + 32);
}

TEST_CASE("TcpRepr round-trips every option combination", "[tcp]") {
  const std::vector<uint8_t> payload = {'a', 'b', 'c'};
  for (int mask = 0; mask < 32; ++mask) {
    TcpRepr repr;
    repr.src_port = 1234;
    repr.dst_port = 80;
    repr.seq = 0xfffffff0u;
    repr.ack = 0x12345678u;
    repr.flags = tcp_flags::Ack | tcp_flags::Urg;
    repr.window = 1000;
    repr.urgent = 2;
    if (mask & 1) repr.mss = 536;
    if (mask & 2) repr.window_scale = 14;
    repr.sack_permitted = mask & 4;
    if (mask & 8) repr.timestamps = TcpTimestamps{0xfedcba98u, 7};
    if (mask & 16) {
      repr.sack_count = 2;
      repr.sack[0] = {5, 9};
      repr.sack[1] = {0xfffffff0u, 3};
    }
    repr.payload = payload;
    std::vector<uint8_t> buffer(repr.buffer_len());
    repr.emit(buffer, kClient, kServer);
    CHECK(repr.header_len() % 4 == 0);
    INFO(mask);
    CHECK(TcpRepr::parse(buffer, kClient, kServer) == repr);
  }
}

TEST_CASE("TcpRepr skips unknown options and stops at EOL", "[tcp]") {
  std::vector<uint8_t> s(segment(kTcpSynFrame, 24).begin(), segment(kTcpSynFrame, 24).end());
  // Append an unknown kind 30 (10 bytes) behind two NOPs and EOL + 3 bytes of
  // padding after the EOL that would be bad options.
  const std::vector<uint8_t> options = {1, 1, 30, 10, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0x02, 0x01, 0x00};
  s.insert(s.end(), options.begin(), options.end());
  s[12] = static_cast<uint8_t>((s.size() / 4) << 4);
  refresh_checksum(s, kClient, kServer);
  const auto tcp = TcpRepr::parse(s, kClient, kServer);
  REQUIRE(tcp);
  CHECK(tcp->mss == 1460);
  CHECK(tcp->payload.empty());
}

TEST_CASE("TcpRepr rejects truncation at every length", "[tcp]") {
  for (size_t n = 0; n < 24; ++n) {
    ParseError why{};
    INFO(n);
    CHECK_FALSE(TcpRepr::parse(segment(kTcpSynFrame, n), kClient, kServer, &why));
    CHECK(why == ParseError::Truncated);
  }
  // Cut inside the payload: the header is whole but the checksum no longer matches.
  for (size_t n = 20; n < 25; ++n) {
    ParseError why{};
    CHECK_FALSE(TcpRepr::parse(segment(kTcpPshAckFrame, n), kClient, kServer, &why));
    CHECK(why == ParseError::BadChecksum);
  }
}

TEST_CASE("TcpRepr rejects bad data offsets, option lengths and checksums", "[tcp]") {
  const std::vector<uint8_t> base(segment(kTcpSynFrame, 24).begin(),
                                  segment(kTcpSynFrame, 24).end());
  auto reject = [](std::vector<uint8_t> s, ParseError expected) {
    refresh_checksum(s, kClient, kServer);
    ParseError why{};
    CHECK_FALSE(TcpRepr::parse(s, kClient, kServer, &why));
    CHECK(why == expected);
  };
  for (uint8_t offset = 0; offset < 5; ++offset) {
    auto s = base;
    s[12] = static_cast<uint8_t>(offset << 4);
    reject(s, ParseError::BadHeaderLength);
  }
  auto too_long = base;
  too_long[12] = 7 << 4;  // 28 bytes in 24
  reject(too_long, ParseError::Truncated);

  // Each replaces the 4 option bytes of the SYN.
  const std::vector<std::vector<uint8_t>> bad_options = {
      {1, 1, 2, 4},   // MSS running past the end of the header
      {2, 3, 0, 0},   // MSS with the wrong length
      {3, 4, 7, 0},   // window scale with the wrong length
      {4, 3, 0, 0},   // SACK-permitted with the wrong length
      {8, 4, 0, 0},   // timestamps with the wrong length
      {5, 4, 0, 0},   // SACK blocks with a length that is no whole block
      {9, 1, 0, 0},   // length below 2
      {9, 0, 0, 0},   // length 0 (would never advance)
      {1, 1, 1, 30},  // a kind with no room for its length byte
  };
  for (const auto& options : bad_options) {
    auto s = base;
    std::copy(options.begin(), options.end(), s.begin() + 20);
    INFO(int(options[0]) << " " << int(options[1]) << " " << int(options[2]) << " "
                         << int(options[3]));
    reject(s, ParseError::BadHeaderLength);
  }

  auto corrupt = base;
  corrupt[5] ^= 0x01;
  ParseError why{};
  CHECK_FALSE(TcpRepr::parse(corrupt, kClient, kServer, &why));
  CHECK(why == ParseError::BadChecksum);
  CHECK(TcpRepr::parse(base, kServer, kClient));  // the pseudo-header sum is symmetric in src/dst
}
