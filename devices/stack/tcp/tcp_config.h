// The TCP engine's words: its per-node configuration (the scenario's `tcp:`
// keys) and the connection states with their RFC 9293 spelling.
#pragma once
#include <cstdint>
#include <string_view>

#include "sim/core/time.h"

namespace netsim::devices {

// Defaults follow Linux where the scenario says nothing: MSS for a 1500-byte
// MTU, Nagle on, 40 ms delayed ACK (TCP_DELACK_MIN), 200 ms minimum RTO
// (TCP_RTO_MIN), 60 s TIME-WAIT (TCP_TIMEWAIT_LEN), the initial sizes of
// tcp_wmem/tcp_rmem scaled as Linux reports them, the IANA ephemeral range.
struct TcpConfig {
  uint32_t mss = 1460;
  bool nagle = true;
  Time delayed_ack = milliseconds(40);
  Time rto_min = milliseconds(200);
  Time time_wait = seconds(60);
  uint32_t send_buffer = 87040;
  uint32_t receive_buffer = 131072;
  uint16_t ephemeral_low = 49152, ephemeral_high = 65535;
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
