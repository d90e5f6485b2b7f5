// RFC 6937 §3's pseudocode, in bytes.
#include "devices/stack/tcp/prr.h"

#include <algorithm>

namespace netsim::devices {

void ProportionalRateReduction::start(uint32_t recover_fs) {
  prr_delivered_ = 0;
  prr_out_ = 0;
  recover_fs_ = std::max<uint32_t>(recover_fs, 1);
  send_count_ = 0;
}

void ProportionalRateReduction::on_ack(uint32_t delivered, uint32_t pipe, uint32_t ssthresh,
                                       uint32_t smss) {
  prr_delivered_ += delivered;
  int64_t count;
  if (pipe > ssthresh) {
    // Proportional part: ceil(prr_delivered * ssthresh / RecoverFS) - prr_out.
    const uint64_t allowed = (prr_delivered_ * ssthresh + recover_fs_ - 1) / recover_fs_;
    count = static_cast<int64_t>(allowed) - static_cast<int64_t>(prr_out_);
  } else {
    // PRR-SSRB: grow back toward ssthresh, at most one SMSS beyond what was delivered.
    const int64_t owed = static_cast<int64_t>(prr_delivered_) - static_cast<int64_t>(prr_out_);
    const int64_t limit = std::max<int64_t>(owed, delivered) + smss;
    count = std::min<int64_t>(int64_t{ssthresh} - pipe, limit);
  }
  send_count_ = static_cast<uint32_t>(std::max<int64_t>(count, 0));
}

void ProportionalRateReduction::sent(uint32_t len) {
  prr_out_ += len;
  send_count_ -= std::min(send_count_, len);
}

}  // namespace netsim::devices
