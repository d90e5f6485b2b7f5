// A point-to-point link between two ports, with its parameters. Full duplex
// carries whole frames each way independently; half duplex (every link to a
// hub, or `duplex: half`) carries signal edges, so the ends share one medium
// (sim/net/medium.h).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/core/random.h"
#include "sim/core/time.h"
#include "sim/net/medium.h"

namespace netsim {

class Port;

enum class Duplex : uint8_t { Full, Half };
std::string_view to_string(Duplex d);

struct LinkParams {
  uint64_t bandwidth_bps = 100'000'000;
  Time delay = Time{10'000};
  double loss = 0;       // probability that a frame is lost on the wire
  uint32_t mtu = 1500;   // largest IP packet (Ethernet payload) the link carries
  uint32_t queue = 100;  // frames each sending port may hold waiting
  uint32_t cost = 1;     // weight for routing: auto
  Duplex duplex = Duplex::Full;  // a link to a hub is always half
};

class Link {
 public:
  // Attaches both ports. A hub end makes the link half duplex whatever
  // `params` says: a repeater has no full-duplex mode.
  Link(Port& a, Port& b, LinkParams params, RandomStream loss_stream);

  Port& a() const { return *a_; }
  Port& b() const { return *b_; }
  Port& other(const Port& p) const { return &p == a_ ? *b_ : *a_; }
  const LinkParams& params() const { return params_; }
  LinkParams& params() { return params_; }
  bool half_duplex() const { return params_.duplex == Duplex::Half; }
  bool up() const { return up_; }
  // Also tells both ports, which keep the state where every frame reads it.
  void set_up(bool up);
  // "a:eth0-sw1:p1", stable: used for random stream names and messages.
  std::string name() const;
  // Draws once per frame from the link's own stream.
  bool lose_frame() { return loss_stream_.chance(params_.loss); }

  // Half duplex: `from`'s transmitter changed; the edge reaches the other end
  // after the delay (never before an earlier edge, even if set_link shortened
  // the delay meanwhile). Nothing travels on a link that is down.
  void carry(const Port& from, SignalEdge edge);
  // Bumped by every link_down: edges sent before it are stale on arrival.
  uint32_t epoch() const { return epoch_; }

 private:
  Port* a_;
  Port* b_;
  LinkParams params_;
  bool up_ = true;
  uint32_t epoch_ = 0;
  Time last_arrival_[2] = {Time{0}, Time{0}};  // per direction: a->b, b->a
  RandomStream loss_stream_;
};

}  // namespace netsim
