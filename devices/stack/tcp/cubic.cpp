// CUBIC and HyStart as RFC 9438 and Linux's tcp_cubic.c compute them.
#include "devices/stack/tcp/cubic.h"

#include <algorithm>
#include <cmath>

namespace netsim::devices {
namespace {

constexpr double kBetaCubic = static_cast<double>(Cubic::kBeta) / Cubic::kBetaScale;
// RFC 9438 §4.3: the Reno-friendly slope until W_est reaches the old window.
constexpr double kAlphaCubic = 3 * (1 - kBetaCubic) / (1 + kBetaCubic);
constexpr Time kAckDelta = microseconds(2000);  // Linux hystart_ack_delta_us
constexpr int kHystartSamples = 8;              // HYSTART_MIN_SAMPLES
constexpr Time kDelayThresholdMin = milliseconds(4), kDelayThresholdMax = milliseconds(16);

double seconds_of(Time t) { return static_cast<double>(t.count()) / 1e9; }

}  // namespace

void Cubic::reset() { *this = Cubic{}; }

uint32_t Cubic::on_congestion(uint32_t cwnd, uint32_t smss) {
  const double segments = static_cast<double>(cwnd) / smss;
  // §4.7 fast convergence: a loss below the last W_max means another flow
  // took bandwidth: release some by aiming lower.
  w_max_ = segments < w_max_ ? segments * (1 + kBetaCubic) / 2 : segments;
  cwnd_prior_ = segments;
  epoch_.reset();
  const uint64_t reduced = uint64_t{cwnd} * kBeta / kBetaScale;
  return std::max(static_cast<uint32_t>(reduced), 2 * smss);
}

uint32_t Cubic::avoid(uint32_t cwnd, uint32_t acked, uint32_t smss, Time now, Time rtt) {
  const double segments = static_cast<double>(cwnd) / smss;
  if (!epoch_) {
    // §4.2: the epoch starts at the first ACK of congestion avoidance. With
    // no loss yet (HyStart ended slow start) W_max is where we are.
    epoch_ = now;
    if (w_max_ <= segments) {
      k_ = 0;
      w_max_ = segments;
    } else {
      k_ = std::cbrt((w_max_ - segments) / kC);
    }
    w_est_ = segments;
    carry_ = 0;
  }
  const auto w_cubic = [&](double t) { return kC * (t - k_) * (t - k_) * (t - k_) + w_max_; };
  const double t = seconds_of(now - *epoch_);
  // §4.2: aim at W_cubic one RTT ahead, never below cwnd nor past 1.5 cwnd.
  const double target = std::clamp(w_cubic(t + seconds_of(rtt)), segments, 1.5 * segments);
  const double acked_segments = static_cast<double>(acked) / smss;
  double next = segments + (target - segments) / segments * acked_segments;
  // §4.3: Reno's window for the same time; where it is larger, follow it.
  const double alpha = w_est_ >= cwnd_prior_ ? 1.0 : kAlphaCubic;
  w_est_ += alpha * acked_segments / segments;
  if (w_cubic(t) < w_est_) next = std::max(next, w_est_);
  const double grown = (next - segments) * smss + carry_;
  const double whole = std::floor(grown);
  carry_ = grown - whole;
  return cwnd + static_cast<uint32_t>(std::max(whole, 0.0));
}

void Cubic::start_round(Time now, SeqNumber snd_nxt) {
  round_start_ = last_ack_ = now;
  end_seq_ = snd_nxt;
  round_min_rtt_ = Time{0};
  samples_ = 0;
}

bool Cubic::hystart(Time now, std::optional<Time> rtt_sample, bool slow_start, uint32_t cwnd,
                    uint32_t smss, SeqNumber snd_una, SeqNumber snd_nxt) {
  // Linux discards samples for a second after a recovery's epoch starts.
  if (epoch_ && now - *epoch_ < seconds(1)) return false;
  std::optional<Time> delay;
  if (rtt_sample) {
    delay = std::max(*rtt_sample, Time{1000});  // Linux counts in microseconds
    if (delay_min_ == Time{0} || *delay < delay_min_) delay_min_ = *delay;
  }
  if (found_ || !slow_start || delay_min_ == Time{0} || cwnd < kHystartLowWindow * smss) return false;
  if (snd_una > end_seq_) start_round(now, snd_nxt);
  // ACK train: ACKs no more than 2 ms apart for longer than half the minimum
  // RTT since the round began (no pacing here, so Linux halves the threshold).
  if (now - last_ack_ <= kAckDelta) {
    last_ack_ = now;
    if (now - round_start_ > delay_min_ / 2) found_ = true;
  }
  // Delay increase: the smallest of the round's first kHystartSamples
  // samples above the minimum by delay_min/8, clamped to 4-16 ms.
  if (!delay) return found_;
  if (samples_ < kHystartSamples) {
    if (round_min_rtt_ == Time{0} || *delay < round_min_rtt_) round_min_rtt_ = *delay;
    ++samples_;
  } else if (round_min_rtt_ > delay_min_ + std::clamp(delay_min_ / 8, kDelayThresholdMin, kDelayThresholdMax)) {
    found_ = true;
  }
  return found_;
}

}  // namespace netsim::devices
