// TcpSocket, sending side: segment emission, the windows (receiver SWS
// avoidance, window scaling), transmission under rwnd/cwnd/Nagle, and the
// retransmission, persist and delayed-ACK timers (RFC 9293 §3.8, RFC 6298,
// RFC 5681, RFC 1122 §4.2.3).
#include <algorithm>
#include <bit>
#include <cstdio>
#include <utility>

#include "devices/stack/tcp/tcp_layer.h"
#include "devices/stack/tcp/tcp_socket.h"

namespace netsim::devices {

namespace {
using namespace wire::tcp_flags;

constexpr int kSynRetries = 6;     // Linux tcp_syn_retries: gives up after ~127 s
constexpr int kSynAckRetries = 5;  // Linux tcp_synack_retries
constexpr int kRetries2 = 15;      // Linux tcp_retries2: gives up after ~924.6 s
constexpr int kOrphanRetries = 8;  // Linux tcp_orphan_retries 0 means 8

// Linux tcp_model_timeout: the time `boundary` retransmissions take when the
// timeout doubles from `rto_base` up to the maximum and then stays there.
Time retry_timeout(int boundary, Time rto_base) {
  int doubling = 0;  // ilog2(max / base)
  while (doubling < 40 && rto_base * (int64_t{1} << (doubling + 1)) <= RttEstimator::kMaxRto)
    ++doubling;
  if (boundary <= doubling) return ((int64_t{2} << boundary) - 1) * rto_base;
  return ((int64_t{2} << doubling) - 1) * rto_base + (boundary - doubling) * RttEstimator::kMaxRto;
}

std::string seconds_text(Time t) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3fs", to_seconds(t));
  return text;
}
}  // namespace

// ---- emission ----

bool TcpSocket::emit(uint8_t flags, SeqNumber seq, std::span<const uint8_t> payload,
                     const PayloadRef& shared) {
  wire::TcpRepr seg;
  seg.src_port = local_.port;
  seg.dst_port = remote_.port;
  seg.seq = seq.value();
  seg.flags = flags;
  seg.payload = payload;
  if (flags & Syn) {
    const TcpConfig& config = layer_.config();
    const bool answer = flags & Ack;  // RFC 7323, 2018: a SYN-ACK only answers what the SYN offered
    seg.mss = static_cast<uint16_t>(std::min<uint32_t>(announced_mss_, 65535));
    seg.window = syn_window();
    if (answer ? window_scaling_ : config.window_scaling) seg.window_scale = rcv_wscale_;
    seg.sack_permitted = answer ? sack_ok_ : config.sack;
    if (answer ? timestamps_ : config.timestamps)
      seg.timestamps = wire::TcpTimestamps{ts_now(), answer ? ts_recent_ : 0};
    rcv_ssthresh_ = seg.window;
    if (answer) rcv_adv_ = rcv_nxt_ + seg.window;  // a SYN's window is never scaled
  } else {
    add_established_options(seg);
    if (!(flags & Rst)) seg.window = advertise_window();
  }
  if (flags & Ack) {
    seg.ack = rcv_nxt_.value();
    last_ack_sent_ = rcv_nxt_;
    // Linux tcp_dec_quickack_mode: each ACK of new data uses up a quick ACK.
    if (unacked_bytes_ > 0 && quick_acks_ > 0) --quick_acks_;
    unacked_bytes_ = 0;
    ack_owed_ = false;
    delayed_ack_timer_.cancel(layer_.ctx().scheduler());
  }
  // Linux: a SYN-ACK goes from the request socket, IP ID 0 under DF
  // (ip_build_and_send_pkt), and so does an ACK from TIME-WAIT's minisocket
  // (tcp_v4_send_ack); everything else counts up the connection's inet_id.
  const bool from_request = (flags & (Syn | Ack)) == (Syn | Ack) && listener_;
  const bool no_socket = from_request || minisocket_;
  const bool confirm = std::exchange(confirm_neighbour_, false);
  return layer_.output(local_.ip, remote_.ip, seg, no_socket ? 0 : ip_id_++, confirm, shared);
}

uint32_t TcpSocket::ts_now() const {
  return static_cast<uint32_t>(layer_.ctx().now() / milliseconds(1)) + ts_offset_;
}

void TcpSocket::add_established_options(wire::TcpRepr& seg) const {
  if (timestamps_) seg.timestamps = wire::TcpTimestamps{ts_now(), ts_recent_};
  if (!sack_ok_ || !(seg.flags & Ack) || out_of_order_.empty()) return;
  // RFC 2018 §4: the block holding the latest arrival first, then the others
  // (here from the highest down), as many as the header holds.
  const auto& ranges = out_of_order_.ranges();
  size_t first = ranges.size() - 1;
  for (size_t i = 0; i < ranges.size(); ++i)
    if (ranges[i].begin <= latest_out_of_order_ && latest_out_of_order_ < ranges[i].end) first = i;
  seg.sack[seg.sack_count++] = {ranges[first].begin.value(), ranges[first].end.value()};
  for (size_t i = ranges.size(); i-- > 0 && seg.sack_count < wire::kTcpMaxSackBlocks;)
    if (i != first) seg.sack[seg.sack_count++] = {ranges[i].begin.value(), ranges[i].end.value()};
}

void TcpSocket::send_syn() {
  const bool first = !syn_retransmitted_;
  // RFC 6298 §3 (Karn): only a SYN sent once gives an RTT sample.
  if (first)
    send_times_.sent(iss_ + 1, layer_.ctx().now());
  else
    send_times_.retransmitted(iss_, iss_ + 1);
  const bool routed = emit(state_ == TcpState::SynReceived ? Syn | Ack : Syn, iss_, {});
  snd_nxt_ = iss_ + 1;
  snd_max_ = seq_max(snd_max_, snd_nxt_);
  if (!routed) {
    if (state_ == TcpState::SynSent && first) {
      explain([] { return "SYN not sent: no route"; });
      become_closed(SocketError::NetworkUnreachable);
      return;
    }
    soft_error_ = SocketError::NetworkUnreachable;
  }
  arm_retransmit_timer();
}

void TcpSocket::send_reset() {
  // Linux tcp_send_active_reset: RST-ACK at SND.NXT.
  emit(Rst | Ack, snd_nxt_, {});
}

uint16_t TcpSocket::syn_window() const {
  // Linux tcp_select_initial_window: the free space rounded down to a
  // multiple of the MSS less the timestamps once known (a SYN: 65536 ->
  // 64240; a SYN-ACK answering timestamps: 65160), at most 65535 (a SYN is
  // never scaled).
  const uint32_t mss = announced_mss_ - (timestamps_ && announced_mss_ > 12 ? 12 : 0);
  const uint32_t space = free_receive_space();
  return static_cast<uint16_t>(std::min<uint32_t>(space > mss ? space / mss * mss : space, 65535));
}

uint32_t TcpSocket::free_receive_space() const {
  const size_t held = receive_queue_.size();
  return static_cast<uint32_t>(receive_buffer_ > held ? receive_buffer_ - held : 0);
}

uint16_t TcpSocket::advertise_window() {
  const uint32_t buffer = receive_buffer_;
  const uint32_t offered = offered_window();
  const uint32_t free = free_receive_space();
  // RFC 9293 §3.8.6.2.2, receiver SWS avoidance: the right edge moves only
  // by at least min(half the buffer, one MSS); until then it stays put.
  // Linux __tcp_select_window: the free space, held to rcv_ssthresh while
  // the window grows.
  const uint32_t target = std::min(free, rcv_ssthresh_);
  uint32_t window = offered;
  if (target >= offered + std::min(buffer / 2, mss_)) window = target;
  window = std::min(window, uint32_t{65535} << rcv_wscale_);
  // Scaling would drop low bits: Linux rounds up (ALIGN), which also never
  // pulls the right edge back (RFC 7323 §2.4); the ring has room for it.
  const uint32_t field =
      std::min<uint32_t>(65535, (window + (1u << rcv_wscale_) - 1) >> rcv_wscale_);
  rcv_adv_ = rcv_nxt_ + (field << rcv_wscale_);
  return static_cast<uint16_t>(field);
}

// ---- transmission ----

bool TcpSocket::can_send_data() const {
  if (snd_una_ == iss_) return false;  // our SYN is not acknowledged yet
  switch (state_) {
    case TcpState::Established:
    case TcpState::CloseWait:
    case TcpState::FinWait1:
    case TcpState::Closing:
    case TcpState::LastAck:
      return true;
    default:
      return false;
  }
}

uint32_t TcpSocket::segment_size() const {
  // Linux tcp_bound_to_half_wnd: a peer with a tiny window gets segments of
  // half its largest window, so data keeps flowing without persist probes.
  const uint32_t cutoff = max_snd_wnd_ > 536 ? max_snd_wnd_ / 2 : max_snd_wnd_;
  return cutoff > 0 && cutoff < mss_ ? std::max<uint32_t>(cutoff, 1) : mss_;
}

void TcpSocket::transmit() {
  if (!can_send_data()) return;
  const Time now = layer_.ctx().now();
  if (flight() == 0) congestion_.resume_after_idle(now - last_data_sent_at_, rtt_.rto(), now);
  if (sack_.recovering())
    transmit_in_recovery();
  else
    send_new_data();
}

void TcpSocket::send_new_data() {
  for (;;) {
    const uint32_t unsent = static_cast<uint32_t>(bytes_unsent());
    const bool fin_due = write_shutdown_ && snd_nxt_ <= data_end();
    if (unsent == 0) {
      // The FIN alone goes whatever the windows say (BSD; Linux accepts a
      // bare FIN at a closed window).
      if (fin_due) send_from_next(0);
      return;
    }
    const uint32_t size = segment_size();
    const uint32_t len = std::min(unsent, size);
    const int64_t window_room = int64_t{snd_wnd_} - flight();
    const int64_t cwnd_room = send_room(len);
    // Linux sends a segment only whole (tcp_snd_wnd_test): sender SWS
    // avoidance (RFC 9293 §3.8.6.2.1); the persist timer breaks a stall.
    if (len > window_room) {
      window_blocked(unsent);
      return;
    }
    if (len > cwnd_room) return;  // the ACK clock sends it
    // RFC 896 as Linux does it (Minshall's variant, tcp_minshall_check): a
    // partial segment waits while an earlier partial segment is in flight,
    // unless the app has shut down writing (Linux pushes with Nagle off then).
    if (len < size && !write_shutdown_ && layer_.config().nagle && !nodelay_ && snd_sml_ > snd_una_ &&
        snd_sml_ <= snd_nxt_) {
      if (nagle_reported_ != unsent) {
        nagle_reported_ = unsent;
        explain([&] { return "Nagle holding " + std::to_string(unsent) + " bytes"; });
      }
      return;
    }
    send_from_next(len);
  }
}

void TcpSocket::window_blocked(uint32_t waiting) {
  if (!window_full_reported_) {
    window_full_reported_ = true;
    explain([&] {
      return "window full: " + std::to_string(waiting) + " bytes waiting (rwnd " +
             std::to_string(snd_wnd_) + ")";
    });
  }
  // Nothing in flight: no ACK will come to reopen the window by itself.
  if (flight() == 0) arm_persist_timer();
}

void TcpSocket::send_from_next(uint32_t len) {
  const bool fin = write_shutdown_ && snd_nxt_ + len == data_end();
  send_segment(snd_nxt_, len, fin);
  snd_nxt_ = snd_nxt_ + len + (fin ? 1 : 0);
}

void TcpSocket::send_segment(SeqNumber seq, uint32_t len, bool fin) {
  const size_t offset = static_cast<size_t>(seq - queue_seq());
  const auto payload = send_queue_.view(offset, len, layer_.scratch(len));
  uint8_t flags = Ack;
  if (len > 0 && seq + len == data_end())
    flags |= Psh;  // Linux: the segment that empties the queue
  if (fin) flags |= Fin;
  const SeqNumber end = seq + len + (fin ? 1 : 0);
  const bool retransmission = seq < snd_max_;
  if (!emit(flags, seq, payload, send_queue_.reference(offset, len)))
    soft_error_ = SocketError::NetworkUnreachable;
  if (retransmission) report_retransmission(len);
  if (sack_.state() == SackScoreboard::State::Recovery) prr_.sent(static_cast<uint32_t>(end - seq));
  const Time now = layer_.ctx().now();
  if (retransmission) send_times_.retransmitted(seq, seq_min(end, snd_max_));
  if (end > snd_max_) send_times_.sent(end, now);
  if (len > 0 && len < mss_) snd_sml_ = end;
  // Linux tcp_event_data_sent: data sent within the delayed-ACK time of the
  // last arrival is a reply: the connection is interactive (pingpong) and
  // its ACKs wait to ride on the next reply.
  if (len > 0 && !retransmission && received_data_ && !pingpong_ &&
      now - last_received_at_ < layer_.config().delayed_ack) {
    pingpong_ = true;
    explain([] { return "interactive: ACKs wait for replies"; });
  }
  snd_max_ = seq_max(snd_max_, end);
  last_data_sent_at_ = now;
  nagle_reported_ = 0;
  if (!retransmit_timer_.armed(layer_.ctx().scheduler())) arm_retransmit_timer();
}

void TcpSocket::retransmit_first_unacked() {
  if (snd_una_ == iss_) {
    send_syn();
    return;
  }
  const SeqNumber end = data_end();
  const uint32_t queued = end > snd_una_ ? static_cast<uint32_t>(end - snd_una_) : 0;
  const uint32_t len = std::min(queued, segment_size());
  const bool fin = write_shutdown_ && len == queued && snd_max_ > end;  // the FIN was sent
  if (len == 0 && !fin) return;
  send_segment(snd_una_, len, fin);
}

// ---- acknowledgments ----

void TcpSocket::settle_ack(bool now) {
  if (!ack_owed_) return;  // a segment just sent carried it
  if (now) {
    send_ack();
    return;
  }
  Scheduler& s = layer_.ctx().scheduler();
  if (delayed_ack_timer_.armed(s)) return;
  delayed_ack_timer_.arm(s, layer_.ctx().now() + layer_.config().delayed_ack,
                         [this] { on_delayed_ack_timeout(); });
  explain([] { return "delayed ACK armed"; });
}

void TcpSocket::on_delayed_ack_timeout() {
  // Linux tcp_delack_timer_handler: a delayed ACK that had to fire means
  // no reply came to carry it; the connection leaves pingpong mode.
  pingpong_ = false;
  if (ack_owed_) send_ack();
}

void TcpSocket::expand_send_buffer() {
  // Counted as Linux counts a segment's memory: its payload and headers
  // rounded up to a power of two, plus the skb (4352 bytes for a 1500-byte
  // MTU, whence the initial 87040 = 2 x 10 x 4352); CUBIC's recovery needs
  // 1.7 windows, Linux rounds to 2. At most tcp_wmem[2].
  constexpr size_t kHeaders = 640, kSkb = 256, kMaxSendBuffer = 4194304;
  const size_t per_segment = std::bit_ceil(size_t{mss_} + kHeaders) + kSkb;
  const size_t segments = std::max<size_t>(CongestionControl::kInitialSegments, congestion_.cwnd() / mss_);
  const size_t wanted = std::min(2 * segments * per_segment, kMaxSendBuffer);
  if (wanted > send_queue_.limit()) send_queue_.set_limit(wanted);
}

void TcpSocket::tune_receive_buffer() {
  // tcp_rmem[2] is buffer space; Linux's window is half of it (scaling_ratio).
  const uint32_t max_window = std::max(layer_.config().receive_buffer_max / 2, receive_buffer_);
  const SeqNumber copied = rcv_nxt_ - static_cast<uint32_t>(receive_queue_.size());
  const std::optional<uint32_t> grown =
      tuning_.on_read(copied, layer_.ctx().now(), receive_buffer_, max_window);
  if (!grown) return;
  explain([&] {
    return "receive buffer autotuning: window room " + std::to_string(receive_buffer_) + " -> " +
           std::to_string(*grown) + " bytes";
  });
  receive_buffer_ = *grown;
  receive_queue_.set_limit(receive_ring_limit());
}

void TcpSocket::after_read() {
  if (state_ != TcpState::Established && state_ != TcpState::FinWait1 &&
      state_ != TcpState::FinWait2)
    return;  // the peer has finished sending: no window to reopen
  const uint32_t buffer = receive_buffer_;
  const uint32_t offered = offered_window();
  const uint32_t free = free_receive_space();
  // Linux tcp_cleanup_rbuf: a window update when the window at least
  // doubles from at most half the clamp (Linux clamps at about half the
  // buffer), and moves by the SWS threshold. A window that big does not
  // hold the sender back: the next ACK will carry the news.
  if (4 * uint64_t{offered} <= buffer && free >= 2 * uint64_t{offered} &&
      free >= offered + std::min(buffer / 2, mss_)) {
    explain([&] {
      return "window update: " + std::to_string(offered) + " -> " + std::to_string(free) + " bytes";
    });
    send_ack();
  }
}

// ---- timers ----

void TcpSocket::arm_retransmit_timer() {
  Context& ctx = layer_.ctx();
  retransmit_armed_at_ = ctx.now();
  retransmit_timer_.arm(ctx.scheduler(), ctx.now() + rtt_.rto(),
                        [this] { on_retransmit_timeout(); });
}

void TcpSocket::on_retransmit_timeout() {
  const Time now = layer_.ctx().now();
  const bool handshake = snd_una_ == iss_;
  if (!handshake && flight() == 0) return;  // everything was acknowledged meanwhile
  if (!retransmitting_) {
    retransmitting_ = true;
    retransmissions_ = 0;
    episode_start_ = retransmit_armed_at_;
  }
  bool exhausted;
  if (handshake && listener_)
    exhausted = retransmissions_ >= kSynAckRetries;
  else if (handshake)
    exhausted = now - episode_start_ >= retry_timeout(kSynRetries, RttEstimator::kInitialRto);
  else
    exhausted = now - episode_start_ >= retry_timeout(kRetries2, layer_.config().rto_min);
  if (exhausted) {
    give_up();
    return;
  }
  ++retransmissions_;
  const Time expired = rtt_.rto();
  rtt_.back_off();  // RFC 6298 §5.5
  explain([&] {
    return "retransmission timeout (RTO " + seconds_text(expired) + ", backoff " +
           std::to_string(rtt_.backoff()) + ")";
  });
  if (handshake) {
    syn_retransmitted_ = true;
    send_syn();
    return;
  }
  // RFC 5681 §3.1: loss window; RFC 6582 §3.2 step 6: recovery ends.
  congestion_.on_timeout(flight(), snd_max_, retransmissions_ == 1);
  report_metrics();
  if (sack_ok_) {
    // RFC 6675 §5.1 as Linux tcp_enter_loss: what is not SACKed is lost and
    // goes again, hole by hole, as the window grows; SACKed data does not.
    sack_.enter_loss(snd_una_, snd_max_);
    transmit();
  } else {
    // Without SACK everything outstanding counts as lost: resend from
    // SND.UNA as the window grows again (go-back-N, as Linux marks it all lost).
    snd_nxt_ = snd_una_;
    send_from_next(std::min(static_cast<uint32_t>(bytes_unsent()), segment_size()));
  }
  if (!retransmit_timer_.armed(layer_.ctx().scheduler())) arm_retransmit_timer();
}

void TcpSocket::give_up() {
  const SocketError error = soft_error_.value_or(SocketError::TimedOut);
  explain([&] {
    return "giving up after " + std::to_string(retransmissions_) + " retransmissions (" +
           std::string(to_string(error)) + ")";
  });
  // A child nobody accepted just disappears (Linux drops the request socket).
  become_closed(listener_ ? std::nullopt : std::optional(error));
}

Time TcpSocket::persist_interval() const {
  // RFC 1122 §4.2.2.17: probes back off exponentially (Linux: from the RTO, up to 120 s).
  Time interval = std::max(rtt_.base_rto(), layer_.config().rto_min);
  for (int i = 0; i < persist_backoff_ && interval < RttEstimator::kMaxRto; ++i) interval *= 2;
  return std::min(interval, RttEstimator::kMaxRto);
}

bool TcpSocket::orphan_gives_up() const {
  // Linux tcp_probe_timer: a socket no app holds stops probing a window
  // that stays shut once the interval has reached its maximum and the
  // backoff tcp_orphan_retries (8).
  return orphan_ && persist_backoff_ >= kOrphanRetries &&
         persist_interval() >= RttEstimator::kMaxRto;
}

void TcpSocket::arm_persist_timer() {
  Scheduler& s = layer_.ctx().scheduler();
  if (persist_timer_.armed(s)) return;
  persist_timer_.arm(s, layer_.ctx().now() + persist_interval(), [this] { on_persist_timeout(); });
}

void TcpSocket::on_persist_timeout() {
  if (!can_send_data() || flight() > 0) return;
  const uint32_t unsent = static_cast<uint32_t>(bytes_unsent());
  if (unsent == 0) return;
  // RFC 1122 §4.2.2.17: keep probing while the receiver answers; give up
  // only when probes go unanswered (Linux counts them against tcp_retries2).
  if (probes_unanswered_ >= kRetries2 || orphan_gives_up()) {
    give_up();
    return;
  }
  ++probes_unanswered_;
  if (snd_wnd_ == 0) {
    ++persist_backoff_;
    explain([&] {
      return "zero-window probe (" + std::to_string(unsent) + " bytes waiting, backoff " +
             std::to_string(persist_backoff_) + ")";
    });
    // RFC 9293 §3.8.6.1: one byte beyond the closed window; SND.NXT stays,
    // so the byte goes again, normally, once the window opens.
    const auto byte =
        send_queue_.view(static_cast<size_t>(snd_nxt_ - queue_seq()), 1, layer_.scratch(1));
    emit(Ack | (unsent == 1 ? Psh : 0), snd_nxt_, byte);
    snd_max_ = seq_max(snd_max_, snd_nxt_ + 1);
    arm_persist_timer();
    return;
  }
  // An open window smaller than a segment: send what fits (Linux tcp_write_wakeup).
  const uint32_t len = std::min({unsent, snd_wnd_, segment_size()});
  explain([&] {
    return "persist timer: " + std::to_string(len) + " bytes into a window of " +
           std::to_string(snd_wnd_);
  });
  persist_backoff_ = 0;
  send_from_next(len);
}

}  // namespace netsim::devices
