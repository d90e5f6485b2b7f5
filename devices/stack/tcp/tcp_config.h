// The TCP engine's words: its per-node configuration (the scenario's `tcp:`
// keys) and the connection states with their RFC 9293 spelling.
#pragma once
#include <cstdint>
#include <string_view>

#include "sim/core/time.h"

namespace netsim::devices {

// The window's growth and cut (congestion_control.h).
enum class CongestionAlgorithm : uint8_t { Cubic, NewReno };
std::string_view to_string(CongestionAlgorithm a);  // "cubic", "newreno"

// Defaults follow Linux where the scenario says nothing: MSS for a 1500-byte
// MTU, Nagle on, 40 ms delayed ACK (TCP_DELACK_MIN), quick-ACK mode at the
// start, SACK, timestamps and window scaling on (net.ipv4.tcp_sack,
// tcp_timestamps, tcp_window_scaling), 200 ms minimum RTO (TCP_RTO_MIN), 60 s
// TIME-WAIT (TCP_TIMEWAIT_LEN), the initial sizes of tcp_wmem/tcp_rmem as
// Linux turns them into windows, ip_local_port_range.
struct TcpConfig {
  uint32_t mss = 1460;
  bool nagle = true;
  Time delayed_ack = milliseconds(40);
  bool quickack = true;
  bool sack = true;
  bool timestamps = true;
  bool window_scaling = true;
  // DF on every segment (Linux IP_PMTUDISC_WANT); an ICMP "fragmentation
  // needed" lowers the path MTU and with it the MSS (RFC 1191).
  bool pmtu_discovery = true;
  Time rto_min = milliseconds(200);
  Time time_wait = seconds(60);
  CongestionAlgorithm congestion = CongestionAlgorithm::Cubic;
  uint32_t send_buffer = 87040;
  // The receive window's room: tcp_rmem[1] (131072) at Linux's default
  // scaling_ratio of one half (tcp_win_from_space) is 65536 bytes, whence
  // its first windows 64240 (SYN) and 65160 (SYN-ACK with timestamps).
  uint32_t receive_buffer = 65536;
  // tcp_rmem[2] on a stock machine: the window scale Linux announces comes
  // from it (ilog2(6 MiB) - 15 = 7), not from the buffer in use.
  uint32_t receive_buffer_max = 6291456;
  uint16_t ephemeral_low = 32768, ephemeral_high = 60999;
};

enum class TcpState : uint8_t {
  Closed,
  Listen,
  SynSent,
  SynReceived,
  Established,
  FinWait1,
  FinWait2,
  CloseWait,
  Closing,
  LastAck,
  TimeWait,
};
// "CLOSED", "LISTEN", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1",
// "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING", "LAST-ACK", "TIME-WAIT".
std::string_view to_string(TcpState state);

}  // namespace netsim::devices
