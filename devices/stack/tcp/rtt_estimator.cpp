// RttEstimator: RFC 6298 §2 in integer nanoseconds (alpha 1/8, beta 1/4, K 4).
#include "devices/stack/tcp/rtt_estimator.h"

#include <algorithm>

namespace netsim::devices {

void RttEstimator::sample(Time rtt) {
  rtt = std::max(rtt, Time{1});  // a zero sample would read as "no sample yet"
  if (!has_sample()) {
    srtt_ = rtt;  // RFC 6298 §2.2
    rttvar_ = rtt / 2;
  } else {  // RFC 6298 §2.3: RTTVAR first, with the old SRTT
    const Time error = srtt_ > rtt ? srtt_ - rtt : rtt - srtt_;
    rttvar_ = (3 * rttvar_ + error) / 4;
    srtt_ = (7 * srtt_ + rtt) / 8;
  }
  // RTO = SRTT + max(G, 4 * RTTVAR): our clock ticks in nanoseconds, so G
  // never dominates; rto_min bounds it below (RFC 6298 §2.4 allows a lower
  // minimum than 1 s; Linux uses 200 ms).
  rto_ = std::clamp(srtt_ + std::max(Time{1}, 4 * rttvar_), rto_min_, kMaxRto);
  backoff_ = 0;
}

Time RttEstimator::rto() const {
  Time rto = rto_;
  for (int i = 0; i < backoff_ && rto < kMaxRto; ++i) rto *= 2;
  return std::min(rto, kMaxRto);
}

}  // namespace netsim::devices
