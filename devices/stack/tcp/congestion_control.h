// One sender's congestion control: slow start (RFC 5681, byte counting with
// L = 2*SMSS per RFC 3465), initial window 10 (RFC 6928, as Linux), fast
// retransmit and NewReno fast recovery (RFC 6582), the loss window after a
// retransmission timeout. How the window grows in congestion avoidance and
// how far a loss cuts it is the algorithm's: Reno's halving and one SMSS per
// window (RFC 5681), or CUBIC (RFC 9438, with HyStart ending slow start),
// Linux's default.
#pragma once
#include <cstdint>
#include <optional>

#include "devices/stack/tcp/cubic.h"
#include "devices/stack/tcp/seq_number.h"
#include "devices/stack/tcp/tcp_config.h"
#include "sim/core/time.h"

namespace netsim::devices {

// What CUBIC and HyStart need to know about an ACK besides the bytes.
struct AckClock {
  Time now{0};
  Time srtt{0};                    // the smoothed RTT (0: none yet)
  std::optional<Time> rtt_sample;  // this ACK's RTT measurement, if it gave one
  SeqNumber snd_nxt;               // HyStart's rounds end at what was sent
};

class CongestionControl {
 public:
  explicit CongestionControl(CongestionAlgorithm algorithm = CongestionAlgorithm::Cubic)
      : algorithm_(algorithm) {}

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
  void start(uint32_t smss, SeqNumber iss, bool syn_retransmitted, Time now);

  // ACK of `acked` new bytes (SYN/FIN included); `flight_after` bytes remain outstanding.
  Action on_new_ack(SeqNumber ack, uint32_t acked, uint32_t flight_after, const AckClock& clock);
  // A duplicate ACK as RFC 5681 §2 defines it; `flight` = SND.NXT - SND.UNA,
  // `highest` = the highest sequence number sent so far plus one.
  Action on_duplicate_ack(SeqNumber ack, uint32_t flight, SeqNumber highest);
  // The retransmission timer expired; `first` unless this segment was already
  // retransmitted by a timeout (RFC 5681 §3.1: ssthresh is then held).
  void on_timeout(uint32_t flight, SeqNumber highest, bool first);
  // With SACK, the scoreboard (sack_scoreboard.h) decides when recovery
  // starts and PRR what is sent; the cut stays the algorithm's: cwnd =
  // ssthresh (RFC 6675 §5), partial ACKs change nothing, and the ACK of
  // `highest` ends recovery with cwnd = ssthresh (Linux tcp_end_cwnd_reduction).
  void enter_sack_recovery(uint32_t flight, SeqNumber highest);
  // Sending resumes after `idle` with nothing outstanding. RFC 5681 §4.1
  // (Linux tcp_slow_start_after_idle): idle for more than an RTO restarts
  // from the initial window; CUBIC's epoch moves on by the idle time, so the
  // silence does not count as time to grow (Linux CA_EVENT_TX_START).
  void resume_after_idle(Time idle, Time rto, Time now);

  uint32_t cwnd() const { return cwnd_; }
  uint32_t ssthresh() const { return ssthresh_; }
  bool in_recovery() const { return in_recovery_; }
  CongestionAlgorithm algorithm() const { return algorithm_; }

 private:
  // ssthresh after a loss with `flight` bytes outstanding.
  uint32_t reduced_ssthresh(uint32_t flight);
  // Congestion avoidance's growth for `acked` bytes.
  void avoid(uint32_t acked, const AckClock& clock);

  CongestionAlgorithm algorithm_;
  Cubic cubic_;

  uint32_t smss_ = 536;
  uint32_t cwnd_ = kInitialSegments * 536;
  uint32_t ssthresh_ = UINT32_MAX;  // "arbitrarily high" (RFC 5681 §3.1)
  uint32_t bytes_acked_ = 0;        // congestion avoidance's byte counter
  int duplicate_acks_ = 0;
  bool in_recovery_ = false;
  bool sack_recovery_ = false;  // this connection recovers by SACK (never by on_duplicate_ack)
  // RFC 6582 `recover`, kept one past the highest byte sent: a new fast
  // retransmit needs an ACK at or beyond it, so duplicate ACKs caused by
  // retransmissions of an earlier episode cannot start another.
  SeqNumber recover_;
};

}  // namespace netsim::devices
