// Proportional Rate Reduction (RFC 6937), how Linux paces sending during
// fast recovery: over one round trip the sender's output falls from what was
// in flight (RecoverFS) to ssthresh in proportion to what the receiver
// reports delivered, instead of pausing for half a window and then bursting;
// when losses took pipe below ssthresh, slow start rebuilds it (PRR-SSRB).
#pragma once
#include <cstdint>

namespace netsim::devices {

class ProportionalRateReduction {
 public:
  // Entering recovery with `recover_fs` bytes outstanding.
  void start(uint32_t recover_fs);
  // An ACK in recovery delivered `delivered` bytes (cumulatively or by new
  // SACKs); `pipe` is what is in flight after it. Sets what may go now.
  void on_ack(uint32_t delivered, uint32_t pipe, uint32_t ssthresh, uint32_t smss);
  // The first retransmission goes whatever the count says (RFC 6937 §3: fast
  // retransmit is not rate limited; Linux forces one segment when prr_out is 0).
  bool may_send(uint32_t len) const { return len <= send_count_ || prr_out_ == 0; }
  void sent(uint32_t len);

  uint32_t send_count() const { return send_count_; }
  uint64_t delivered() const { return prr_delivered_; }
  uint64_t out() const { return prr_out_; }

 private:
  uint64_t prr_delivered_ = 0;
  uint64_t prr_out_ = 0;
  uint32_t recover_fs_ = 1;
  uint32_t send_count_ = 0;  // sndcnt left from the last ACK
};

}  // namespace netsim::devices
