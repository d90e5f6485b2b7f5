// The DHCP client of one node (RFC 2131 §4.4): one state machine per
// `dhcp: true` interface, behind UDP port 68. It configures the interface's
// address and mask, the default route (option 3) and the resolvers (option
// 6), and renews, rebinds, expires, releases and reboots as dhclient does,
// without random delays or jitter.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "devices/ip_daemon.h"
#include "devices/ip_host.h"
#include "devices/stack/udp_service.h"
#include "sim/core/random.h"
#include "sim/core/scheduler.h"
#include "sim/wire/dhcp.h"

namespace netsim::devices {

// RFC 2131 Figure 5's states, plus Released: silent after dhcp_release
// until the node or the link comes up again.
enum class DhcpClientState : uint8_t {
  Init,
  Selecting,
  Requesting,
  Bound,
  Renewing,
  Rebinding,
  InitReboot,
  Rebooting,
  Released,
};
std::string_view to_string(DhcpClientState state);  // "INIT", "SELECTING", ..., "INIT-REBOOT"

class DhcpClient final : public IpDaemon, private UdpService {
 public:
  explicit DhcpClient(IpHost& host);
  ~DhcpClient() override;
  DhcpClient(const DhcpClient&) = delete;
  DhcpClient& operator=(const DhcpClient&) = delete;

  // `iface` (of this node, with no address) gets its address from DHCP.
  void add_interface(L3Interface& iface);
  // The dhcp_release event: RELEASE to the server (new xid, ciaddr set), the
  // address dropped, then silence. False when `iface` is no DHCP interface.
  bool release(std::string_view iface);
  std::optional<DhcpClientState> state(std::string_view iface) const;

  void start() override;
  void node_down() override;
  void node_up() override;
  void carrier_changed(L3Interface& iface) override;

 private:
  struct Lease {
    wire::Ipv4Prefix address;
    wire::Ipv4Address server;
    std::optional<wire::Ipv4Address> router;
    std::vector<wire::Ipv4Address> dns;
    Time renew_at{0}, rebind_at{0}, expires_at{0};  // T1, T2, the end
  };
  struct Machine {
    L3Interface* iface = nullptr;
    DhcpClientState state = DhcpClientState::Init;
    uint32_t xid = 0;
    Time exchange_start{0};  // for `secs`
    int sent = 0;            // messages sent in this state
    wire::Ipv4Address offered, offer_server;
    std::optional<Lease> lease;  // held, or remembered for INIT-REBOOT
    bool configured = false;     // the lease's address, route and resolvers are installed
    Timer retransmit;            // the next retransmission in this state
    Timer lease_timer;           // T1, T2 or the expiry
  };

  void receive(const UdpArrival& arrival) override;
  void on_offer(Machine& m, const wire::DhcpRepr& offer, wire::Ipv4Address from);
  void on_ack(Machine& m, const wire::DhcpRepr& ack, wire::Ipv4Address from);
  void on_nak(Machine& m, wire::Ipv4Address from);

  void set_state(Machine& m, DhcpClientState state, const std::string& why);
  // INIT: a new xid and a DISCOVER (SELECTING).
  void begin_init(Machine& m, const std::string& why);
  // After node_up / link_up: INIT-REBOOT with an unexpired lease, else INIT.
  void reboot(Machine& m, const std::string& why);
  // A new exchange in the current state: new xid, count from zero, first send.
  void begin_exchange(Machine& m);
  // Sends the current state's message and arms its retransmission.
  void transmit(Machine& m);
  void on_retransmit(Machine& m);
  void on_lease_timer(Machine& m);
  void bind(Machine& m, Lease lease);
  void unconfigure(Machine& m);
  void cancel_timers(Machine& m);
  // A bound client's renewals never keep a run going (the contract's rule).
  bool holds_lease(const Machine& m) const;
  EventKind timer_kind(const Machine& m) const {
    return holds_lease(m) ? EventKind::Background : EventKind::Essential;
  }
  wire::DhcpRepr request_base(const Machine& m, wire::DhcpMessageType type) const;
  void send(const Machine& m, const wire::DhcpRepr& message, wire::Ipv4Address src,
            wire::Ipv4Address dst, bool forced_out, bool background);
  void trace_row(const Machine& m) const;
  Machine* machine_for(const L3Interface* iface);

  IpHost& host_;
  Context& ctx_;
  RandomStream xids_;  // dhclient draws each xid at random
  std::string host_name_;
  std::vector<std::unique_ptr<Machine>> machines_;  // stable addresses: timers point at them
  std::vector<uint8_t> buffer_;                     // one message at a time
};

}  // namespace netsim::devices
