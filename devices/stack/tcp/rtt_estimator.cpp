// RttEstimator: Linux's tcp_rtt_estimator and __tcp_set_rto in integer
// nanoseconds (gains 1/8 for SRTT and 1/4 for the deviation, as RFC 6298).
#include "devices/stack/tcp/rtt_estimator.h"

#include <algorithm>

namespace netsim::devices {

void RttEstimator::sample(Time rtt, SeqNumber snd_una, SeqNumber snd_nxt) {
  rtt = std::max(rtt, Time{1});  // a zero sample would read as "no sample yet"
  if (!has_sample()) {
    srtt_ = rtt;
    mdev_ = 2 * rtt;  // RTO = 3 x the first sample (RFC 6298 §2.2), or SRTT + rto_min
    rttvar_ = mdev_max_ = std::max(mdev_, rto_min_);
    round_end_ = snd_nxt;
  } else {
    Time error = rtt - srtt_;
    srtt_ += error / 8;
    if (error < Time{0}) {
      // A falling RTT moves the deviation with a finer gain (1/32): like
      // Eifel, a sudden drop does not inflate the RTO.
      error = -error - mdev_ / 4;
      if (error > Time{0}) error /= 8;
    } else {
      error -= mdev_ / 4;
    }
    mdev_ += error;
    if (mdev_ > mdev_max_) {
      mdev_max_ = mdev_;
      rttvar_ = std::max(rttvar_, mdev_max_);
    }
    if (snd_una > round_end_) {  // a round trip has passed: the term decays towards its maximum
      if (mdev_max_ < rttvar_) rttvar_ -= (rttvar_ - mdev_max_) / 4;
      round_end_ = snd_nxt;
      mdev_max_ = rto_min_;
    }
  }
  rto_ = std::min(srtt_ + rttvar_, kMaxRto);
  backoff_ = 0;
}

Time RttEstimator::rto() const {
  Time rto = rto_;
  for (int i = 0; i < backoff_ && rto < kMaxRto; ++i) rto *= 2;
  return std::min(rto, kMaxRto);
}

}  // namespace netsim::devices
