// Linux's receive-buffer autotuning (dynamic right-sizing,
// tcp_rcv_space_adjust): once per round trip as the receiver measures it,
// if the app read more than in the round before, the window may grow to
// twice that plus 16 segments, plus twice the growth (the sender may be in
// slow start, and the window offered now is used a round trip later), up to
// what tcp_rmem[2] allows; it never shrinks. A connection starts from
// 64 KiB and grows only when the path and the reader need it.
//
// The receiver's RTT: from the timestamp a full-sized data segment echoes
// (tcp_rcv_rtt_measure_ts, smoothed by 1/8), or without timestamps from how
// long one window takes to arrive (tcp_rcv_rtt_measure, its minimum).
#pragma once
#include <cstdint>
#include <optional>

#include "devices/stack/tcp/seq_number.h"
#include "sim/core/time.h"

namespace netsim::devices {

class ReceiveTuning {
 public:
  // At ESTABLISHED (tcp_init_buffer_space): the first round is measured
  // against min(the window offered, 10 segments) bytes.
  void start(uint32_t window, uint32_t advmss, SeqNumber copied, Time now);
  // A data segment of at least one MSS echoed `tsecr`, `rtt` ago; one
  // sample per distinct echo.
  void echo_sample(uint32_t tsecr, Time rtt);
  // In-order data reached `rcv_nxt` with `window` offered (no timestamps).
  void window_sample(SeqNumber rcv_nxt, uint32_t window, Time now);
  // The app has read everything before `copied`. The window the buffer now
  // allows, when it grew beyond `window`; at most `max_window`.
  std::optional<uint32_t> on_read(SeqNumber copied, Time now, uint32_t window,
                                  uint32_t max_window);
  Time rtt() const { return rtt_; }

 private:
  void sample(Time rtt, bool window_based);

  uint32_t advmss_ = 536;
  Time rtt_{0};  // 0: not measured yet
  uint32_t last_echo_ = 0;
  SeqNumber window_end_;  // the window being timed ends here
  Time window_start_{0};
  uint32_t space_ = 0;  // bytes read in the last round (Linux rcvq_space.space)
  SeqNumber round_seq_;  // where this round's reading began
  Time round_start_{0};
};

}  // namespace netsim::devices
