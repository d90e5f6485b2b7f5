// Playback clock and speed ladder.
#include "viz/playback.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace netsim::viz {

namespace {
constexpr double kMantissas[] = {1, 2, 5};

// The ladder value at position `step`: step 3e + i is kMantissas[i] * 10^e.
double ladder_value(int step) {
  const int e = step >= 0 ? step / 3 : -((-step + 2) / 3);
  const int i = step - 3 * e;
  return kMantissas[i] * std::pow(10.0, e);
}
int ladder_step(double speed) {  // the nearest ladder step (log scale)
  int best = 0;
  double best_distance = INFINITY;
  const int around = 3 * static_cast<int>(std::floor(std::log10(speed)));
  for (int step = around - 3; step <= around + 3; ++step) {
    const double distance = std::fabs(std::log(ladder_value(step) / speed));
    if (distance < best_distance) {
      best_distance = distance;
      best = step;
    }
  }
  return best;
}
double clamp_speed(double s) { return std::clamp(s, kMinSpeed, kMaxSpeed); }
}  // namespace

double snap_speed(double speed) {
  return clamp_speed(ladder_value(ladder_step(clamp_speed(speed))));
}
double faster_speed(double speed) {
  return clamp_speed(ladder_value(ladder_step(clamp_speed(speed)) + 1));
}
double slower_speed(double speed) {
  return clamp_speed(ladder_value(ladder_step(clamp_speed(speed)) - 1));
}

double default_speed(const Recording& recording) {
  std::vector<int64_t> spans;
  for (const RecordedEvent& e : recording.events())
    if (e.kind == TraceKind::FrameSent) spans.push_back((e.arrival - e.time).count());
  if (spans.empty()) {  // nothing moves: show the whole run in about ten seconds
    const double run = to_seconds(recording.end_time());
    return snap_speed(run > 0 ? run / 10 : 1e-3);
  }
  std::nth_element(spans.begin(), spans.begin() + static_cast<long>(spans.size() / 2), spans.end());
  const double median_seconds = static_cast<double>(spans[spans.size() / 2]) / 1e9;
  return snap_speed(std::max(median_seconds, 1e-9) / 0.5);
}

std::string speed_text(double speed) {
  return format_duration(Time{std::max<int64_t>(1, std::llround(speed * 1e9))}) + "/s";
}

Playback::Playback(const Recording& recording, double speed)
    : recording_(&recording), speed_(std::clamp(speed, kMinSpeed, kMaxSpeed)) {}

Time Playback::simulated(double wall_seconds) const {
  return Time{std::llround(speed_ * wall_seconds * 1e9)};
}

Time Playback::fade_span() const { return simulated(kIdleTail); }

void Playback::toggle_pause() {
  if (paused_ && at_end()) restart();
  paused_ = !paused_;
}

void Playback::restart() {
  now_ = Time{0};
  carry_ns_ = 0;
  paused_ = false;
}

void Playback::seek(Time t) {
  now_ = std::clamp(t, Time{0}, recording_->end_time());
  carry_ns_ = 0;
}

void Playback::step_forward() {
  paused_ = true;
  if (auto t = recording_->next_step(now_)) seek(*t);
}

void Playback::step_back() {
  paused_ = true;
  seek(recording_->previous_step(now_).value_or(Time{0}));
}

void Playback::advance(double wall_seconds) {
  if (paused_ || wall_seconds <= 0) return;
  const double delta = speed_ * wall_seconds * 1e9 + carry_ns_;
  const auto whole = static_cast<int64_t>(std::floor(delta));
  carry_ns_ = delta - static_cast<double>(whole);
  Time target = now_ + Time{whole};
  if (!recording_->any_in_flight(now_)) {
    // Idle: after a tail of kIdleTail playback seconds past the last event,
    // jump to kIdleLead before the next one (or to the end).
    const Time last = recording_->previous_step(now_ + Time{1}).value_or(Time{0});
    const Time tail_end = last + simulated(kIdleTail);
    if (target > tail_end) {
      const auto next = recording_->next_step(now_);
      const Time resume = next ? *next - simulated(kIdleLead) : recording_->end_time();
      if (resume > target) {
        target = resume;
        carry_ns_ = 0;
      }
    }
  }
  now_ = std::min(target, recording_->end_time());
  if (at_end()) paused_ = true;
}

}  // namespace netsim::viz
