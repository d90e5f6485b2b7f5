// The retransmission timeout of one connection: RFC 6298's SRTT, deviation
// and exponential backoff, in Linux's variant (tcp_rtt_estimator), which
// takes a sample from every ACK: the deviation term is the largest of the
// last round trip, decays by a quarter per round, and is at least rto_min,
// so RTO = SRTT + max(4 * deviation, rto_min) (RFC 6298's RTO = SRTT + 4 *
// RTTVAR bounded below by rto_min would shrink to the minimum on a LAN, and
// a per-ACK RTTVAR would fade within one window).
#pragma once
#include "devices/stack/tcp/seq_number.h"
#include "sim/core/time.h"

namespace netsim::devices {

class RttEstimator {
 public:
  static constexpr Time kInitialRto = seconds(1);   // RFC 6298 §2.1
  static constexpr Time kFallbackRto = seconds(3);  // RFC 6298 §5.7: SYN lost, no sample
  static constexpr Time kMaxRto = seconds(120);     // Linux TCP_RTO_MAX (RFC: at least 60 s)

  explicit RttEstimator(Time rto_min) : rto_min_(rto_min) {}

  // A measurement (Karn's rule or a timestamp echo made it unambiguous);
  // `snd_una`/`snd_nxt` mark the rounds the deviation term decays over.
  // Ends any backoff (Linux resets icsk_backoff on a valid sample).
  void sample(Time rtt, SeqNumber snd_una, SeqNumber snd_nxt);
  // The timer's value now: the base RTO doubled per backoff, at most kMaxRto.
  Time rto() const;
  Time base_rto() const { return rto_; }
  // RFC 6298 §5.5: the timer expired.
  void back_off() { ++backoff_; }
  int backoff() const { return backoff_; }
  bool has_sample() const { return srtt_ > Time{0}; }
  Time srtt() const { return srtt_; }
  // The deviation term RTO adds to SRTT (Linux rttvar_us: 4 * mdev, at least rto_min).
  Time rttvar() const { return rttvar_; }
  // RFC 6298 §5.7: after a retransmitted SYN, data starts with a 3 s RTO.
  void use_fallback() {
    if (!has_sample()) rto_ = kFallbackRto;
    backoff_ = 0;
  }

 private:
  Time rto_min_;
  Time rto_ = kInitialRto;
  Time srtt_{0};
  Time mdev_{0};      // 4 x the mean deviation (Linux mdev_us)
  Time mdev_max_{0};  // the largest mdev_ of this round, at least rto_min
  Time rttvar_{0};
  SeqNumber round_end_;  // the round ends when SND.UNA passes it
  int backoff_ = 0;
};

}  // namespace netsim::devices
