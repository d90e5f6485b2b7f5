// RFC 6675's routines over a sorted list of SACKed ranges. A hole (an
// unSACKed run between SACKed ranges) has the same ranges above each of its
// bytes, so IsLost() is one answer per hole and SetPipe() walks holes, not
// bytes.
#include "devices/stack/tcp/sack_scoreboard.h"

#include <algorithm>

namespace netsim::devices {

std::string_view to_string(SackScoreboard::State s) {
  switch (s) {
    case SackScoreboard::State::Open:
      return "open";
    case SackScoreboard::State::Recovery:
      return "recovery";
    case SackScoreboard::State::Loss:
      return "loss";
  }
  return "?";
}

void SackScoreboard::reset(SeqNumber una, uint32_t smss) {
  sacked_.clear();
  sacked_bytes_ = 0;
  smss_ = smss;
  state_ = State::Open;
  dup_acks_ = 0;
  high_rxt_ = una;
  recovery_point_ = una;
  rescue_rxt_.reset();
}

uint32_t SackScoreboard::update(SeqNumber una, SeqNumber high_data,
                                std::span<const wire::TcpSackBlock> blocks) {
  sacked_.trim_below(una);
  const auto count = [this] {
    uint32_t bytes = 0;
    for (const auto& r : sacked_.ranges()) bytes += static_cast<uint32_t>(r.end - r.begin);
    return bytes;
  };
  const uint32_t before = count();
  for (const wire::TcpSackBlock& block : blocks) {
    const SeqNumber left(block.left), right(block.right);
    if (left < una || right > high_data || !(left < right)) continue;
    sacked_.add(left, right);
  }
  sacked_bytes_ = count();
  return sacked_bytes_ - before;
}

bool SackScoreboard::on_duplicate_ack(SeqNumber una) {
  ++dup_acks_;
  if (state_ != State::Open) return false;
  return dup_acks_ >= kDupThresh || is_lost(una);
}

bool SackScoreboard::on_cumulative_ack(SeqNumber una) {
  dup_acks_ = 0;
  if (state_ == State::Open || una < recovery_point_) return false;
  state_ = State::Open;
  return true;
}

void SackScoreboard::enter_recovery(SeqNumber una, SeqNumber high_data) {
  state_ = State::Recovery;
  recovery_point_ = high_data;
  high_rxt_ = una;
  rescue_rxt_.reset();
}

void SackScoreboard::enter_loss(SeqNumber una, SeqNumber high_data) {
  state_ = State::Loss;
  recovery_point_ = high_data;
  high_rxt_ = una;
  dup_acks_ = 0;
}

bool SackScoreboard::is_lost(SeqNumber seq) const {
  uint32_t bytes = 0, pieces = 0;
  bool sacked = false;
  for (const auto& r : sacked_.ranges()) {
    if (r.begin <= seq && seq < r.end) sacked = true;
    const SeqNumber from = seq_max(r.begin, seq + 1);
    if (!(from < r.end)) continue;
    const uint32_t len = static_cast<uint32_t>(r.end - from);
    bytes += len;
    pieces += (len + smss_ - 1) / smss_;
  }
  if (state_ == State::Loss && !sacked && seq < recovery_point_) return true;
  return pieces >= kDupThresh || bytes > (kDupThresh - 1) * smss_;
}

std::optional<SackScoreboard::Hole> SackScoreboard::hole_at(SeqNumber from,
                                                            SeqNumber high_data) const {
  for (const auto& r : sacked_.ranges()) {
    if (r.end <= from) continue;
    if (r.begin <= from) {
      from = r.end;
      continue;
    }
    return Hole{from, seq_min(r.begin, high_data)};
  }
  if (from < high_data) return Hole{from, high_data};
  return std::nullopt;
}

SeqNumber SackScoreboard::highest_sacked(SeqNumber una) const {
  return sacked_.empty() ? una : seq_max(una, sacked_.ranges().back().end);
}

uint32_t SackScoreboard::pipe(SeqNumber una, SeqNumber high_data) const {
  uint32_t pipe = 0;
  for (auto hole = hole_at(una, high_data); hole; hole = hole_at(hole->end, high_data)) {
    if (!is_lost(hole->begin)) pipe += static_cast<uint32_t>(hole->end - hole->begin);
    if (high_rxt_ > hole->begin)
      pipe += static_cast<uint32_t>(seq_min(hole->end, high_rxt_) - hole->begin);
  }
  return pipe;
}

std::optional<SackScoreboard::Segment> SackScoreboard::next_seg(SeqNumber una, SeqNumber high_data,
                                                                bool new_data) const {
  const auto hole = hole_at(seq_max(una, high_rxt_), high_data);
  const SeqNumber top = highest_sacked(una);
  // Rule 1: the first lost byte beyond HighRxt below the highest SACKed one
  // (in Loss state below RecoveryPoint: a lost tail has nothing SACKed above).
  const SeqNumber lost_limit = state_ == State::Loss ? seq_max(top, recovery_point_) : top;
  const auto piece = [&](Rule rule, SeqNumber begin, SeqNumber end) {
    return Segment{rule, begin, static_cast<uint32_t>(seq_min(end, begin + smss_) - begin)};
  };
  if (hole && hole->begin < lost_limit && is_lost(hole->begin))
    return piece(Rule::Lost, hole->begin, seq_min(hole->end, lost_limit));
  if (new_data) return Segment{Rule::NewData, SeqNumber(), 0};  // rule 2
  if (state_ != State::Recovery) return std::nullopt;
  // Rule 3: any unSACKed byte beyond HighRxt below the highest SACKed one.
  if (hole && hole->begin < top) return piece(Rule::Unsacked, hole->begin, hole->end);
  // Rule 4: once per episode, the segment ending at the highest unSACKed byte.
  if (rescue_rxt_ && una <= *rescue_rxt_) return std::nullopt;
  std::optional<Hole> last;
  for (auto h = hole_at(una, high_data); h; h = hole_at(h->end, high_data)) last = h;
  if (!last) return std::nullopt;
  const SeqNumber begin =
      last->end - std::min<uint32_t>(smss_, static_cast<uint32_t>(last->end - last->begin));
  return Segment{Rule::Rescue, begin, static_cast<uint32_t>(last->end - begin)};
}

void SackScoreboard::sent(const Segment& seg) {
  switch (seg.rule) {
    case Rule::Lost:
    case Rule::Unsacked:
      high_rxt_ = seq_max(high_rxt_, seg.seq + seg.len);
      break;
    case Rule::Rescue:
      rescue_rxt_ = recovery_point_;  // HighRxt stays (RFC 6675 rule 4)
      break;
    case Rule::NewData:
      break;
  }
}

}  // namespace netsim::devices
