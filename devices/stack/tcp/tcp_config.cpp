// TcpState's names as RFC 9293 spells them (shared by the trace and dumps).
#include "devices/stack/tcp/tcp_config.h"

namespace netsim::devices {

std::string_view to_string(CongestionAlgorithm a) {
  return a == CongestionAlgorithm::Cubic ? "cubic" : "newreno";
}

std::string_view to_string(TcpState state) {
  switch (state) {
    case TcpState::Closed:
      return "CLOSED";
    case TcpState::Listen:
      return "LISTEN";
    case TcpState::SynSent:
      return "SYN-SENT";
    case TcpState::SynReceived:
      return "SYN-RECEIVED";
    case TcpState::Established:
      return "ESTABLISHED";
    case TcpState::FinWait1:
      return "FIN-WAIT-1";
    case TcpState::FinWait2:
      return "FIN-WAIT-2";
    case TcpState::CloseWait:
      return "CLOSE-WAIT";
    case TcpState::Closing:
      return "CLOSING";
    case TcpState::LastAck:
      return "LAST-ACK";
    case TcpState::TimeWait:
      return "TIME-WAIT";
  }
  return "?";
}

}  // namespace netsim::devices
