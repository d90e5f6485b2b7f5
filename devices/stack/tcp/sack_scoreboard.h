// A sender's SACK scoreboard and loss recovery (RFC 6675): which bytes
// between SND.UNA (HighACK) and SND.MAX (HighData) the peer reports holding,
// the recovery variables (HighRxt, RescueRxt, RecoveryPoint, DupAcks) and the
// RFC's four routines: Update(), IsLost(), SetPipe(), NextSeg(). Linux is the
// reference where the RFC leaves room: after a retransmission timeout every
// byte not SACKed counts as lost, and SACKed bytes are not sent again
// (tcp_enter_loss). How far the window is cut stays the congestion
// algorithm's; how fast recovery sends is PRR's (prr.h).
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "devices/stack/tcp/seq_number.h"
#include "devices/stack/tcp/sequence_ranges.h"
#include "sim/wire/tcp.h"

namespace netsim::devices {

class SackScoreboard {
 public:
  static constexpr int kDupThresh = 3;  // RFC 6675 §2 DupThresh

  enum class State : uint8_t {
    Open,      // no loss known
    Recovery,  // fast recovery after DupThresh duplicates or IsLost(HighACK+1)
    Loss,      // after a retransmission timeout: everything not SACKed is lost
  };

  // What NextSeg() chose (RFC 6675 §4 rules 1 to 4).
  enum class Rule : uint8_t { Lost = 1, NewData = 2, Unsacked = 3, Rescue = 4 };
  struct Segment {
    Rule rule = Rule::Lost;
    SeqNumber seq;     // Rule::NewData: unused (the sender sends from SND.NXT)
    uint32_t len = 0;  // sequence space, a FIN included
  };

  // A new connection whose first unacknowledged byte is `una`.
  void reset(SeqNumber una, uint32_t smss);
  void set_smss(uint32_t smss) { smss_ = smss; }

  // Update(): an ACK of `una` with `blocks`, HighData = `high_data`. Blocks
  // not wholly within (una, high_data] are ignored (RFC 2018 §3 checks, and
  // a D-SACK block below SND.UNA, RFC 2883); one inside what is already
  // SACKed changes nothing. Returns the bytes newly SACKed.
  uint32_t update(SeqNumber una, SeqNumber high_data, std::span<const wire::TcpSackBlock> blocks);

  // An ACK that acknowledged nothing new but reported new SACKed bytes or
  // met RFC 5681's duplicate conditions. True: recovery should start now
  // (DupAcks reached DupThresh, or IsLost(HighACK+1)), RecoveryPoint covered.
  bool on_duplicate_ack(SeqNumber una);
  // A cumulative ACK advanced SND.UNA to `una`: DupAcks restarts; recovery
  // (or loss) ends when it covers RecoveryPoint. True if it just ended.
  bool on_cumulative_ack(SeqNumber una);
  // RFC 6675 §5 step 4: RecoveryPoint = HighData, HighRxt = HighACK, a new rescue.
  void enter_recovery(SeqNumber una, SeqNumber high_data);
  // RFC 6675 §5.1, as Linux tcp_enter_loss: RecoveryPoint = HighData, every
  // hole below it lost; retransmission starts over from HighACK.
  void enter_loss(SeqNumber una, SeqNumber high_data);

  // IsLost(seq): DupThresh SACKed segments above seq (counted in SMSS
  // pieces), or more than (DupThresh - 1) * SMSS bytes SACKed above it; in
  // Loss state every unSACKed byte below RecoveryPoint.
  bool is_lost(SeqNumber seq) const;
  // SetPipe(): bytes thought to be in the network between HighACK and
  // HighData: unSACKed and not lost, plus retransmitted (below HighRxt).
  uint32_t pipe(SeqNumber una, SeqNumber high_data) const;
  // NextSeg(): what to send next, at most `smss` bytes; `new_data` says
  // whether unsent data may go (RFC 6675 rule 2: it exists and the receive
  // window allows it). Nothing when none of the four rules applies.
  std::optional<Segment> next_seg(SeqNumber una, SeqNumber high_data, bool new_data) const;
  // The sender sent what next_seg() chose: HighRxt or RescueRxt move.
  void sent(const Segment& seg);

  State state() const { return state_; }
  bool recovering() const { return state_ != State::Open; }
  SeqNumber recovery_point() const { return recovery_point_; }
  uint32_t sacked_bytes() const { return sacked_bytes_; }
  const SequenceRanges& sacked() const { return sacked_; }
  int duplicate_acks() const { return dup_acks_; }

 private:
  // The first byte at or above `from` that is not SACKed, and the end of
  // its hole (the next SACKed byte, or `high_data`).
  struct Hole {
    SeqNumber begin, end;
  };
  std::optional<Hole> hole_at(SeqNumber from, SeqNumber high_data) const;
  SeqNumber highest_sacked(SeqNumber una) const;

  SequenceRanges sacked_;  // sorted, disjoint, all above SND.UNA
  uint32_t sacked_bytes_ = 0;
  uint32_t smss_ = 536;
  State state_ = State::Open;
  int dup_acks_ = 0;
  SeqNumber high_rxt_;        // one past the highest byte retransmitted in this episode
  SeqNumber recovery_point_;  // HighData when recovery (or loss) began
  std::optional<SeqNumber> rescue_rxt_;
};

std::string_view to_string(SackScoreboard::State s);

}  // namespace netsim::devices
