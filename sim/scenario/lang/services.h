// What an app may ask of the node it runs on. The interpreter only sees this
// interface; sim/scenario/node_services.* implements it over a device's IPv4
// stack and socket table, and unit tests implement it with a fake (and real
// sockets where they test them). Every operation that takes simulated time
// completes through its callback, never synchronously.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "devices/stack/socket_table.h"
#include "sim/core/inplace_function.h"
#include "sim/core/scheduler.h"
#include "sim/core/time.h"
#include "sim/wire/address.h"

namespace netsim::lang {

class AppServices {
 public:
  virtual ~AppServices() = default;

  // now(), sleep and timeouts. Fixed for the node's life: an app asks once.
  virtual Scheduler& scheduler() = 0;
  // print(): one line to the run's log, with time and app name.
  virtual void print(std::string_view app, std::string_view line) = 0;
  // The app's status changed: "running", "finished", "failed <ErrorName>".
  virtual void app_status(std::string_view app, std::string_view status) = 0;
  // --explain: one line saying what the app asked of its node (a Python
  // program's socket calls). Only called when explaining() says a sink wants it.
  virtual bool explaining() const { return false; }
  virtual void explain(std::string_view /*app*/, std::string_view /*text*/) {}

  // Name resolution: a dotted quad as is, else cache, hosts file, DNS
  // (the resolver hook). nullopt: the name does not resolve (gaierror).
  using ResolveDone = InplaceFunction<void(std::optional<wire::Ipv4Address>), 48>;
  virtual void resolve(std::string_view name, ResolveDone done) = 0;

  // ping(host, count): echo requests 1 s apart, each waiting up to 1 s.
  using PingDone = InplaceFunction<void(int replies), 48>;
  virtual void ping(wire::Ipv4Address dst, int count, PingDone done) = 0;

  // traceroute(host, max_hops): one UDP probe per TTL; "*" where none answered.
  using TracerouteDone = InplaceFunction<void(std::vector<std::string> hops), 48>;
  virtual void traceroute(wire::Ipv4Address dst, int max_hops, TracerouteDone done) = 0;

  // How long a program on this node takes per system call (socket(), each
  // socket method, print), before its next step: the host's `call_time`.
  // 0 (the contract's default): calls take no simulated time. Fixed for
  // the node's life: an app reads it once, when it is made.
  virtual Time call_time() const { return Time{0}; }

  // The node's sockets (socket() and every socket method); null: the node
  // has none, and socket() raises OSError. Fixed for the node's life: an
  // app asks once, when it is made.
  virtual devices::SocketTable* sockets() = 0;
};

}  // namespace netsim::lang
