#include "devices/stack/tcp/send_times.h"

namespace netsim::devices {

void SendTimes::sent(SeqNumber end, Time at) { records_.push_back({end, false, at}); }

void SendTimes::retransmitted(SeqNumber begin, SeqNumber end) {
  // Records are in sequence order: those ending after `begin` and starting
  // before `end` (a record starts where the one before it ends).
  for (size_t i = head_; i < records_.size(); ++i) {
    if (records_[i].end <= begin) continue;
    if (i > head_ && records_[i - 1].end >= end) break;
    records_[i].retransmitted = true;
  }
}

SendTimes::Acked SendTimes::acknowledge(SeqNumber ack) {
  Acked acked;
  for (; head_ < records_.size() && records_[head_].end <= ack; ++head_) {
    const Record& r = records_[head_];
    if (r.retransmitted) {
      acked.retransmitted = true;
      continue;
    }
    if (!acked.oldest) acked.oldest = r.at;
    acked.newest = r.at;
  }
  if (head_ == records_.size()) {
    records_.clear();
    head_ = 0;
  } else if (head_ * 2 >= records_.size()) {
    records_.erase(records_.begin(), records_.begin() + static_cast<std::ptrdiff_t>(head_));
    head_ = 0;
  }
  return acked;
}

void SendTimes::clear() {
  records_ = {};
  head_ = 0;
}

}  // namespace netsim::devices
