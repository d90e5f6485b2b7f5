// The retransmission timeout of one connection (RFC 6298): SRTT and RTTVAR
// from RTT samples, the minimum and maximum bounds, and exponential backoff.
#pragma once
#include "sim/core/time.h"

namespace netsim::devices {

class RttEstimator {
 public:
  static constexpr Time kInitialRto = seconds(1);   // RFC 6298 §2.1
  static constexpr Time kFallbackRto = seconds(3);  // RFC 6298 §5.7: SYN lost, no sample
  static constexpr Time kMaxRto = seconds(120);     // Linux TCP_RTO_MAX (RFC: at least 60 s)

  explicit RttEstimator(Time rto_min) : rto_min_(rto_min) {}

  // A measurement from a segment that was not retransmitted (Karn). Ends any backoff.
  void sample(Time rtt);
  // The timer's value now: the base RTO doubled per backoff, at most kMaxRto.
  Time rto() const;
  Time base_rto() const { return rto_; }
  // RFC 6298 §5.5: the timer expired.
  void back_off() { ++backoff_; }
  int backoff() const { return backoff_; }
  bool has_sample() const { return srtt_ > Time{0}; }
  Time srtt() const { return srtt_; }
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
  Time rttvar_{0};
  int backoff_ = 0;
};

}  // namespace netsim::devices
