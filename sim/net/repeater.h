// A hub's layer-1 core, a 10BASE-T repeater (IEEE 802.3 clause 9): the first
// signal that arrives while it is idle goes out of every other port with
// carrier, bit by bit as it arrives; a second one arriving meanwhile is a
// collision, and the hub jams every port until none receives. Its ports hand
// it every signal edge (Port::signal_arrived); sim/net/medium.h has the model.
#pragma once
#include <cstdint>

#include "sim/core/scheduler.h"
#include "sim/trace/trace.h"

namespace netsim {

class Node;
class Port;

class Repeater {
 public:
  explicit Repeater(Node& hub) : hub_(&hub) {}
  Repeater(const Repeater&) = delete;
  Repeater& operator=(const Repeater&) = delete;

  // `in`'s reception has just started / been garbled by its sender / ended.
  void carrier_on(Port& in);
  void garbled(Port& in, DropReason reason);
  void carrier_off(Port& in);
  // `port` lost its link, or the hub went down (after the port cleared its reception).
  void port_down(Port& port, DropReason why);

  // Collisions the hub has jammed.
  uint64_t collisions() const { return collisions_; }

 private:
  void collide(Port& in);
  // While jamming: jam out of every port (but the last one still receiving,
  // if only one is); once none receives and the minimum jam has passed, stop.
  void update_jam();
  // Cuts every repeat of the input (garbled for `reason`, then ended).
  void cut_repeats(DropReason reason);
  // The station a jam sent out of `out` answers: whoever else is being received.
  const Port* other_origin(const Port& out) const;

  Node* hub_;
  Port* input_ = nullptr;  // the port whose signal is being repeated
  bool jamming_ = false;
  Time jam_until_{0};
  Timer jam_timer_;
  uint64_t collisions_ = 0;
};

}  // namespace netsim
