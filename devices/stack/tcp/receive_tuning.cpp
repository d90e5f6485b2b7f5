#include "devices/stack/tcp/receive_tuning.h"

#include <algorithm>

namespace netsim::devices {

void ReceiveTuning::start(uint32_t window, uint32_t advmss, SeqNumber copied, Time now) {
  advmss_ = advmss;
  space_ = std::max<uint32_t>(1, std::min(window, 10 * advmss));
  round_seq_ = window_end_ = copied;
  round_start_ = window_start_ = now;
  rtt_ = Time{0};
  last_echo_ = 0;
}

void ReceiveTuning::sample(Time rtt, bool window_based) {
  if (rtt_ == Time{0})
    rtt_ = rtt;
  else if (window_based)
    rtt_ = std::min(rtt_, rtt);  // a window can take longer than a round trip, never less
  else
    rtt_ += (rtt - rtt_) / 8;
}

void ReceiveTuning::echo_sample(uint32_t tsecr, Time rtt) {
  if (tsecr == last_echo_) return;
  last_echo_ = tsecr;
  sample(rtt, false);
}

void ReceiveTuning::window_sample(SeqNumber rcv_nxt, uint32_t window, Time now) {
  if (rcv_nxt < window_end_) return;
  if (now > window_start_) sample(now - window_start_, true);
  window_end_ = rcv_nxt + window;
  window_start_ = now;
}

std::optional<uint32_t> ReceiveTuning::on_read(SeqNumber copied, Time now, uint32_t window,
                                               uint32_t max_window) {
  if (rtt_ == Time{0} || now - round_start_ < rtt_) return std::nullopt;
  const uint32_t read = static_cast<uint32_t>(copied - round_seq_);
  round_seq_ = copied;
  round_start_ = now;
  if (read <= space_) return std::nullopt;
  uint64_t grown = 2 * uint64_t{read} + 16 * uint64_t{advmss_};
  grown += 2 * (grown * (read - space_) / space_);
  space_ = read;
  grown = std::min<uint64_t>(grown, max_window);
  if (grown <= window) return std::nullopt;
  return static_cast<uint32_t>(grown);
}

}  // namespace netsim::devices
