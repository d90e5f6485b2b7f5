// The SACK scoreboard (RFC 6675) and PRR (RFC 6937) on hand-made block
// sequences: segments of 1000 bytes from sequence number 1000.
#include "devices/stack/tcp/sack_scoreboard.h"

#include <catch2/catch.hpp>
#include <vector>

#include "devices/stack/tcp/prr.h"

using namespace netsim;
using namespace netsim::devices;

namespace {

constexpr uint32_t kMss = 1000;
const SeqNumber kUna(1000);

// Segment i covers [1000 + 1000 i, 2000 + 1000 i).
SeqNumber seg(uint32_t i) { return SeqNumber(1000 + i * kMss); }

// An ACK of `una` SACKing segments [first, last) as one block.
uint32_t sack(SackScoreboard& board, SeqNumber una, uint32_t first, uint32_t last,
              SeqNumber high = seg(10)) {
  const wire::TcpSackBlock block{seg(first).value(), seg(last).value()};
  return board.update(una, high, std::span(&block, 1));
}

SackScoreboard fresh() {
  SackScoreboard board;
  board.reset(kUna, kMss);
  return board;
}

}  // namespace

TEST_CASE("SACK scoreboard: blocks merge, and invalid or D-SACK blocks change nothing",
          "[tcp][sack]") {
  SackScoreboard board = fresh();
  CHECK(sack(board, kUna, 2, 3) == kMss);
  CHECK(sack(board, kUna, 3, 5) == 2 * kMss);
  REQUIRE(board.sacked().count() == 1);
  CHECK(board.sacked_bytes() == 3 * kMss);
  // Already SACKed (a D-SACK inside the board), below SND.UNA, beyond
  // HighData, or inverted: ignored.
  CHECK(sack(board, kUna, 3, 4) == 0);
  const wire::TcpSackBlock bad[] = {
      {500, 1000}, {seg(9).value(), seg(12).value()}, {seg(7).value(), seg(6).value()}};
  CHECK(board.update(kUna, seg(10), bad) == 0);
  CHECK(board.sacked_bytes() == 3 * kMss);
  // A cumulative ACK into the SACKed range trims it.
  CHECK(sack(board, seg(3), 6, 7) == kMss);
  CHECK(board.sacked_bytes() == 3 * kMss);  // [3,5) and [6,7)
  CHECK(board.sacked().ranges().front().begin == seg(3));
  sack(board, seg(7), 0, 0);
  CHECK(board.sacked().empty());
}

TEST_CASE("SACK scoreboard: IsLost needs DupThresh segments SACKed above", "[tcp][sack]") {
  SackScoreboard board = fresh();
  sack(board, kUna, 1, 3);  // two segments above segment 0
  CHECK(!board.is_lost(seg(0)));
  sack(board, kUna, 3, 4);
  CHECK(board.is_lost(seg(0)));   // three segments above: lost
  CHECK(!board.is_lost(seg(4)));  // nothing above
  // Three discontiguous small pieces above count as three segments.
  SackScoreboard small = fresh();
  const wire::TcpSackBlock pieces[] = {{seg(1).value(), seg(1).value() + 100},
                                       {seg(2).value(), seg(2).value() + 100},
                                       {seg(3).value(), seg(3).value() + 100}};
  small.update(kUna, seg(10), pieces);
  CHECK(small.is_lost(seg(0)));
  CHECK(!small.is_lost(seg(1) + 100));  // two pieces above
}

TEST_CASE("SACK scoreboard: pipe counts what is neither SACKed nor lost, plus retransmissions",
          "[tcp][sack]") {
  SackScoreboard board = fresh();
  // Ten segments out; 0 and 4 lost, 1-3 and 5-6 SACKed.
  sack(board, kUna, 1, 4);
  sack(board, kUna, 5, 7);
  CHECK(board.is_lost(seg(0)));
  CHECK(!board.is_lost(seg(4)));  // only two SACKed above
  // Segment 0 lost (not in pipe), 4 in flight, 7-9 in flight.
  CHECK(board.pipe(kUna, seg(10)) == 4 * kMss);
  board.enter_recovery(kUna, seg(10));
  const auto first = board.next_seg(kUna, seg(10), true);
  REQUIRE(first);
  CHECK(first->rule == SackScoreboard::Rule::Lost);
  CHECK(first->seq == seg(0));
  CHECK(first->len == kMss);
  board.sent(*first);
  CHECK(board.pipe(kUna, seg(10)) == 5 * kMss);  // the retransmission is in flight
}

TEST_CASE("SACK scoreboard: NextSeg rules 1 to 4 in order", "[tcp][sack]") {
  SackScoreboard board = fresh();
  // Holes at 0-1 (lost: five SACKed above), 4 (not lost: two above).
  sack(board, kUna, 2, 4);
  sack(board, kUna, 5, 7);
  CHECK(board.on_duplicate_ack(kUna));  // IsLost(HighACK + 1) already
  board.enter_recovery(kUna, seg(8));
  CHECK(board.recovery_point() == seg(8));
  // Rule 1: the lost segments, one at a time, each beyond HighRxt.
  for (uint32_t i : {0u, 1u}) {
    const auto next = board.next_seg(kUna, seg(8), true);
    REQUIRE(next);
    CHECK(next->rule == SackScoreboard::Rule::Lost);
    CHECK(next->seq == seg(i));
    board.sent(*next);
  }
  // Rule 2: new data, when there is some the receive window allows.
  auto next = board.next_seg(kUna, seg(8), true);
  REQUIRE(next);
  CHECK(next->rule == SackScoreboard::Rule::NewData);
  // Rule 3: otherwise the hole not yet judged lost.
  next = board.next_seg(kUna, seg(8), false);
  REQUIRE(next);
  CHECK(next->rule == SackScoreboard::Rule::Unsacked);
  CHECK(next->seq == seg(4));
  board.sent(*next);
  // Rule 4: once, the segment holding the highest unSACKed byte (segment 7).
  next = board.next_seg(kUna, seg(8), false);
  REQUIRE(next);
  CHECK(next->rule == SackScoreboard::Rule::Rescue);
  CHECK(next->seq == seg(7));
  CHECK(next->len == kMss);
  board.sent(*next);
  CHECK(!board.next_seg(kUna, seg(8), false));
  // A partial ACK keeps recovery; the ACK of the recovery point ends it.
  CHECK(!board.on_cumulative_ack(seg(2)));
  CHECK(board.state() == SackScoreboard::State::Recovery);
  CHECK(board.on_cumulative_ack(seg(8)));
  CHECK(board.state() == SackScoreboard::State::Open);
}

TEST_CASE("SACK scoreboard: DupThresh duplicate ACKs start recovery, not fewer", "[tcp][sack]") {
  SackScoreboard board = fresh();
  sack(board, kUna, 1, 2);
  CHECK(!board.on_duplicate_ack(kUna));
  sack(board, kUna, 2, 3);
  CHECK(!board.on_duplicate_ack(kUna));
  sack(board, kUna, 3, 4);
  CHECK(board.on_duplicate_ack(kUna));
  CHECK(board.duplicate_acks() == 3);
  board.enter_recovery(kUna, seg(10));
  CHECK(!board.on_duplicate_ack(kUna));  // already recovering
}

TEST_CASE("SACK scoreboard: after a timeout everything not SACKed is lost, SACKed is kept",
          "[tcp][sack]") {
  SackScoreboard board = fresh();
  sack(board, kUna, 2, 3);  // one segment SACKed: nothing lost by the SACK rule
  CHECK(!board.is_lost(seg(0)));
  board.enter_loss(kUna, seg(5));
  CHECK(board.is_lost(seg(0)));
  CHECK(board.is_lost(seg(4)));   // the tail too
  CHECK(!board.is_lost(seg(2)));  // SACKed
  CHECK(board.pipe(kUna, seg(5)) == 0);
  std::vector<uint32_t> resent;
  while (auto next = board.next_seg(kUna, seg(5), false)) {
    REQUIRE(next->rule == SackScoreboard::Rule::Lost);
    resent.push_back(static_cast<uint32_t>(next->seq - kUna) / kMss);
    board.sent(*next);
  }
  CHECK(resent == std::vector<uint32_t>{0, 1, 3, 4});  // segment 2 is not sent again
  CHECK(board.pipe(kUna, seg(5)) == 4 * kMss);
  // New data sent after the timeout (beyond the recovery point) is in flight, not lost.
  CHECK(!board.is_lost(seg(6)));
  CHECK(board.on_cumulative_ack(seg(5)));
}

TEST_CASE("PRR: sending falls in proportion to delivery, then slow-starts back to ssthresh",
          "[tcp][sack][prr]") {
  ProportionalRateReduction prr;
  // 20 segments out, ssthresh 10: one segment goes for every two delivered.
  prr.start(20 * kMss);
  CHECK(prr.may_send(kMss));  // the fast retransmit goes at once
  prr.sent(kMss);
  uint64_t sent = kMss;
  for (int ack = 0; ack < 10; ++ack) {
    prr.on_ack(kMss, 15 * kMss, 10 * kMss, kMss);
    while (prr.may_send(kMss)) {
      prr.sent(kMss);
      sent += kMss;
    }
  }
  CHECK(prr.delivered() == 10 * kMss);
  CHECK(sent == 5 * kMss);  // ceil(10 * 10 / 20) segments
  // Pipe below ssthresh (more losses): PRR-SSRB lets one segment more than delivered go.
  prr.on_ack(kMss, 4 * kMss, 10 * kMss, kMss);
  CHECK(prr.send_count() == 6 * kMss);  // prr_delivered - prr_out + MSS = 11 - 5 + 1
  prr.on_ack(kMss, 9 * kMss + 500, 10 * kMss, kMss);
  CHECK(prr.send_count() == 500);  // never beyond ssthresh
}
