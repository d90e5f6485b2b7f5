// The TCP engine's parts on their own: modular sequence numbers, the byte
// ring (wrap-around, growth with parked bytes), the send queue (references
// and copies), out-of-order ranges, the RFC 6298 estimator and the
// congestion window's arithmetic (NewReno, CUBIC).
#include <catch2/catch.hpp>
#include <numeric>

#include "devices/stack/tcp/byte_ring.h"
#include "devices/stack/tcp/congestion_control.h"
#include "devices/stack/tcp/receive_tuning.h"
#include "devices/stack/tcp/rtt_estimator.h"
#include "devices/stack/tcp/send_queue.h"
#include "devices/stack/tcp/send_times.h"
#include "devices/stack/tcp/seq_number.h"
#include "devices/stack/tcp/sequence_ranges.h"

using namespace netsim;
using namespace netsim::devices;

TEST_CASE("SeqNumber compares modulo 2^32", "[tcp]") {
  const SeqNumber near_end(0xfffffff0u);
  const SeqNumber wrapped = near_end + 0x20;
  CHECK(wrapped.value() == 0x10);
  CHECK(near_end < wrapped);
  CHECK(wrapped > near_end);
  CHECK(wrapped - near_end == 0x20);
  CHECK(near_end - wrapped == -0x20);
  CHECK(seq_max(near_end, wrapped) == wrapped);
  CHECK(seq_min(near_end, wrapped) == near_end);
}

TEST_CASE("ByteRing: FIFO across the wrap, parked bytes survive growth", "[tcp]") {
  ByteRing ring(10000);
  std::vector<uint8_t> data(3000);
  std::iota(data.begin(), data.end(), uint8_t{0});
  CHECK(ring.push(data) == 3000);
  std::vector<uint8_t> out(2500);
  CHECK(ring.pop(out) == 2500);
  CHECK(std::equal(out.begin(), out.end(), data.begin()));
  // The next 3000 wrap around the 4096-byte buffer.
  CHECK(ring.push(data) == 3000);
  std::vector<uint8_t> scratch(4000);
  const auto view = ring.view(500, 3000, scratch);
  CHECK(std::equal(view.begin(), view.end(), data.begin()));
  // Parked beyond the end (out-of-order), then growth, then the gap filled.
  const std::vector<uint8_t> later(2000, 0xee);
  ring.write_at(ring.size() + 1000, later);  // forces growth past 4096
  const std::vector<uint8_t> gap(1000, 0x11);
  ring.write_at(ring.size(), gap);
  ring.commit(3000);
  CHECK(ring.size() == 500 + 3000 + 3000);
  std::vector<uint8_t> all(ring.size());
  CHECK(ring.pop(all) == all.size());
  CHECK(std::equal(all.begin() + 500, all.begin() + 3500, data.begin()));
  CHECK(all[3500] == 0x11);
  CHECK(all[4499] == 0x11);
  CHECK(all[4500] == 0xee);
  CHECK(all.back() == 0xee);
  CHECK(ring.empty());
  // The limit bounds what push takes.
  const std::vector<uint8_t> big(20000, 1);
  CHECK(ring.push(big) == 10000);
  CHECK(ring.room() == 0);
  ring.release();
  CHECK(ring.empty());
}

TEST_CASE("SendQueue: referenced and copied bytes read back in order, across pieces", "[tcp]") {
  SendQueue q(5000);
  auto chunk = std::make_shared<std::vector<uint8_t>>(1000);
  std::iota(chunk->begin(), chunk->end(), uint8_t{0});
  const BytesOwner owner = chunk;
  const std::vector<uint8_t> small(10, 0xaa);  // too small to reference: copied
  CHECK(q.push(*chunk, owner) == 1000);
  CHECK(q.push(small) == 10);
  CHECK(q.push(small, owner) == 10);  // owner ignored below the threshold
  CHECK(q.push(*chunk, owner) == 1000);
  CHECK(q.size() == 2020);
  // A reference is the owner's bytes, not a copy.
  std::vector<uint8_t> scratch(3000);
  CHECK(q.view(5, 100, scratch).data() == chunk->data() + 5);
  // Across a reference, two copies (one piece) and a reference.
  const auto all = q.view(0, 2020, scratch);
  CHECK(std::equal(all.begin(), all.begin() + 1000, chunk->begin()));
  CHECK(std::all_of(all.begin() + 1000, all.begin() + 1020, [](uint8_t b) { return b == 0xaa; }));
  CHECK(std::equal(all.begin() + 1020, all.end(), chunk->begin()));
  // Acknowledged bytes go, partly into a piece; offsets stay queue-relative.
  q.discard(1005);
  CHECK(q.size() == 1015);
  const auto rest = q.view(0, 20, scratch);
  CHECK(std::all_of(rest.begin(), rest.begin() + 15, [](uint8_t b) { return b == 0xaa; }));
  CHECK(rest[15] == 0);
  CHECK(rest[19] == 4);
  // The limit bounds what push takes, references included.
  CHECK(q.push(*chunk, owner) == 1000);
  CHECK(q.push(*chunk, owner) == 1000);
  CHECK(q.push(*chunk, owner) == 1000);
  CHECK(q.push(*chunk, owner) == 985);
  CHECK(q.room() == 0);
  q.discard(100);
  // sendall resuming: the rest of the write, too small on its own, extends its piece.
  CHECK(q.push(std::span<const uint8_t>(*chunk).subspan(985), owner) == 15);
  CHECK(q.view(4900, 15, scratch).data() == chunk->data() + 985);
  CHECK(q.view(4899, 1, scratch)[0] == 984 % 256);
  q.discard(q.size());
  CHECK(q.empty());
  CHECK(q.push(small) == 10);
  CHECK(q.view(0, 10, scratch)[9] == 0xaa);
  q.release();
  CHECK(q.empty());
}

TEST_CASE("SendQueue: the same bytes written again extend one reference", "[tcp]") {
  SendQueue q(2600);
  auto chunk = std::make_shared<std::vector<uint8_t>>(1000);
  std::iota(chunk->begin(), chunk->end(), uint8_t{0});
  const BytesOwner owner = chunk;
  auto other = std::make_shared<std::vector<uint8_t>>(*chunk);  // equal bytes, another object
  CHECK(q.push(*chunk, owner) == 1000);
  CHECK(q.push(*chunk, owner) == 1000);
  CHECK(q.push(*chunk, owner) == 600);  // the buffer is full mid-write
  std::vector<uint8_t> scratch(2600);
  // Inside one repetition: the owner's bytes; across its end: a copy.
  CHECK(q.view(1010, 100, scratch).data() == chunk->data() + 10);
  const auto across = q.view(950, 100, scratch);
  CHECK(across.data() == scratch.data());
  for (size_t i = 0; i < 100; ++i) CHECK(across[i] == (950 + i) % 1000 % 256);
  // sendall resuming: the rest of the third write, then another object.
  q.discard(1500);
  CHECK(q.push(std::span<const uint8_t>(*chunk).subspan(600), owner) == 400);
  CHECK(q.push(*other, other) == 1000);
  CHECK(q.size() == 2500);
  CHECK(q.view(1099, 1, scratch)[0] == 599 % 256);  // the third write's last byte before the stop
  CHECK(q.view(1100, 400, scratch).data() == chunk->data() + 600);
  CHECK(q.view(1500, 10, scratch).data() == other->data());
  const auto all = q.view(0, 2500, scratch);
  for (size_t i = 0; i < 1500; ++i) CHECK(all[i] == (1500 + i) % 1000 % 256);
  CHECK(std::equal(all.begin() + 1500, all.end(), other->begin()));
}

TEST_CASE("SendQueue: a range in one referenced piece can be referenced by a frame", "[tcp]") {
  SendQueue q(5000);
  auto chunk = std::make_shared<std::vector<uint8_t>>(1000);
  std::iota(chunk->begin(), chunk->end(), uint8_t{0});
  const BytesOwner owner = chunk;
  q.push(*chunk, owner);
  q.push(*chunk, owner);
  const std::vector<uint8_t> small(10, 0xaa);
  q.push(small);
  q.discard(100);
  // Across the repetition's end: the unit, its phase and the length.
  const PayloadRef ref = q.reference(850, 300);
  REQUIRE(ref);
  CHECK(ref.data == chunk->data());
  CHECK(ref.unit == 1000);
  CHECK(ref.phase == 950);
  CHECK(ref.len == 300);
  std::vector<uint8_t> copy(300), scratch(300);
  ref.copy_to(copy.data());
  const auto view = q.view(850, 300, scratch);
  CHECK(std::equal(copy.begin(), copy.end(), view.begin()));
  CHECK_FALSE(q.reference(1890, 20));  // into the copied bytes
  CHECK_FALSE(q.reference(1900, 5));   // copied bytes
  CHECK_FALSE(q.reference(0, 0));
}

TEST_CASE("SequenceRanges merge and hand over to RCV.NXT", "[tcp]") {
  SequenceRanges r;
  const SeqNumber base(0xffffff00u);  // across the wrap
  r.add(base + 300, base + 400);
  r.add(base + 100, base + 200);
  r.add(base + 200, base + 250);  // touches: merged
  REQUIRE(r.count() == 2);
  CHECK(r.ranges()[0].begin == base + 100);
  CHECK(r.ranges()[0].end == base + 250);
  CHECK(r.take_contiguous(base + 50) == base + 50);  // a hole before 100
  // In-order data up to 320 covers the first range and reaches into the second.
  CHECK(r.take_contiguous(base + 320) == base + 400);
  CHECK(r.empty());
}

TEST_CASE("SendTimes: every ACK times what it covers, except what went twice", "[tcp]") {
  SendTimes times;
  const SeqNumber s0(UINT32_MAX - 1000);  // the numbers wrap on the way
  for (uint32_t i = 1; i <= 5; ++i) times.sent(s0 + 1000 * i, milliseconds(i));
  // Half a segment acknowledged: nothing whole, nothing timed.
  SendTimes::Acked a = times.acknowledge(s0 + 500);
  CHECK(!a.oldest);
  CHECK(!a.retransmitted);
  a = times.acknowledge(s0 + 2000);  // segments 1 and 2
  CHECK(a.oldest == milliseconds(1));
  CHECK(a.newest == milliseconds(2));
  // Bytes 2500-3500 go again: segments 3 and 4 are ambiguous (Karn), 5 is not.
  times.retransmitted(s0 + 2500, s0 + 3500);
  a = times.acknowledge(s0 + 4000);
  CHECK(a.retransmitted);
  CHECK(!a.oldest);
  a = times.acknowledge(s0 + 5000);
  CHECK(a.oldest == milliseconds(5));
  CHECK(!a.retransmitted);
  CHECK(!times.acknowledge(s0 + 6000).oldest);  // nothing left
}

TEST_CASE("ReceiveTuning grows the window once per round trip the reader keeps up", "[tcp]") {
  ReceiveTuning tuning;
  const SeqNumber s0(UINT32_MAX - 100);
  tuning.start(65536, 1460, s0, Time{0});  // the first round is measured against 10 x 1460 bytes
  CHECK(!tuning.on_read(s0 + 30000, milliseconds(50), 65536, 3145728));  // no RTT measured yet
  tuning.echo_sample(7, milliseconds(40));
  tuning.echo_sample(7, seconds(1));  // the same echo again: no new sample
  CHECK(tuning.rtt() == milliseconds(40));
  CHECK(!tuning.on_read(s0 + 30000, milliseconds(30), 65536, 3145728));  // within the round
  // 30000 read in the round: 2 x 30000 + 16 x 1460 = 83360, plus twice its
  // growth over the 14600 of the round before (Linux tcp_rcv_space_adjust).
  CHECK(tuning.on_read(s0 + 30000, milliseconds(50), 65536, 3145728) == 83360u + 2 * 87927u);
  // Less than last round: no change; the limit caps the growth.
  CHECK(!tuning.on_read(s0 + 40000, milliseconds(100), 259214, 3145728));
  CHECK(tuning.on_read(s0 + 4000000, milliseconds(150), 259214, 3145728) == 3145728u);
  // Without timestamps: the time one window takes to arrive, its minimum.
  ReceiveTuning windows;
  windows.start(65536, 1460, s0, Time{0});
  windows.window_sample(s0 + 1000, 65536, milliseconds(60));
  windows.window_sample(s0 + 2000, 65536, milliseconds(70));  // the window has not passed
  windows.window_sample(s0 + 70000, 65536, milliseconds(110));
  CHECK(windows.rtt() == milliseconds(50));
}

TEST_CASE("RttEstimator follows Linux's variant of RFC 6298", "[tcp]") {
  RttEstimator rtt(milliseconds(200));
  const SeqNumber s0(4000);
  CHECK(rtt.rto() == seconds(1));                    // RFC 6298 §2.1
  rtt.sample(milliseconds(100), s0, s0 + 10);  // the first: RTO = 3 x RTT, at least SRTT + rto_min
  CHECK(rtt.srtt() == milliseconds(100));
  CHECK(rtt.rttvar() == milliseconds(200));
  CHECK(rtt.rto() == milliseconds(300));
  rtt.sample(milliseconds(300), s0 + 5, s0 + 10);  // §2.3's gains: 4 x (3/4 * 50 + 1/4 * 200)
  CHECK(rtt.srtt() == milliseconds(125));
  CHECK(rtt.rttvar() == milliseconds(350));
  CHECK(rtt.rto() == milliseconds(475));
  // Many samples within one round trip (one per ACK) do not wear the
  // deviation down, as RFC 6298's RTTVAR would...
  for (int i = 0; i < 20; ++i) rtt.sample(milliseconds(10), s0 + 6, s0 + 10);
  CHECK(rtt.rttvar() >= milliseconds(350));
  // ...each round trip does, towards rto_min: on a LAN RTO = SRTT + rto_min.
  for (uint32_t i = 0; i < 100; ++i) rtt.sample(milliseconds(10), s0 + 11 + i, s0 + 12 + i);
  CHECK(rtt.srtt() >= milliseconds(10));
  CHECK(rtt.srtt() < milliseconds(10) + microseconds(1));
  CHECK(rtt.rttvar() >= milliseconds(200));
  CHECK(rtt.rttvar() < milliseconds(200) + microseconds(1));
  const Time base = rtt.rto();
  rtt.back_off();
  rtt.back_off();
  CHECK(rtt.rto() == 4 * base);  // RFC 6298 §5.5
  for (int i = 0; i < 20; ++i) rtt.back_off();
  CHECK(rtt.rto() == seconds(120));
  rtt.sample(milliseconds(10), s0 + 200, s0 + 201);
  CHECK(rtt.backoff() == 0);
}

TEST_CASE("NewReno: slow start, avoidance, fast recovery, timeout", "[tcp]") {
  CongestionControl cc(CongestionAlgorithm::NewReno);
  const uint32_t mss = 1000;
  cc.start(mss, SeqNumber(0), false, Time{0});
  CHECK(cc.cwnd() == 10 * mss);
  SeqNumber ack(1);
  // Slow start: at most 2 SMSS per ACK (RFC 3465 L = 2).
  ack += 5000;
  cc.on_new_ack(ack, 5000, 5000, {});
  CHECK(cc.cwnd() == 12 * mss);
  ack += 1000;
  cc.on_new_ack(ack, 1000, 5000, {});
  CHECK(cc.cwnd() == 13 * mss);
  // Three duplicates: ssthresh = flight / 2, cwnd = ssthresh + 3 SMSS.
  CHECK(cc.on_duplicate_ack(ack, 12000, ack + 12000) == CongestionControl::Action::None);
  CHECK(cc.on_duplicate_ack(ack, 12000, ack + 12000) == CongestionControl::Action::None);
  CHECK(cc.on_duplicate_ack(ack, 12000, ack + 12000) == CongestionControl::Action::FastRetransmit);
  CHECK(cc.ssthresh() == 6000);
  CHECK(cc.cwnd() == 9000);
  CHECK(cc.on_duplicate_ack(ack, 12000, ack + 12000) == CongestionControl::Action::None);
  CHECK(cc.cwnd() == 10000);  // inflated
  // A partial ACK of 3000: deflate by 3000, add back one SMSS, retransmit.
  CHECK(cc.on_new_ack(ack + 3000, 3000, 9000, {}) == CongestionControl::Action::PartialRetransmit);
  CHECK(cc.cwnd() == 8000);
  CHECK(cc.in_recovery());
  // The full ACK ends recovery: min(ssthresh, max(flight, SMSS) + SMSS).
  CHECK(cc.on_new_ack(ack + 12000, 9000, 0, {}) == CongestionControl::Action::None);
  CHECK(!cc.in_recovery());
  CHECK(cc.cwnd() == 2000);
  // Duplicates echoing the old episode's retransmissions start nothing new.
  CongestionControl again(CongestionAlgorithm::NewReno);
  again.start(mss, SeqNumber(0), false, Time{0});
  again.on_timeout(10000, SeqNumber(10001), true);
  CHECK(again.cwnd() == mss);
  CHECK(again.ssthresh() == 5000);
  for (int i = 0; i < 3; ++i)
    CHECK(again.on_duplicate_ack(SeqNumber(2001), 1000, SeqNumber(10001)) == CongestionControl::Action::None);
  // A second timeout of the same segment keeps ssthresh (RFC 5681 §3.1).
  again.on_timeout(1000, SeqNumber(10001), false);
  CHECK(again.ssthresh() == 5000);
  // Congestion avoidance above ssthresh: one SMSS per window of data.
  CongestionControl ca(CongestionAlgorithm::NewReno);
  ca.start(mss, SeqNumber(0), false, Time{0});
  ca.on_timeout(8000, SeqNumber(8001), true);  // ssthresh 4000, cwnd 1000
  SeqNumber a(8001);
  for (int i = 0; i < 3; ++i) ca.on_new_ack(a += 1000, 1000, 0, {});
  CHECK(ca.cwnd() == 4000);
  for (int i = 0; i < 4; ++i) ca.on_new_ack(a += 1000, 1000, 0, {});
  CHECK(ca.cwnd() == 5000);
}
