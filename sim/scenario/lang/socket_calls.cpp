// The socket extension point: socket() and every method called on a socket
// value arrive here, already checked against builtins.h's signatures. The
// socket layer plugs in below: a call that would block parks the task with
// park(t, {WaitKind::Socket, call.call_site, deadline, handle}) and its
// completion calls complete(); socket errors map to Python's names here.
// When the app ends (finish_task) its sockets close, as at a process's exit.
#include "sim/scenario/lang/interpreter.h"

namespace netsim::lang {

std::optional<Value> App::open_socket(Task&, const Expr&, std::span<const Value>) {
  throw PyError(ErrorKind::OSError, "sockets are not available yet");
}

std::optional<Value> App::call_socket_method(Task&, const Expr&, int, std::span<const Value>) {
  throw PyError(ErrorKind::OSError, "sockets are not available yet");
}

}  // namespace netsim::lang
