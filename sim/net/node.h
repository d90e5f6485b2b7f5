// What every node kind shares: a name, its ports in declaration order, up/down
// state and the Context. Node kinds in devices/ are compositions built on this
// one base (the only level of inheritance).
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/context.h"
#include "sim/net/link.h"
#include "sim/net/port.h"

namespace netsim {

class Repeater;

enum class NodeKind : uint8_t { Host, Hub, Switch, L3Switch, Router };
std::string_view to_string(NodeKind k);

class Node {
 public:
  Node(Context& ctx, std::string name, NodeKind kind)
      : ctx_(&ctx), name_(std::move(name)), kind_(kind), actor_(ctx.scheduler().new_actor()) {}
  virtual ~Node() = default;
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  // The last bit of `frame` arrived on `port` (already traced as received).
  virtual void receive(Port& port, Packet frame) = 0;
  // Time 0, the network built: protocols the node runs by itself begin (spanning tree).
  virtual void start() {}
  // node_down / node_up. Down: ports flush and receive nothing; subclasses
  // override to also forget volatile state (caches, sockets), calling this.
  virtual void set_up(bool up);
  // A link of this node's went up or down (after the change).
  virtual void link_changed(Port& /*port*/) {}
  // A hub's layer-1 core, which its ports hand every signal to; nullptr for other kinds.
  virtual Repeater* repeater() { return nullptr; }

  bool up() const { return up_; }
  const std::string& name() const { return name_; }
  NodeKind kind() const { return kind_; }
  Context& ctx() const { return *ctx_; }
  // Its events' actor: equal-time events are ordered per node (Scheduler).
  uint32_t actor() const { return actor_; }

  Port& add_port(std::string name, wire::MacAddress mac);
  Port* find_port(std::string_view name) const;
  const std::vector<std::unique_ptr<Port>>& ports() const { return ports_; }

  // The ports but `in` that have carrier, space-separated (for --explain):
  // where a hub repeats; a dead port is no destination.
  std::string other_port_names(const Port& in) const;

  // A frame (or the packet it carried) this node dropped at `iface` (a port,
  // an IP interface, or "" for none): traced; unparsable ones also counted.
  void drop(std::string_view iface, const Packet& frame, DropReason reason);
  void drop(const Port* port, const Packet& frame, DropReason reason) {
    drop(port ? std::string_view(port->name()) : std::string_view(), frame, reason);
  }
  uint64_t malformed_count() const { return malformed_; }

 private:
  Context* ctx_;
  std::string name_;
  NodeKind kind_;
  uint32_t actor_;
  bool up_ = true;
  uint64_t malformed_ = 0;
  std::vector<std::unique_ptr<Port>> ports_;
};

inline bool Port::carrier() const { return link_up_ && owner_->up(); }

}  // namespace netsim
