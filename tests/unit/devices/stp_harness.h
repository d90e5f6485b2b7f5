// Spanning-tree engines wired together with no links and no nodes: each
// bridge is a StpBridgePorts that records what its engine asks, and a BPDU
// sent out of a port reaches the engine at the other end of its "cable"
// 10 us later. Tests move time with run_until().
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "devices/bridge/stp_engine.h"

namespace netsim::test {

class StpNet;

struct StpBridge : devices::StpBridgePorts {
  struct Sent {
    uint32_t port;
    wire::BpduRepr bpdu;
    Time at;
  };
  StpNet* net = nullptr;
  std::string name;
  std::unique_ptr<devices::StpEngine> engine;
  std::vector<devices::PortState> states;
  std::vector<int> flushes;
  std::optional<Time> short_aging;
  std::vector<Sent> sent;

  void send_bpdu(uint32_t port, const wire::BpduRepr& bpdu) override;
  void set_port_state(uint32_t port, devices::PortState state) override { states[port] = state; }
  void flush_port(uint32_t port) override { ++flushes[port]; }
  void set_short_aging(std::optional<Time> aging) override { short_aging = aging; }

  // BPDUs sent out of `port` at or after `from`, of `type` when given.
  size_t count_sent(uint32_t port, Time from = Time{0},
                    std::optional<wire::BpduType> type = std::nullopt) const {
    size_t n = 0;
    for (const Sent& s : sent)
      n += s.port == port && s.at >= from && (!type || s.bpdu.type == *type);
    return n;
  }
  const Sent* last_sent(uint32_t port) const {
    for (auto it = sent.rbegin(); it != sent.rend(); ++it)
      if (it->port == port) return &*it;
    return nullptr;
  }
  devices::PortState state(uint32_t port) const { return engine->state(port); }
  devices::PortRole role(uint32_t port) const { return engine->role(port); }
  std::string root() const { return engine->bridge_name(engine->root_id()); }
};

class StpNet {
 public:
  StpNet() : ctx_(1) {}
  Context& ctx() { return ctx_; }

  // A bridge with ports p1..pN (port numbers 1..N), all at path cost 19.
  StpBridge& add(const std::string& name, uint16_t priority, uint8_t mac_last, size_t ports,
                 devices::StpMode mode = devices::StpMode::Stp, std::vector<bool> edge = {}) {
    auto b = std::make_unique<StpBridge>();
    b->net = this;
    b->name = name;
    b->states.assign(ports, devices::PortState::Disabled);
    b->flushes.assign(ports, 0);
    std::vector<devices::StpPortConfig> configs;
    for (size_t i = 0; i < ports; ++i) {
      devices::StpPortConfig c;
      c.name = "p" + std::to_string(i + 1);
      c.number = static_cast<uint16_t>(i + 1);
      c.edge = i < edge.size() && edge[i];
      configs.push_back(c);
    }
    devices::StpBridgeConfig config;
    config.mode = mode;
    config.priority = priority;
    const wire::MacAddress mac{{0x02, 0, 0, 0, 0, mac_last}};
    b->engine = devices::make_stp_engine(ctx_, name, mac, config, configs, *b, &names_);
    names_.add(b->engine->bridge_id(), name);
    bridges_.push_back(std::move(b));
    return *bridges_.back();
  }
  // A cable between a:pa and b:pb (1-based port numbers, as in names).
  void connect(StpBridge& a, uint32_t pa, StpBridge& b, uint32_t pb) {
    cables_.push_back({&a, pa - 1, &b, pb - 1, true});
  }
  // Time 0: every port with a cable (or marked `hosts`) starts enabled.
  void start(const std::vector<std::pair<StpBridge*, uint32_t>>& hosts = {}) {
    for (auto& b : bridges_) {
      std::vector<bool> enabled(b->states.size(), false);
      for (const Cable& c : cables_) {
        if (c.a == b.get()) enabled[c.pa] = true;
        if (c.b == b.get()) enabled[c.pb] = true;
      }
      for (const auto& [bridge, port] : hosts)
        if (bridge == b.get()) enabled[port - 1] = true;
      b->engine->start(enabled);
    }
  }
  void run_until(Time t) {
    Scheduler& s = ctx_.scheduler();
    while (s.next_time() <= t) s.run_next();
    s.advance_to(t);
  }
  void set_cable(StpBridge& a, uint32_t pa, bool up) {
    for (Cable& c : cables_)
      if ((c.a == &a && c.pa == pa - 1) || (c.b == &a && c.pb == pa - 1)) {
        c.up = up;
        if (up) {
          c.a->engine->enable_port(c.pa);
          c.b->engine->enable_port(c.pb);
        } else {
          c.a->engine->disable_port(c.pa);
          c.b->engine->disable_port(c.pb);
        }
      }
  }
  void carry(StpBridge& from, uint32_t port, const wire::BpduRepr& bpdu) {
    for (const Cable& c : cables_) {
      if (!c.up) continue;
      StpBridge* to = nullptr;
      uint32_t to_port = 0;
      if (c.a == &from && c.pa == port) to = c.b, to_port = c.pb;
      if (c.b == &from && c.pb == port) to = c.a, to_port = c.pa;
      if (!to) continue;
      ctx_.scheduler().schedule_in(
          microseconds(10), [to, to_port, bpdu] { to->engine->receive(to_port, bpdu); },
          EventKind::Background);
    }
  }

 private:
  struct Cable {
    StpBridge* a;
    uint32_t pa;
    StpBridge* b;
    uint32_t pb;
    bool up;
  };
  Context ctx_;
  devices::BridgeNames names_;
  std::vector<std::unique_ptr<StpBridge>> bridges_;
  std::vector<Cable> cables_;
};

// The contract's triangle: s1 (priority 4096) is root, s2 (8192), s3
// (default); links s1:p2-s2:p1, s2:p2-s3:p2, s3:p3-s1:p3; s1:p1 and s3:p1
// lead to hosts, edge ports when `host_edge`. s2 may run another mode.
struct StpTriangle {
  StpNet net;
  StpBridge& s1;
  StpBridge& s2;
  StpBridge& s3;
  explicit StpTriangle(devices::StpMode mode = devices::StpMode::Stp, bool host_edge = false,
                       std::optional<devices::StpMode> s2_mode = std::nullopt)
      : s1(net.add("s1", 4096, 1, 3, mode, {host_edge})),
        s2(net.add("s2", 8192, 2, 3, s2_mode.value_or(mode))),
        s3(net.add("s3", 32768, 3, 3, mode, {host_edge})) {
    net.connect(s1, 2, s2, 1);
    net.connect(s2, 2, s3, 2);
    net.connect(s3, 3, s1, 3);
    net.start({{&s1, 1}, {&s3, 1}});
  }
};

inline void StpBridge::send_bpdu(uint32_t port, const wire::BpduRepr& bpdu) {
  sent.push_back({port, bpdu, net->ctx().now()});
  net->carry(*this, port, bpdu);
}

}  // namespace netsim::test
