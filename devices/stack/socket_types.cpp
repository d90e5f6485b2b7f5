#include "devices/stack/socket_types.h"

namespace netsim::devices {

int to_errno(SocketError e) {
  switch (e) {
    case SocketError::WouldBlock: return 11;
    case SocketError::ConnectionRefused: return 111;
    case SocketError::TimedOut: return 110;
    case SocketError::ConnectionReset: return 104;
    case SocketError::BrokenPipe: return 32;
    case SocketError::AddressInUse: return 98;
    case SocketError::AddressNotAvailable: return 99;
    case SocketError::NotConnected: return 107;
    case SocketError::AlreadyConnected: return 106;
    case SocketError::InvalidArgument: return 22;
    case SocketError::HostUnreachable: return 113;
    case SocketError::NetworkUnreachable: return 101;
    case SocketError::MessageTooLong: return 90;
    case SocketError::BadDescriptor: return 9;
    case SocketError::ConnectionAborted: return 103;
    case SocketError::OperationNotSupported: return 95;
    case SocketError::DestinationAddressRequired: return 89;
  }
  return 5;  // EIO
}

std::string_view to_string(SocketError e) {
  switch (e) {
    case SocketError::WouldBlock: return "Resource temporarily unavailable";
    case SocketError::ConnectionRefused: return "Connection refused";
    case SocketError::TimedOut: return "Connection timed out";
    case SocketError::ConnectionReset: return "Connection reset by peer";
    case SocketError::BrokenPipe: return "Broken pipe";
    case SocketError::AddressInUse: return "Address already in use";
    case SocketError::AddressNotAvailable: return "Cannot assign requested address";
    case SocketError::NotConnected: return "Transport endpoint is not connected";
    case SocketError::AlreadyConnected: return "Transport endpoint is already connected";
    case SocketError::InvalidArgument: return "Invalid argument";
    case SocketError::HostUnreachable: return "No route to host";
    case SocketError::NetworkUnreachable: return "Network is unreachable";
    case SocketError::MessageTooLong: return "Message too long";
    case SocketError::BadDescriptor: return "Bad file descriptor";
    case SocketError::ConnectionAborted: return "Software caused connection abort";
    case SocketError::OperationNotSupported: return "Operation not supported";
    case SocketError::DestinationAddressRequired: return "Destination address required";
  }
  return "Input/output error";
}

}  // namespace netsim::devices
