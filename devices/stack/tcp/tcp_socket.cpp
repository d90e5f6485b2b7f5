// TcpSocket: the app's calls and the connection's lifecycle (states,
// errors, wake-ups, listening and the accept queue).
#include "devices/stack/tcp/tcp_socket.h"

#include <algorithm>

#include "devices/stack/tcp/tcp_layer.h"

namespace netsim::devices {

namespace {
constexpr int kMaxBacklog = 4096;  // Linux net.core.somaxconn

// Linux tcp_select_initial_window: the shift that fits the largest buffer
// the socket may grow to (tcp_rmem[2]) in the 16-bit field, ilog2 - 15
// (RFC 7323 §2.3: at most 14); none without window scaling.
uint8_t window_shift_for(const TcpConfig& config) {
  if (!config.window_scaling) return 0;
  const uint32_t space = std::max(config.receive_buffer, config.receive_buffer_max);
  int log2 = 0;
  while ((space >> log2) > 1) ++log2;
  return static_cast<uint8_t>(std::clamp(log2 - 15, 0, 14));
}
}  // namespace

TcpSocket::TcpSocket(TcpLayer& layer, uint64_t id)
    : layer_(layer),
      id_(id),
      send_queue_(layer.config().send_buffer),
      rcv_wscale_(window_shift_for(layer.config())),
      receive_queue_(layer.config().receive_buffer + (size_t{1} << rcv_wscale_)),
      receive_buffer_(layer.config().receive_buffer),
      rtt_(layer.config().rto_min),
      congestion_(layer.config().congestion) {}

TcpSocket::~TcpSocket() {
  Scheduler& s = layer_.ctx().scheduler();
  for (Timer* t :
       {&retransmit_timer_, &persist_timer_, &delayed_ack_timer_, &linger_timer_, &wake_timer_})
    t->cancel(s);
}

std::string TcpSocket::name() const { return name_as(state_ == TcpState::Listen); }

std::string TcpSocket::name_as(bool listener) const {
  return local_.to_string() + "->" + (listener ? std::string("*") : remote_.to_string());
}

bool TcpSocket::explaining() const { return layer_.ctx().trace().decisions_enabled(); }

void TcpSocket::explain_line(const std::string& text) const {
  layer_.ctx().trace().decision(layer_.ctx().now(), Layer::Transport, layer_.node_name(), "",
                                [&] { return "tcp " + name() + ": " + text; });
}

void TcpSocket::report_metrics() {
  const TraceBus& trace = layer_.ctx().trace();
  if (!trace.metrics_enabled()) return;
  const Time now = layer_.ctx().now();
  const auto subject = [this] { return name(); };
  if (congestion_.cwnd() != reported_cwnd_) {
    reported_cwnd_ = congestion_.cwnd();
    trace.metric(now, layer_.node_name(), subject, "cwnd", reported_cwnd_);
  }
  if (congestion_.ssthresh() != reported_ssthresh_) {
    reported_ssthresh_ = congestion_.ssthresh();
    trace.metric(now, layer_.node_name(), subject, "ssthresh", reported_ssthresh_);
  }
  if (rtt_.srtt() != reported_srtt_) {
    reported_srtt_ = rtt_.srtt();
    trace.metric(now, layer_.node_name(), subject, "srtt", reported_srtt_.count());
  }
}

void TcpSocket::report_retransmission(uint32_t len) const {
  layer_.ctx().trace().metric(layer_.ctx().now(), layer_.node_name(), [this] { return name(); },
                              "retransmit", len);
}

void TcpSocket::set_nodelay(bool on) {
  nodelay_ = on;
  if (on && state_ == TcpState::Established) transmit();
}

size_t TcpSocket::bytes_unsent() const {
  const SeqNumber end = data_end();
  return end > snd_nxt_ ? static_cast<size_t>(end - snd_nxt_) : 0;
}

// ---- lifecycle ----

void TcpSocket::set_state(TcpState next) {
  if (next == state_) return;
  const TcpState previous = state_;
  state_ = next;
  // A listener's row is keyed "ip:port->*"; CLOSED removes the row.
  // (A child's first state copies its listener's but names its own connection.)
  const bool listener = !listener_ && (previous == TcpState::Listen || next == TcpState::Listen);
  Context& ctx = layer_.ctx();
  ctx.trace().decision(ctx.now(), Layer::Transport, layer_.node_name(), "", [&] {
    return "tcp " + name_as(listener) + ": " + std::string(to_string(previous)) + " -> " +
           std::string(to_string(next));
  });
  ctx.trace().table_change(ctx.now(), layer_.node_name(), "tcp", [&] {
    return std::pair<std::string, std::string>(
        name_as(listener), next == TcpState::Closed ? std::string() : std::string(to_string(next)));
  });
}

void TcpSocket::become_closed(std::optional<SocketError> error) {
  Scheduler& s = layer_.ctx().scheduler();
  for (Timer* t : {&retransmit_timer_, &persist_timer_, &delayed_ack_timer_, &linger_timer_})
    t->cancel(s);
  if (error) error_ = error;
  if (state_ != TcpState::Closed) {
    // The row's key names the peer; emit the removal before forgetting it.
    set_state(TcpState::Closed);
  }
  send_queue_.release();
  out_of_order_.clear();
  peer_fin_.reset();
  layer_.unhash(*this);
  if (listener_) {
    listener_->forget_child(this);
    listener_ = nullptr;
  }
  if (orphan_) {
    layer_.retire(*this);
    return;
  }
  // As Linux: an auto-bound port goes back to the pool (getsockname says
  // 0.0.0.0:0 again); an explicit bind() stays.
  if (!user_bound_) {
    layer_.release_port(*this);
    local_ = {};
  }
  // Everything after this reads as EOF (Linux sets SHUTDOWN_MASK).
  read_shutdown_ = write_shutdown_ = true;
  notify();
}

void TcpSocket::vanish() {
  const bool had_connection = state_ != TcpState::Closed && state_ != TcpState::Listen;
  embryos_.clear();
  accept_queue_.clear();
  user_bound_ = false;
  receive_queue_.release();
  become_closed(had_connection && !orphan_ ? std::optional(SocketError::ConnectionAborted)
                                           : std::nullopt);
}

void TcpSocket::prepare_connection() {
  read_shutdown_ = write_shutdown_ = fin_received_ = false;
  receive_queue_.release();
  send_queue_.release();
  out_of_order_.clear();
  peer_fin_.reset();
  unacked_bytes_ = 0;
  ack_owed_ = false;
  confirm_neighbour_ = minisocket_ = false;
  // RFC 9293 §3.7.1: announce what the route's MTU allows, at most the configured MSS.
  const uint32_t mtu = layer_.out_.mtu_for(remote_.ip);
  announced_mss_ = std::max<uint32_t>(1, std::min(layer_.config().mss, mtu > 40 ? mtu - 40 : 0));
  mss_ = std::min<uint32_t>(announced_mss_, 536);  // until the peer's MSS option is known
  rcv_wscale_ = window_shift_for(layer_.config());
  receive_buffer_ = layer_.config().receive_buffer;
  receive_queue_.set_limit(receive_ring_limit());
  send_queue_.set_limit(layer_.config().send_buffer);
  snd_wscale_ = 0;
  window_scaling_ = timestamps_ = sack_ok_ = false;
  ts_recent_ = 0;
  quick_acks_ = 0;
  pingpong_ = received_data_ = false;
  snd_wnd_ = max_snd_wnd_ = 0;
  const TcpLayer::ConnectionDraw draw = layer_.draw_connection();
  iss_ = draw.isn;
  ts_offset_ = draw.ts_offset;
  ip_id_ = draw.ip_id;
  snd_una_ = snd_nxt_ = snd_max_ = snd_sml_ = iss_;
  rtt_ = RttEstimator(layer_.config().rto_min);
  send_times_.clear();
  syn_retransmitted_ = false;
  retransmissions_ = 0;
  retransmitting_ = false;
  persist_backoff_ = 0;
  probes_unanswered_ = 0;
  window_full_reported_ = false;
  nagle_reported_ = 0;
}

SocketError TcpSocket::take_error() {
  const SocketError e = *error_;
  error_.reset();
  return e;
}

void TcpSocket::notify() {
  if (!waker_) return;
  Context& ctx = layer_.ctx();
  if (wake_timer_.armed(ctx.scheduler())) return;  // one wake-up covers every change until it runs
  wake_timer_.arm(ctx.scheduler(), ctx.now(), [this] {
    if (waker_) waker_();
  });
}

void TcpSocket::establish() {
  ever_connected_ = true;
  congestion_.start(mss_, iss_, syn_retransmitted_, layer_.ctx().now());
  sack_.reset(iss_ + 1, mss_);
  if (syn_retransmitted_) rtt_.use_fallback();
  tuning_.start(rcv_ssthresh_, announced_mss_, rcv_nxt_, layer_.ctx().now());
  retransmissions_ = 0;
  retransmitting_ = false;
  set_state(TcpState::Established);
  if (listener_)
    listener_->child_established(this);
  else
    notify();
}

void TcpSocket::enter_time_wait() {
  set_state(TcpState::TimeWait);
  Scheduler& s = layer_.ctx().scheduler();
  for (Timer* t : {&retransmit_timer_, &persist_timer_, &delayed_ack_timer_}) t->cancel(s);
  send_queue_.release();
  // 2*MSL; Background: TIME-WAIT never keeps a run alive.
  linger_timer_.arm(
      s, layer_.ctx().now() + layer_.config().time_wait, [this] { become_closed(std::nullopt); },
      EventKind::Background);
  notify();
}

void TcpSocket::child_established(TcpSocket* child) {
  embryos_.erase(std::remove(embryos_.begin(), embryos_.end(), child), embryos_.end());
  accept_queue_.push_back(child);
  notify();
}

void TcpSocket::forget_child(TcpSocket* child) {
  embryos_.erase(std::remove(embryos_.begin(), embryos_.end(), child), embryos_.end());
  accept_queue_.remove(child);
}

void TcpSocket::stop_listening() {
  // Linux inet_csk_listen_stop: connections nobody accepted are reset.
  std::vector<TcpSocket*> children(embryos_.begin(), embryos_.end());
  children.insert(children.end(), accept_queue_.begin(), accept_queue_.end());
  embryos_.clear();
  accept_queue_.clear();
  for (TcpSocket* child : children) {
    child->listener_ = nullptr;
    child->explain([] { return "listener closed before accept: reset"; });
    child->send_reset();
    child->become_closed(std::nullopt);
  }
}

void TcpSocket::queue_fin() {
  if (write_shutdown_) return;
  fin_seq_ = data_end();
  write_shutdown_ = true;
  if (state_ == TcpState::Established || state_ == TcpState::SynReceived)
    set_state(TcpState::FinWait1);
  else if (state_ == TcpState::CloseWait)
    set_state(TcpState::LastAck);
  transmit();
}

// ---- the app's calls ----

SocketResult<Done> TcpSocket::bind(SocketAddress local) {
  if (bound_ || state_ != TcpState::Closed) return SocketError::InvalidArgument;
  if (!local.ip.is_zero() && !layer_.out_.is_local_address(local.ip))
    return SocketError::AddressNotAvailable;
  SocketResult<Done> bound = layer_.bind_port(*this, local);
  if (bound.ok()) user_bound_ = true;
  return bound;
}

SocketResult<Done> TcpSocket::listen(int backlog) {
  // Linux: a negative backlog reads as a huge unsigned one, capped at somaxconn.
  const int capped = backlog < 0 ? kMaxBacklog : std::min(backlog, kMaxBacklog);
  if (state_ == TcpState::Listen) {
    backlog_ = capped;
    return Done{};
  }
  if (state_ != TcpState::Closed || ever_connected_) return SocketError::InvalidArgument;
  if (!bound_) {
    SocketResult<Done> bound = layer_.bind_port(*this, {});
    if (!bound.ok()) return bound;
  }
  error_.reset();
  read_shutdown_ = write_shutdown_ = false;
  backlog_ = capped;
  set_state(TcpState::Listen);
  return Done{};
}

SocketResult<TcpSocket*> TcpSocket::accept() {
  if (state_ != TcpState::Listen) return SocketError::InvalidArgument;
  if (accept_queue_.empty()) return SocketError::WouldBlock;
  TcpSocket* child = accept_queue_.front();
  accept_queue_.pop_front();
  child->listener_ = nullptr;
  child->orphan_ = false;
  child->connect_reported_ = true;
  return child;
}

SocketResult<Done> TcpSocket::connect(SocketAddress remote) {
  if (error_) return take_error();
  switch (state_) {
    case TcpState::Closed:
      break;
    case TcpState::SynSent:
    case TcpState::SynReceived:
      if (active_open_) return SocketError::WouldBlock;  // Linux EALREADY: still connecting
      return SocketError::AlreadyConnected;
    case TcpState::Listen:
      return SocketError::AlreadyConnected;
    default:
      if (!connect_reported_) {
        connect_reported_ = true;
        return Done{};
      }
      return SocketError::AlreadyConnected;
  }
  // Linux keeps a socket that was once connected "connected" (EISCONN);
  // after a failed attempt a new connect() starts over.
  if (ever_connected_) return SocketError::AlreadyConnected;
  // A bind() to one address fixes the source; otherwise the route picks it.
  const wire::Ipv4Address source =
      bound_ && !local_.ip.is_zero() ? local_.ip : layer_.out_.source_for(remote.ip);
  if (source.is_zero()) return SocketError::NetworkUnreachable;  // ip_route_connect: no route
  if (!bound_) {
    if (!layer_.bind_for_connect(*this, source, remote).ok())
      return SocketError::AddressNotAvailable;
  } else {
    local_.ip = source;
    remote_ = remote;
  }
  if (!hashed_ && !layer_.hash(*this)) {
    if (!user_bound_) {
      layer_.release_port(*this);
      local_ = {};
    }
    return SocketError::AddressNotAvailable;  // the 4-tuple is in use
  }
  active_open_ = true;
  prepare_connection();
  set_state(TcpState::SynSent);
  send_syn();
  if (state_ == TcpState::Closed) return take_error();  // no route after all
  return SocketError::WouldBlock;
}

SocketResult<size_t> TcpSocket::send(std::span<const uint8_t> data, const BytesOwner& owner) {
  if (error_) return take_error();  // Linux: ECONNRESET once, then EPIPE
  switch (state_) {
    case TcpState::Established:
    case TcpState::CloseWait:
      if (write_shutdown_) return SocketError::BrokenPipe;
      break;
    case TcpState::SynSent:
    case TcpState::SynReceived:
      // Linux sk_stream_wait_connect: a send waits for the handshake.
      if (active_open_) return SocketError::WouldBlock;
      return SocketError::BrokenPipe;
    default:
      // Linux: EPIPE on a socket never connected or shut down for writing.
      return SocketError::BrokenPipe;
  }
  if (data.empty()) return size_t{0};
  const size_t taken = send_queue_.push(data, owner);
  if (taken == 0) return SocketError::WouldBlock;
  transmit();
  return taken;
}

SocketResult<size_t> TcpSocket::recv(std::span<uint8_t> out) {
  if (state_ == TcpState::Listen) return SocketError::NotConnected;
  if (!receive_queue_.empty()) {
    // Linux returns queued bytes before a pending error.
    const size_t n = receive_queue_.pop(out);
    tune_receive_buffer();
    after_read();
    return n;
  }
  if (error_) return take_error();
  if (fin_received_ || read_shutdown_) return size_t{0};
  switch (state_) {
    case TcpState::SynSent:
    case TcpState::SynReceived:
    case TcpState::Established:
    case TcpState::FinWait1:
    case TcpState::FinWait2:
      return SocketError::WouldBlock;
    case TcpState::Closed:
      return SocketError::NotConnected;
    default:
      return size_t{0};
  }
}

SocketResult<Done> TcpSocket::shutdown(ShutdownHow how) {
  const bool reading = how == ShutdownHow::Read || how == ShutdownHow::Both;
  const bool writing = how == ShutdownHow::Write || how == ShutdownHow::Both;
  switch (state_) {
    case TcpState::Closed:
      return SocketError::NotConnected;
    case TcpState::Listen:
      // Linux: SHUT_RD on a listener stops it (and wakes accept()).
      if (reading) {
        stop_listening();
        become_closed(std::nullopt);
      }
      return Done{};
    case TcpState::SynSent:
      // Linux disconnects a connection still in its handshake.
      become_closed(std::nullopt);
      return Done{};
    default:
      break;
  }
  if (reading) {
    read_shutdown_ = true;
    notify();
  }
  if (writing) queue_fin();
  return Done{};
}

void TcpSocket::close() {
  waker_.reset();
  orphan_ = true;
  read_shutdown_ = true;
  switch (state_) {
    case TcpState::Closed:
      layer_.retire(*this);
      return;
    case TcpState::Listen:
      stop_listening();
      become_closed(std::nullopt);
      return;
    case TcpState::SynSent:
      become_closed(std::nullopt);  // Linux: silently, no RST
      return;
    default:
      break;
  }
  if (!receive_queue_.empty()) {
    // RFC 2525 §2.17, Linux tcp_close: data the app never read is lost, and
    // the peer must know: RST instead of FIN.
    explain([&] {
      return "closed with " + std::to_string(receive_queue_.size()) + " unread bytes: reset";
    });
    send_reset();
    become_closed(std::nullopt);
    return;
  }
  queue_fin();
  if (state_ == TcpState::FinWait2) {
    // An orphan in FIN-WAIT-2 waits tcp_fin_timeout for the peer's FIN (Linux).
    linger_timer_.arm(
        layer_.ctx().scheduler(), layer_.ctx().now() + layer_.config().time_wait,
        [this] { become_closed(std::nullopt); }, EventKind::Background);
  }
}

}  // namespace netsim::devices
