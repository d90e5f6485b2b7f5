// Half-duplex Ethernet: a hub is one collision domain (IEEE 802.3 clause 4
// CSMA/CD, clause 9 10BASE-T repeaters).
//
// The model. A half-duplex link carries *signal edges*, not frames: a port's
// transmitter starts a burst (Start, with the frame whose bits follow, or
// none for jam), may turn the rest of it into jam (Garble), and stops (End).
// Each edge reaches the other end after the link's delay (Link::carry). So
// every port knows, at every instant, exactly what is arriving at it: its
// carrier. Two kinds of port sit on these links:
//
// - A station (a NIC, or a switch or router port, on a half-duplex link) runs
//   CSMA/CD (CsmaCd): it defers while its carrier is on, waits the
//   interframe gap (96 bit times) once the medium is idle, transmits, and if
//   a signal arrives while it transmits, that is a collision: it jams for 32
//   bit times, stops, and backs off r slot times (512 bit times), r uniform in
//   [0, 2^min(n,10) - 1] after the n-th collision, drawn from a stream named
//   after the port; the 16th collision gives the frame up.
// - A repeater port (every port of a hub; Repeater) repeats: the first burst
//   that arrives while the hub is idle goes out of every other port from its
//   first bit (cut-through, no store and forward). A second burst arriving
//   while one is repeated is a collision at the hub: every repeat turns into
//   jam and the hub jams every port until none receives (at least 96 bit
//   times), as clause 9.5.6 asks. Hubs joined by a link chain naturally: a
//   repeated burst is just another arriving burst at the next hub.
//
// So two stations collide when each starts before the other's signal has
// reached it: within one propagation delay (station to hub to station) of
// each other. Which stations sense what, and when, follows from the delays;
// nothing global decides it.
//
// What a frame becomes. A receiver takes a frame when its burst ends clean:
// no Garble, no collision where it is received (a station that was
// transmitting, a hub that jammed meanwhile), no loss draw. Every FrameSent
// ends in exactly one FrameReceived or FrameDropped: whoever garbles a burst
// that carries a frame traces the drop (the station that detects the
// collision, a hub whose repeat turns to jam), and a receiver traces one only
// for a clean burst it could not take (collided there, lost on the wire, link
// or node down). A fragment is never a frame received.
//
// ns-3's CsmaChannel, by contrast, is one global channel state that every
// device sees change instantly: a device that finds it busy backs off, so two
// transmissions never overlap and collisions (and jam) cannot happen; delay
// only postpones delivery. Here carrier sense is local and late by exactly
// the propagation delay, which is what makes collisions, and why 802.3 needs
// a minimum frame size and a maximum network diameter, visible.
//
// Departures from 802.3, on purpose: the preamble is not modelled (a frame's
// time on the wire is its bytes, as on full-duplex links); a collision after
// the first slot (a late collision, on a segment longer than 802.3 allows) is
// retried like any other; the hub adds no delay of its own; a collision the
// sender never hears (its frame was shorter than the round trip) loses the
// frame without a retry, as on a real oversized segment.
#pragma once
#include <cstdint>

#include "sim/core/time.h"
#include "sim/packet/packet.h"
#include "sim/trace/trace.h"

namespace netsim {

class Port;

// IEEE 802.3 clause 4.4.2 (10 and 100 Mb/s), in bit times; each a whole number of bytes.
inline constexpr uint64_t kSlotBits = 512;
inline constexpr uint64_t kInterframeGapBits = 96;
inline constexpr uint64_t kJamBits = 32;
inline constexpr uint32_t kAttemptLimit = 16;
inline constexpr uint32_t kBackoffLimit = 10;
// Clause 9.5.6: a repeater's collision jam lasts at least this long.
inline constexpr uint64_t kRepeaterJamBits = 96;

constexpr Time bit_times(uint64_t bits, uint64_t bits_per_second) {
  return transmission_time(bits / 8, bits_per_second);
}
static_assert(kSlotBits % 8 == 0 && kInterframeGapBits % 8 == 0 && kJamBits % 8 == 0 &&
              kRepeaterJamBits % 8 == 0);

// One change of what a transmitter puts on a half-duplex link.
struct SignalEdge {
  enum class Kind : uint8_t {
    Start,   // the first bit of a burst: `frame`'s bits, or jam when it is empty
    Garble,  // the rest of the burst is jam: the frame is destroyed (`reason`)
    End,     // the last bit
  };
  Kind kind = Kind::Start;
  bool corrupt = false;                       // Start: damaged on some wire (a link's loss)
  DropReason reason = DropReason::Collision;  // Garble
  uint32_t epoch = 0;                         // the link's epoch when it was sent
  Packet frame;                               // Start
  // Start: the station whose signal this is (for jam: the one it answers).
  const Port* origin = nullptr;
};

}  // namespace netsim
