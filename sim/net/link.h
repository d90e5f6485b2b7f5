// A full-duplex point-to-point link between two ports, with its parameters.
#pragma once
#include <cstdint>
#include <string>

#include "sim/core/random.h"
#include "sim/core/time.h"

namespace netsim {

class Port;

struct LinkParams {
  uint64_t bandwidth_bps = 100'000'000;
  Time delay = Time{10'000};
  double loss = 0;       // probability that a frame is lost on the wire
  uint32_t mtu = 1500;   // largest IP packet (Ethernet payload) the link carries
  uint32_t queue = 100;  // frames each sending port may hold waiting
  uint32_t cost = 1;     // weight for routing: auto
};

class Link {
 public:
  Link(Port& a, Port& b, LinkParams params, RandomStream loss_stream);

  Port& a() const { return *a_; }
  Port& b() const { return *b_; }
  Port& other(const Port& p) const { return &p == a_ ? *b_ : *a_; }
  const LinkParams& params() const { return params_; }
  LinkParams& params() { return params_; }
  bool up() const { return up_; }
  void set_up(bool up) { up_ = up; }
  // "a:eth0-sw1:p1", stable: used for random stream names and messages.
  std::string name() const;
  // Draws once per frame from the link's own stream.
  bool lose_frame() { return loss_stream_.chance(params_.loss); }

 private:
  Port* a_;
  Port* b_;
  LinkParams params_;
  bool up_ = true;
  RandomStream loss_stream_;
};

}  // namespace netsim
