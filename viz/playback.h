// The playback clock: simulated time shown on screen, driven by wall time
// through a speed (simulated seconds per wall second) on a 1-2-5 ladder.
// Stretches where nothing is on the wire are skipped, so a ping every second
// does not mean minutes of empty screen at slow-motion speed.
#pragma once
#include <optional>
#include <string>

#include "viz/recording.h"

namespace netsim::viz {

// 1-2-5 steps: ... 10us, 20us, 50us, 100us ... of simulated time per wall second.
double faster_speed(double speed);
double slower_speed(double speed);
double snap_speed(double speed);  // the ladder value nearest on a log scale
inline constexpr double kMinSpeed = 1e-9, kMaxSpeed = 100;
// Slow enough that a typical hop (median send-to-arrival span) takes about
// half a second on screen.
double default_speed(const Recording& recording);
// "100us/s": simulated time per second of playback.
std::string speed_text(double speed);

class Playback {
 public:
  Playback(const Recording& recording, double speed);

  Time now() const { return now_; }
  bool paused() const { return paused_; }
  double speed() const { return speed_; }
  bool at_end() const { return now_ >= recording_->end_time(); }
  // Simulated time a drop mark stays visible: a fixed span of playback.
  Time fade_span() const;

  void set_paused(bool paused) { paused_ = paused; }
  void toggle_pause();
  void restart();
  void seek(Time t);
  void step_forward();  // pauses at the next event's time
  void step_back();     // pauses at the previous event's time
  void faster() { speed_ = faster_speed(speed_); }
  void slower() { speed_ = slower_speed(speed_); }

  // Moves the clock on by `wall_seconds` of playback (unless paused); idle
  // stretches shrink to about a second. Reaching the end pauses.
  void advance(double wall_seconds);

  // Wall seconds an idle stretch keeps after its last event and before its next.
  static constexpr double kIdleTail = 1.0, kIdleLead = 0.3;

 private:
  Time simulated(double wall_seconds) const;  // simulated time that many playback seconds cover

  const Recording* recording_;
  double speed_;
  Time now_{0};
  bool paused_ = false;
  double carry_ns_ = 0;  // fraction of a nanosecond not yet applied
};

}  // namespace netsim::viz
