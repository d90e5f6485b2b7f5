// The window arithmetic of RFC 5681 and RFC 6582 §3.2, step by step, with
// CUBIC's growth and reduction in its place when it is the algorithm.
#include "devices/stack/tcp/congestion_control.h"

#include <algorithm>

namespace netsim::devices {

void CongestionControl::start(uint32_t smss, SeqNumber iss, bool syn_retransmitted, Time now) {
  cubic_.reset();
  cubic_.start_round(now, iss + 1);
  smss_ = smss;
  cwnd_ = syn_retransmitted ? smss : kInitialSegments * smss;
  ssthresh_ = UINT32_MAX;
  bytes_acked_ = 0;
  duplicate_acks_ = 0;
  in_recovery_ = sack_recovery_ = false;
  recover_ = iss;  // RFC 6582 §3.2 step 1
}

uint32_t CongestionControl::reduced_ssthresh(uint32_t flight) {
  // CUBIC cuts from cwnd as Linux does (bictcp_recalc_ssthresh), Reno from
  // what is in flight (RFC 5681 §3.1 eq. 4).
  if (algorithm_ == CongestionAlgorithm::Cubic) return cubic_.on_congestion(cwnd_, smss_);
  return std::max(flight / 2, 2 * smss_);
}

CongestionControl::Action CongestionControl::on_new_ack(SeqNumber ack, uint32_t acked,
                                                        uint32_t flight_after, const AckClock& clock) {
  duplicate_acks_ = 0;
  const bool slow_start = !in_recovery_ && cwnd_ < ssthresh_;
  if (algorithm_ == CongestionAlgorithm::Cubic &&
      cubic_.hystart(clock.now, clock.rtt_sample, slow_start, cwnd_, smss_, ack, clock.snd_nxt))
    ssthresh_ = cwnd_;  // HyStart: the pipe is full, slow start ends here
  if (in_recovery_) {
    if (ack >= recover_) {
      // RFC 6582 §3.2 step 3, full ACK, option 1: cwnd = min(ssthresh,
      // max(FlightSize, SMSS) + SMSS) guards against a burst.
      in_recovery_ = false;
      cwnd_ = sack_recovery_ ? ssthresh_ : std::min(ssthresh_, std::max(flight_after, smss_) + smss_);
      bytes_acked_ = 0;
      return Action::None;
    }
    if (sack_recovery_) return Action::None;
    // RFC 6582 §3.2 step 3, partial ACK: deflate by what was acknowledged,
    // add back one SMSS if at least that much was, and retransmit the next hole.
    cwnd_ = cwnd_ > acked ? cwnd_ - acked : smss_;
    if (acked >= smss_) cwnd_ += smss_;
    cwnd_ = std::max(cwnd_, smss_);
    return Action::PartialRetransmit;
  }
  if (cwnd_ < ssthresh_) {
    // Slow start, RFC 3465 §2.2 limit L = 2*SMSS per ACK; the part beyond
    // ssthresh counts toward congestion avoidance (as Linux tcp_slow_start).
    const uint32_t grown = cwnd_ + std::min(acked, 2 * smss_);
    if (grown <= ssthresh_) {
      cwnd_ = grown;
      return Action::None;
    }
    acked = grown - ssthresh_;
    cwnd_ = ssthresh_;
  }
  avoid(acked, clock);
  return Action::None;
}

void CongestionControl::avoid(uint32_t acked, const AckClock& clock) {
  if (algorithm_ == CongestionAlgorithm::Cubic) {
    cwnd_ = cubic_.avoid(cwnd_, acked, smss_, clock.now, clock.srtt);
    return;
  }
  // RFC 5681 §3.1, byte counting: one SMSS per cwnd acknowledged.
  bytes_acked_ += acked;
  if (bytes_acked_ >= cwnd_) {
    bytes_acked_ -= cwnd_;
    cwnd_ += smss_;
  }
}

CongestionControl::Action CongestionControl::on_duplicate_ack(SeqNumber ack, uint32_t flight, SeqNumber highest) {
  ++duplicate_acks_;
  if (in_recovery_) {
    cwnd_ += smss_;  // RFC 6582 §3.2 step 4: each further duplicate inflates the window
    return Action::None;
  }
  if (duplicate_acks_ != kDuplicateThreshold) return Action::None;
  // RFC 6582 §3.2 step 2: only when the ACK covers `recover`; otherwise these
  // duplicates echo retransmissions of an episode already handled.
  if (ack < recover_) return Action::None;
  recover_ = highest;
  ssthresh_ = reduced_ssthresh(flight);
  cwnd_ = ssthresh_ + kDuplicateThreshold * smss_;  // RFC 5681 §3.2 step 3
  in_recovery_ = true;
  bytes_acked_ = 0;
  return Action::FastRetransmit;
}

void CongestionControl::enter_sack_recovery(uint32_t flight, SeqNumber highest) {
  recover_ = highest;
  ssthresh_ = reduced_ssthresh(flight);
  cwnd_ = ssthresh_;
  in_recovery_ = true;
  sack_recovery_ = true;
  bytes_acked_ = 0;
}

void CongestionControl::on_timeout(uint32_t flight, SeqNumber highest, bool first) {
  if (first) ssthresh_ = reduced_ssthresh(flight);
  // Linux's loss state resets CUBIC whole (bictcp_reset): W_max, the epoch,
  // HyStart's minimum RTT.
  if (algorithm_ == CongestionAlgorithm::Cubic) cubic_.reset();
  cwnd_ = smss_;  // RFC 5681 §3.1 eq. 5: the loss window
  bytes_acked_ = 0;
  duplicate_acks_ = 0;
  in_recovery_ = false;
  recover_ = highest;  // RFC 6582 §3.2 step 6
}

void CongestionControl::resume_after_idle(Time idle, Time rto, Time now) {
  if (idle > rto) cwnd_ = std::min(cwnd_, kInitialSegments * smss_);
  cubic_.shift_epoch(idle, now);
}

}  // namespace netsim::devices
