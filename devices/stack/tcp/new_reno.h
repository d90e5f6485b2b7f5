// One sender's congestion control: slow start and congestion avoidance
// (RFC 5681, byte counting with L = 2*SMSS per RFC 3465), initial window 10
// (RFC 6928, as Linux), fast retransmit and NewReno fast recovery (RFC 6582),
// the loss window after a retransmission timeout.
#pragma once
#include <cstdint>

#include "devices/stack/tcp/seq_number.h"

namespace netsim::devices {

class NewReno {
 public:
  static constexpr uint32_t kInitialSegments = 10;
  static constexpr int kDuplicateThreshold = 3;  // RFC 5681 §3.2

  // What the sender must retransmit after an ACK.
  enum class Action : uint8_t {
    None,
    FastRetransmit,     // third duplicate ACK: resend the first unacknowledged segment
    PartialRetransmit,  // RFC 6582 partial ACK: resend the first unacknowledged segment
  };

  // At ESTABLISHED, with the effective MSS. RFC 5681 §3.1: after a lost SYN
  // or SYN-ACK the initial window is one segment.
  void start(uint32_t smss, SeqNumber iss, bool syn_retransmitted);

  // ACK of `acked` new bytes (SYN/FIN included); `flight_after` bytes remain outstanding.
  Action on_new_ack(SeqNumber ack, uint32_t acked, uint32_t flight_after);
  // A duplicate ACK as RFC 5681 §2 defines it; `flight` = SND.NXT - SND.UNA,
  // `highest` = the highest sequence number sent so far plus one.
  Action on_duplicate_ack(SeqNumber ack, uint32_t flight, SeqNumber highest);
  // The retransmission timer expired; `first` unless this segment was already
  // retransmitted by a timeout (RFC 5681 §3.1: ssthresh is then held).
  void on_timeout(uint32_t flight, SeqNumber highest, bool first);
  // RFC 5681 §4.1 (Linux tcp_slow_start_after_idle): idle for more than an RTO.
  void restart_after_idle();

  uint32_t cwnd() const { return cwnd_; }
  uint32_t ssthresh() const { return ssthresh_; }
  bool in_recovery() const { return in_recovery_; }

 private:
  uint32_t reduced_ssthresh(uint32_t flight) const;

  uint32_t smss_ = 536;
  uint32_t cwnd_ = kInitialSegments * 536;
  uint32_t ssthresh_ = UINT32_MAX;  // "arbitrarily high" (RFC 5681 §3.1)
  uint32_t bytes_acked_ = 0;        // congestion avoidance's byte counter
  int duplicate_acks_ = 0;
  bool in_recovery_ = false;
  // RFC 6582 `recover`, kept one past the highest byte sent: a new fast
  // retransmit needs an ACK at or beyond it, so duplicate ACKs caused by
  // retransmissions of an earlier episode cannot start another.
  SeqNumber recover_;
};

}  // namespace netsim::devices
