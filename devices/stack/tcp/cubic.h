// CUBIC's window (RFC 9438), Linux's default congestion control: after a loss
// the window grows as a cubic function of the time since it, around the
// window where the loss happened (W_max), so it recovers quickly, then probes
// carefully near W_max, then fast again beyond it; it never grows slower than
// Reno would (the Reno-friendly region). Windows here are in segments, as in
// the RFC and in Linux's tcp_cubic.c; the caller keeps cwnd in bytes.
//
// HyStart (Linux's hystart=1, both detectors) ends slow start before the
// first loss: when the ACKs of one round keep arriving closely spaced for
// longer than half the minimum RTT (ACK train: the pipe is full), or when the
// round's RTT rises above the minimum by an eighth of it, clamped to 4-16 ms.
#pragma once
#include <algorithm>
#include <cstdint>
#include <optional>

#include "devices/stack/tcp/seq_number.h"
#include "sim/core/time.h"

namespace netsim::devices {

class Cubic {
 public:
  static constexpr double kC = 0.4;                  // RFC 9438 §5.1
  static constexpr uint32_t kBetaScale = 1024;       // Linux's beta: 717/1024
  static constexpr uint32_t kBeta = 717;             // ~0.7, RFC 9438 §4.6
  static constexpr uint32_t kHystartLowWindow = 16;  // segments, Linux hystart_low_window

  // A new connection, or a retransmission timeout (Linux bictcp_reset): no
  // W_max, no epoch, HyStart armed again.
  void reset();
  // A congestion event at `cwnd` bytes: W_max with fast convergence (§4.7),
  // the epoch ends; returns ssthresh in bytes (cwnd * beta, at least 2 SMSS).
  uint32_t on_congestion(uint32_t cwnd, uint32_t smss);
  // Congestion avoidance: cwnd after `acked` new bytes at `now`, with the
  // smoothed RTT `rtt` (§4.2: the target is W_cubic one RTT ahead).
  uint32_t avoid(uint32_t cwnd, uint32_t acked, uint32_t smss, Time now, Time rtt);
  // Sending resumes after `idle`: the epoch starts that much later (never
  // after now), as Linux's CA_EVENT_TX_START.
  void shift_epoch(Time idle, Time now) {
    if (epoch_) epoch_ = std::min(*epoch_ + idle, now);
  }

  // A new ACK (Linux cubictcp_acked): the minimum RTT from its sample, and in
  // slow start HyStart. True when HyStart ends slow start now (the caller
  // sets ssthresh = cwnd). `snd_una`/`snd_nxt` mark the rounds: a round ends
  // when everything sent at its start is acknowledged. `rtt_sample` is the
  // RTT of the newest segment the ACK covers (send_times.h), as Linux's.
  bool hystart(Time now, std::optional<Time> rtt_sample, bool slow_start, uint32_t cwnd,
               uint32_t smss, SeqNumber snd_una, SeqNumber snd_nxt);
  // Slow start begins (the connection is established): the first round.
  void start_round(Time now, SeqNumber snd_nxt);

  double w_max() const { return w_max_; }
  double k() const { return k_; }

 private:
  double w_max_ = 0;         // segments; 0: no loss seen since reset
  double cwnd_prior_ = 0;    // cwnd before the last reduction (§4.3's alpha switch)
  double w_est_ = 0;         // the Reno-friendly estimate (§4.3)
  double k_ = 0;             // seconds from the epoch's start to W_max
  double carry_ = 0;         // growth below one byte, kept for the next ACK
  std::optional<Time> epoch_;

  bool found_ = false;       // HyStart has ended this slow start
  Time delay_min_{0};        // smallest RTT sample; 0: none yet
  Time round_start_{0}, last_ack_{0};
  SeqNumber end_seq_;
  Time round_min_rtt_{0};    // smallest of this round's first samples (Linux curr_rtt)
  int samples_ = 0;
};

}  // namespace netsim::devices
