// NewReno: the window arithmetic of RFC 5681 and RFC 6582 §3.2, step by step.
#include "devices/stack/tcp/new_reno.h"

#include <algorithm>

namespace netsim::devices {

void NewReno::start(uint32_t smss, SeqNumber iss, bool syn_retransmitted) {
  smss_ = smss;
  cwnd_ = syn_retransmitted ? smss : kInitialSegments * smss;
  ssthresh_ = UINT32_MAX;
  bytes_acked_ = 0;
  duplicate_acks_ = 0;
  in_recovery_ = false;
  recover_ = iss;  // RFC 6582 §3.2 step 1
}

uint32_t NewReno::reduced_ssthresh(uint32_t flight) const {
  return std::max(flight / 2, 2 * smss_);  // RFC 5681 §3.1 eq. 4
}

NewReno::Action NewReno::on_new_ack(SeqNumber ack, uint32_t acked, uint32_t flight_after) {
  duplicate_acks_ = 0;
  if (in_recovery_) {
    if (ack >= recover_) {
      // RFC 6582 §3.2 step 3, full ACK, option 1: cwnd = min(ssthresh,
      // max(FlightSize, SMSS) + SMSS) guards against a burst.
      in_recovery_ = false;
      cwnd_ = std::min(ssthresh_, std::max(flight_after, smss_) + smss_);
      bytes_acked_ = 0;
      return Action::None;
    }
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
  // Congestion avoidance (RFC 5681 §3.1, byte counting): one SMSS per cwnd acknowledged.
  bytes_acked_ += acked;
  if (bytes_acked_ >= cwnd_) {
    bytes_acked_ -= cwnd_;
    cwnd_ += smss_;
  }
  return Action::None;
}

NewReno::Action NewReno::on_duplicate_ack(SeqNumber ack, uint32_t flight, SeqNumber highest) {
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

void NewReno::on_timeout(uint32_t flight, SeqNumber highest, bool first) {
  if (first) ssthresh_ = reduced_ssthresh(flight);
  cwnd_ = smss_;  // RFC 5681 §3.1 eq. 5: the loss window
  bytes_acked_ = 0;
  duplicate_acks_ = 0;
  in_recovery_ = false;
  recover_ = highest;  // RFC 6582 §3.2 step 6
}

void NewReno::restart_after_idle() { cwnd_ = std::min(cwnd_, kInitialSegments * smss_); }

}  // namespace netsim::devices
