// A station's half-duplex MAC (IEEE 802.3 clause 4.2.3): carrier sense and
// deferral, the interframe gap, collision detection, jam, truncated binary
// exponential backoff and the attempt limit. One per port on a half-duplex
// link that is not a hub's; sim/net/medium.h describes the whole model.
#pragma once
#include <cstdint>

#include "sim/core/random.h"
#include "sim/core/scheduler.h"
#include "sim/packet/packet.h"
#include "sim/trace/trace.h"

namespace netsim {

class Context;
class Node;
class Port;

class CsmaCd {
 public:
  // `backoff`: the port's own stream ("csma:h1:eth0"), never shared.
  CsmaCd(Port& port, RandomStream backoff);
  CsmaCd(const CsmaCd&) = delete;
  CsmaCd& operator=(const CsmaCd&) = delete;

  // A frame to send (its first attempt); the port gets it back through
  // transmission_done() once it was sent or given up.
  void begin(Packet frame);
  // The port's receiver: a signal started / stopped arriving.
  void carrier_on(const Port* origin);
  void carrier_off();
  // Link or node down: the frame in hand is dropped unless it is on the wire
  // (the port cuts that burst), timers stop.
  void reset(DropReason why);

  uint64_t collisions() const { return collisions_; }

 private:
  enum class State : uint8_t { Idle, Deferring, Transmitting, Jamming, BackingOff };
  // Transmits now if the medium has been idle for the interframe gap, else defers.
  void try_transmit();
  void transmit();
  void end_of_frame();
  void collide(const Port* other);
  void end_of_jam();
  // Hands the port its next frame (if any) once this one is done with.
  void finish_frame();
  Time bits(uint64_t n) const;
  Context& ctx() const;

  Port* port_;
  RandomStream backoff_;
  State state_ = State::Idle;
  Packet frame_;
  uint32_t attempts_ = 0;           // transmissions of frame_ so far
  uint64_t backoff_slots_ = 0;      // drawn at the last collision
  Time idle_since_{INT64_MIN / 2};  // when this station last saw the medium fall idle
  Timer timer_;                     // the one pending step: end of frame, end of jam, backoff, gap
  uint64_t collisions_ = 0;
};

// What the `collisions` expectation reads: the collisions a node's stations
// detected, or for a hub, the collisions it jammed.
uint64_t collisions_of(Node& node);

}  // namespace netsim
