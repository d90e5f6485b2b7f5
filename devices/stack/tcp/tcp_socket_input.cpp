// TcpSocket, receiving side: RFC 9293 §3.10.7 "SEGMENT ARRIVES" state by
// state (with RFC 5961's RST/SYN checks as Linux has them), ACK processing
// with RTT sampling and the congestion window's reactions, reassembly, FIN handling, and
// ICMP errors about our segments.
#include <algorithm>

#include "devices/stack/tcp/tcp_layer.h"
#include "devices/stack/tcp/tcp_socket.h"

namespace netsim::devices {

namespace {
using namespace wire::tcp_flags;
}  // namespace

// ---- LISTEN (RFC 9293 §3.10.7.2) ----

void TcpSocket::on_listen_segment(wire::Ipv4Address dst, wire::Ipv4Address src,
                                  const wire::TcpRepr& seg) {
  if (seg.has(Rst)) return;
  if (seg.has(Ack)) {  // nothing here could be acknowledged
    layer_.send_reset_reply(dst, src, seg);
    return;
  }
  if (!seg.has(Syn)) return;
  // Linux: the accept queue holds backlog + 1; a SYN beyond is dropped and
  // the client's retransmission tries again later.
  if (embryos_.size() + accept_queue_.size() > static_cast<size_t>(backlog_)) {
    explain([&] {
      return "listen queue full (backlog " + std::to_string(backlog_) + "): SYN from " +
             src.to_string() + ":" + std::to_string(seg.src_port) + " dropped";
    });
    return;
  }
  TcpSocket* child = layer_.spawn_child(*this, {dst, local_.port}, {src, seg.src_port});
  child->nodelay_ = nodelay_;
  embryos_.push_back(child);
  child->open_passive(seg);
}

void TcpSocket::open_passive(const wire::TcpRepr& syn) {
  prepare_connection();
  state_ = TcpState::Listen;  // the child starts as its listener's copy
  irs_ = SeqNumber(syn.seq);
  rcv_nxt_ = irs_ + 1;
  take_peer_options(syn);
  snd_wnd_ = max_snd_wnd_ = syn.window;  // never scaled in a SYN (RFC 7323 §2.2)
  snd_wl1_ = irs_;
  snd_wl2_ = iss_;
  set_state(TcpState::SynReceived);
  send_syn();
}

void TcpSocket::take_peer_options(const wire::TcpRepr& syn) {
  const TcpConfig& config = layer_.config();
  // An option is in use when both SYNs carry it (RFC 7323 §2.2, §3.2; RFC
  // 2018 §2): a SYN-ACK offers only what the SYN did.
  if (syn.window_scale && config.window_scaling) {
    window_scaling_ = true;
    snd_wscale_ = std::min<uint8_t>(*syn.window_scale, 14);  // RFC 7323 §2.3
  } else {
    window_scaling_ = false;
    snd_wscale_ = rcv_wscale_ = 0;
  }
  timestamps_ = syn.timestamps && config.timestamps;
  if (timestamps_) ts_recent_ = syn.timestamps->value;
  sack_ok_ = syn.sack_permitted && config.sack;
  // RFC 9293 §3.7.1: 536 when the peer names no MSS; the timestamps every
  // segment carries take 12 bytes of it (RFC 7323 §3.2, Linux tcp_sync_mss).
  const uint32_t peer_mss = std::min<uint32_t>(syn.mss.value_or(536), announced_mss_);
  mss_ = std::max<uint32_t>(1, peer_mss - (timestamps_ && peer_mss > 12 ? 12 : 0));
}

// ---- SYN-SENT (RFC 9293 §3.10.7.3) ----

void TcpSocket::on_syn_sent_segment(const wire::TcpRepr& seg) {
  const SeqNumber ack(seg.ack);
  const bool has_ack = seg.has(Ack);
  if (has_ack && (ack <= iss_ || ack > snd_max_)) {
    if (!seg.has(Rst)) layer_.send_reset_reply(local_.ip, remote_.ip, seg);
    return;
  }
  if (seg.has(Rst)) {
    if (!has_ack) return;  // only a RST that acknowledges our SYN refuses it
    explain([] { return "connection refused (RST)"; });
    become_closed(SocketError::ConnectionRefused);
    return;
  }
  if (!seg.has(Syn)) return;
  irs_ = SeqNumber(seg.seq);
  rcv_nxt_ = irs_ + 1;
  take_peer_options(seg);
  rcv_adv_ = rcv_nxt_ + rcv_ssthresh_;  // what our SYN offered
  snd_wnd_ = max_snd_wnd_ = seg.window;
  snd_wl1_ = irs_;
  snd_wl2_ = ack;
  if (has_ack) {
    snd_una_ = ack;
    take_rtt_sample(ack, seg);
    retransmit_timer_.cancel(layer_.ctx().scheduler());  // nothing is outstanding now
    establish();
    // Data in a SYN-ACK is not kept (Linux without Fast Open); the peer resends it.
    send_ack();
    return;
  }
  // Simultaneous open (RFC 9293 §3.5 Figure 8): SYN-ACK with our ISS; the
  // SYN's retransmission timer keeps running and now resends the SYN-ACK.
  set_state(TcpState::SynReceived);
  emit(Syn | Ack, iss_, {});
}

// ---- synchronized states (RFC 9293 §3.10.7.4) ----

void TcpSocket::on_segment(const wire::TcpRepr& seg) {
  if (state_ == TcpState::SynSent) {
    on_syn_sent_segment(seg);
    return;
  }
  if (state_ == TcpState::Closed || state_ == TcpState::Listen) return;
  SeqNumber seq(seg.seq);
  std::span<const uint8_t> data = seg.payload;
  bool syn = seg.has(Syn), fin = seg.has(Fin);
  // The client did not hear our SYN-ACK and sent its SYN again (Linux tcp_check_req).
  if (state_ == TcpState::SynReceived && syn && !seg.has(Ack) && seq == irs_) {
    emit(Syn | Ack, iss_, {});
    return;
  }
  if (paws_rejects(seg)) {
    send_ack();
    return;
  }
  const SeqNumber right_edge = seq_max(rcv_adv_, rcv_nxt_);
  // Second, first (RFC 5961 §3.2, Linux): a RST counts only exactly at
  // RCV.NXT; elsewhere in the window it earns a challenge ACK.
  if (seg.has(Rst)) {
    if (seq == rcv_nxt_) {
      on_reset();
    } else if (rcv_nxt_ < seq && seq < right_edge) {
      explain([] { return "RST inside the window but not at RCV.NXT: challenge ACK"; });
      send_ack();
    }
    return;
  }
  // First: acceptability. A segment starting beyond the window is answered
  // with an ACK and dropped; one starting before RCV.NXT is trimmed and its
  // ACK still counts (BSD and Linux, more lenient than RFC 9293's table).
  if (seq > right_edge) {
    send_ack();
    return;
  }
  bool ack_now = false;
  if (seq < rcv_nxt_) {
    uint32_t old = static_cast<uint32_t>(rcv_nxt_ - seq);
    if (syn) {
      syn = false;
      --old;
      seq += 1;
      // An old SYN-ACK again: our ACK was lost, send another (Linux answers
      // it with a challenge ACK) — except for the crossing SYN-ACKs of a
      // simultaneous open, which Linux lets pass silently.
      if (state_ != TcpState::SynReceived) ack_now = true;
    }
    const uint32_t cut = std::min<uint32_t>(old, static_cast<uint32_t>(data.size()));
    data = data.subspan(cut);
    old -= cut;
    seq += cut;
    if (cut > 0) ack_now = true;  // duplicate data: ACK at once (RFC 5681 §4.2)
    if (old > 0 && fin) {
      fin = false;  // a FIN we already have
      ack_now = true;
      if (state_ == TcpState::TimeWait) {
        // RFC 9293: the peer's FIN again: acknowledge, restart the 2*MSL wait.
        explain([] { return "FIN retransmitted: TIME-WAIT restarts"; });
        enter_time_wait();
      }
    }
  }
  // Data beyond the right edge is not kept (nor a FIN after it).
  const uint32_t room = rcv_adv_ > seq ? static_cast<uint32_t>(rcv_adv_ - seq) : 0;
  if (data.size() > room) {
    data = data.first(room);
    fin = false;
    ack_now = true;
  }
  // RFC 7323 §4.3: the TSval to echo is that of the segment our last ACK
  // acknowledged up to (Linux tcp_replace_ts_recent).
  if (timestamps_ && seg.timestamps && SeqNumber(seg.seq) <= last_ack_sent_ &&
      static_cast<int32_t>(seg.timestamps->value - ts_recent_) >= 0)
    ts_recent_ = seg.timestamps->value;
  // Fourth: a SYN inside the window of a synchronized connection (RFC 5961 §4).
  if (syn) {
    explain([] { return "SYN on a synchronized connection: challenge ACK"; });
    send_ack();
    return;
  }
  // Fifth: without ACK the segment is dropped.
  if (!seg.has(Ack)) return;
  if (!process_ack(seg, seg.has(Syn))) return;  // closed: nothing left to measure
  report_metrics();
  // Seventh: data. Linux (TCPAbortOnData): new data for a socket whose app
  // will never read again ends the connection with RST.
  if (!data.empty() && read_shutdown_ &&
      (state_ == TcpState::FinWait1 || state_ == TcpState::FinWait2)) {
    explain([&] { return std::to_string(data.size()) + " bytes after close: reset"; });
    layer_.send_reset_reply(local_.ip, remote_.ip, seg);
    become_closed(SocketError::ConnectionReset);
    return;
  }
  if (!data.empty()) {
    ack_now = process_text(seq, data) || ack_now;
    measure_receiver_rtt(seg, data.size());
  }
  // Eighth: FIN, in order or remembered beyond a hole.
  if (fin) {
    const SeqNumber fin_seq = seq + static_cast<uint32_t>(data.size());
    if (fin_seq == rcv_nxt_) {
      ack_now = consume_fin() || ack_now;
    } else if (fin_seq > rcv_nxt_) {
      peer_fin_ = fin_seq;
      ack_owed_ = true;
      ack_now = true;
    }
  }
  if (state_ == TcpState::Closed) return;
  // Linux __tcp_ack_snd_check: in quick-ACK mode every data segment is
  // acknowledged at once (after a FIN made the connection interactive, not).
  if (!data.empty() && in_quickack_mode()) ack_now = true;
  if (ack_now) ack_owed_ = true;
  transmit();  // new data carries the ACK, if any may go
  settle_ack(ack_now);
  // Linux answers the segment that ends in TIME-WAIT from the full socket;
  // later segments meet the TIME-WAIT minisocket.
  if (state_ == TcpState::TimeWait) minisocket_ = true;
}

bool TcpSocket::process_ack(const wire::TcpRepr& seg, bool had_syn) {
  const SeqNumber ack(seg.ack);
  const SeqNumber seq(seg.seq);
  const SeqNumber prior_una = snd_una_;
  if (state_ == TcpState::SynReceived && !(snd_una_ < ack && ack <= snd_max_)) {
    layer_.send_reset_reply(local_.ip, remote_.ip, seg);  // <SEQ=SEG.ACK><CTL=RST>
    return false;
  }
  if (ack > snd_max_) {
    send_ack();  // it acknowledges something not yet sent
    return false;
  }
  // The send window (RFC 9293 §3.10.7.4 fifth): only from a segment newer
  // than the one that last set it; scaled unless it is a SYN (RFC 7323 §2.2).
  bool window_changed = false;
  if (ack >= snd_una_ && (snd_wl1_ < seq || (snd_wl1_ == seq && snd_wl2_ <= ack))) {
    const uint32_t window = had_syn ? seg.window : uint32_t{seg.window} << snd_wscale_;
    window_changed = window != snd_wnd_;
    if (window_changed) window_full_reported_ = false;  // a new "window full" is news
    snd_wnd_ = window;
    max_snd_wnd_ = std::max(max_snd_wnd_, window);
    snd_wl1_ = seq;
    snd_wl2_ = ack;
  }
  probes_unanswered_ = 0;  // the peer is there
  if (ack > snd_una_) {
    confirm_neighbour_ = true;  // forward progress (Linux tcp_ack: sk_dst_confirm)
    if (snd_una_ == iss_) {
      // Our SYN is acknowledged: the passive (or simultaneous) handshake ends.
      snd_una_ = iss_ + 1;
      take_rtt_sample(ack, seg);
      if (state_ == TcpState::SynReceived)
        establish();
      else
        congestion_.start(mss_, iss_, syn_retransmitted_, layer_.ctx().now());  // closed while in SYN-RECEIVED
    }
    const SeqNumber first = queue_seq();
    const SeqNumber last = seq_min(ack, data_end());
    if (last > first) send_queue_.discard(static_cast<size_t>(last - first));
    const uint32_t acked = static_cast<uint32_t>(ack - snd_una_);
    snd_una_ = ack;
    snd_nxt_ = seq_max(snd_nxt_, ack);
    if (acked > 0) {
      const AckClock clock{layer_.ctx().now(), rtt_.srtt(), take_rtt_sample(ack, seg), snd_nxt_};
      retransmitting_ = false;
      retransmissions_ = 0;
      if (congestion_.on_new_ack(ack, acked, flight(), clock) == CongestionControl::Action::PartialRetransmit) {
        explain([&] { return "partial ACK: retransmit seq " + relative(snd_una_, iss_); });
        retransmit_first_unacked();
      }
      // Linux tcp_should_expand_sndbuf: not while the window is full.
      if (flight() < congestion_.cwnd()) expand_send_buffer();
      notify();  // room in the send buffer
    }
    // RFC 6298 §5.2, §5.3.
    if (flight() == 0)
      retransmit_timer_.cancel(layer_.ctx().scheduler());
    else
      arm_retransmit_timer();
  } else if (!sack_ok_ && ack == snd_una_ && flight() > 0 && seg.payload.empty() && !had_syn &&
             !seg.has(Fin) && !window_changed) {
    // RFC 5681 §2: a duplicate ACK (with SACK, one that SACKs new data: on_sack_ack).
    if (congestion_.on_duplicate_ack(ack, flight(), snd_max_) == CongestionControl::Action::FastRetransmit) {
      explain([&] { return "fast retransmit seq " + relative(snd_una_, iss_) + " (3 dup ACKs)"; });
      retransmit_first_unacked();
    }
  }
  if (sack_ok_ && snd_una_ != iss_) on_sack_ack(seg, prior_una);
  if (snd_wnd_ > 0 && persist_timer_.armed(layer_.ctx().scheduler())) {
    persist_timer_.cancel(layer_.ctx().scheduler());
    persist_backoff_ = 0;
  }
  if (fin_acked()) {
    switch (state_) {
      case TcpState::FinWait1:
        set_state(TcpState::FinWait2);
        if (orphan_) {
          // Linux tcp_fin_timeout: an orphan does not wait forever for the peer's FIN.
          linger_timer_.arm(
              layer_.ctx().scheduler(), layer_.ctx().now() + layer_.config().time_wait,
              [this] { become_closed(std::nullopt); }, EventKind::Background);
        }
        break;
      case TcpState::Closing:
        enter_time_wait();
        break;
      case TcpState::LastAck:
        become_closed(std::nullopt);
        return false;
      default:
        break;
    }
  }
  return true;
}

std::optional<Time> TcpSocket::take_rtt_sample(SeqNumber ack, const wire::TcpRepr& seg) {
  const Time now = layer_.ctx().now();
  const SendTimes::Acked acked = send_times_.acknowledge(ack);
  Time rtt, newest;
  if (acked.oldest && !acked.retransmitted) {
    rtt = now - *acked.oldest;
    newest = now - *acked.newest;
  } else if (const std::optional<Time> echoed = echo_rtt(seg)) {
    rtt = newest = *echoed;  // the echo names the transmission it answers
  } else {
    return std::nullopt;
  }
  rtt_.sample(rtt, ack, snd_nxt_);
  return newest;
}

std::optional<Time> TcpSocket::echo_rtt(const wire::TcpRepr& seg) const {
  if (!timestamps_ || !seg.timestamps || seg.timestamps->echo_reply == 0) return std::nullopt;
  const uint32_t elapsed = ts_now() - seg.timestamps->echo_reply;
  if (elapsed > INT32_MAX / 1000) return std::nullopt;  // an echo from the future or long ago
  return milliseconds(std::max<uint32_t>(elapsed, 1));
}

void TcpSocket::measure_receiver_rtt(const wire::TcpRepr& seg, size_t len) {
  if (!timestamps_) {
    tuning_.window_sample(rcv_nxt_, offered_window(), layer_.ctx().now());
  } else if (len >= mss_) {
    if (const std::optional<Time> rtt = echo_rtt(seg)) tuning_.echo_sample(seg.timestamps->echo_reply, *rtt);
  }
}

bool TcpSocket::process_text(SeqNumber seq, std::span<const uint8_t> data) {
  switch (state_) {
    case TcpState::Established:
    case TcpState::FinWait1:
    case TcpState::FinWait2:
      break;
    default:
      return false;  // the peer's FIN came first: nothing more can be data
  }
  const size_t offset = static_cast<size_t>(seq - rcv_nxt_);
  const size_t base = receive_queue_.size();
  const size_t space =
      receive_queue_.limit() > base + offset ? receive_queue_.limit() - base - offset : 0;
  const size_t len = std::min(data.size(), space);
  ack_owed_ = true;
  if (len == 0) return true;
  receive_queue_.write_at(base + offset, data.first(len));
  const SeqNumber end = seq + static_cast<uint32_t>(len);
  if (offset > 0) {
    // RFC 5681 §4.2: out-of-order data is acknowledged at once (a duplicate ACK).
    out_of_order_.add(seq, end);
    latest_out_of_order_ = seq;
    explain([&] {
      return "out-of-order segment seq " + relative(seq, irs_) + ": held, duplicate ACK";
    });
    return true;
  }
  const bool filled_gap = !out_of_order_.empty();
  const SeqNumber next = out_of_order_.take_contiguous(end);
  receive_queue_.commit(static_cast<size_t>(next - rcv_nxt_));
  rcv_nxt_ = next;
  unacked_bytes_ += static_cast<uint32_t>(len);
  note_data_received();
  // Linux tcp_grow_window: a segment that is mostly payload (a full one, not
  // a few bytes in a whole buffer) lets the window grow by two segments.
  if (2 * len >= mss_ && rcv_ssthresh_ < receive_buffer_)
    rcv_ssthresh_ = std::min(rcv_ssthresh_ + 2 * announced_mss_, receive_buffer_);
  notify();
  if (peer_fin_ && *peer_fin_ == rcv_nxt_) consume_fin();
  // RFC 5681 §4.2: a segment that fills a gap is acknowledged at once; Linux
  // also acknowledges as soon as more than one full segment is unacknowledged.
  return filled_gap || unacked_bytes_ > mss_;
}

void TcpSocket::note_data_received() {
  const Time now = layer_.ctx().now();
  if (layer_.config().quickack && (!received_data_ || now - last_received_at_ > rtt_.rto())) {
    if (quick_acks_ == 0) explain([] { return "quick-ACK mode"; });
    quick_acks_ = kMaxQuickAcks;
  }
  received_data_ = true;
  last_received_at_ = now;
}

bool TcpSocket::consume_fin() {
  rcv_nxt_ += 1;
  fin_received_ = true;
  peer_fin_.reset();
  ack_owed_ = true;
  notify();
  switch (state_) {
    case TcpState::Established:
      // Linux delays this ACK (tcp_fin enters pingpong mode): the app's own
      // FIN, if it closes now, carries it.
      pingpong_ = true;
      set_state(TcpState::CloseWait);
      return false;
    case TcpState::FinWait1:
      set_state(TcpState::Closing);  // simultaneous close
      return true;
    case TcpState::FinWait2:
      enter_time_wait();
      return true;
    default:
      return true;
  }
}

void TcpSocket::on_reset() {
  switch (state_) {
    case TcpState::SynReceived:
      // RFC 9293: a passive open goes back to LISTEN (the child disappears);
      // an active (simultaneous) one is refused.
      explain([] { return "RST in SYN-RECEIVED"; });
      become_closed(active_open_ ? std::optional(SocketError::ConnectionRefused) : std::nullopt);
      return;
    case TcpState::CloseWait:
      explain([] { return "connection reset by peer"; });
      become_closed(SocketError::BrokenPipe);  // Linux tcp_reset: EPIPE in CLOSE-WAIT
      return;
    case TcpState::TimeWait:
      // Linux (tcp_rfc1337 = 0): a RST ends TIME-WAIT early.
      become_closed(std::nullopt);
      return;
    default:
      explain([] { return "connection reset by peer"; });
      become_closed(SocketError::ConnectionReset);
      return;
  }
}

// ---- ICMP (RFC 1122 §4.2.3.9, as Linux tcp_v4_err) ----

void TcpSocket::on_path_mtu(uint16_t mtu) {
  // Without DF a router fragments instead; RFC 1191 §5: an old router that
  // names no MTU says nothing usable (Linux then keeps its estimate).
  if (!layer_.config().pmtu_discovery || mtu < 68) return;
  const uint32_t overhead = 40 + (timestamps_ ? 12 : 0);
  const uint32_t mss = mtu > overhead ? mtu - overhead : 1;
  if (mss >= mss_) return;
  explain([&] {
    return "path MTU " + std::to_string(mtu) + ": MSS " + std::to_string(mss_) + " -> " +
           std::to_string(mss) + ", resending what is in flight";
  });
  // Linux tcp_v4_mtu_reduced: tcp_sync_mss, then tcp_simple_retransmit —
  // what is in flight goes again in smaller segments, without a congestion
  // response (the segments were too big, not lost to congestion).
  mss_ = mss;
  snd_nxt_ = snd_una_ == iss_ ? snd_nxt_ : snd_una_;
  transmit();
}

void TcpSocket::on_icmp_error(const wire::IcmpRepr& icmp, SeqNumber seq) {
  if (seq < snd_una_ || seq >= snd_max_) {
    explain([] { return "ICMP error about a segment no longer in flight: ignored"; });
    return;
  }
  SocketError error = SocketError::HostUnreachable;
  std::string what;
  if (icmp.type == wire::IcmpType::DestinationUnreachable) {
    const auto code = static_cast<wire::UnreachableCode>(icmp.code);
    what = "unreachable (" + std::string(wire::to_string(code)) + ")";
    switch (code) {
      case wire::UnreachableCode::Net:
        error = SocketError::NetworkUnreachable;
        break;
      case wire::UnreachableCode::Port:
        error = SocketError::ConnectionRefused;
        break;
      case wire::UnreachableCode::FragmentationNeeded:
        on_path_mtu(icmp.next_hop_mtu);
        return;
      default:  // host, protocol, admin-prohibited, ...: EHOSTUNREACH as Linux maps most
        break;
    }
  } else if (icmp.type == wire::IcmpType::TimeExceeded) {
    what = "time exceeded";
  } else {
    return;
  }
  if (state_ == TcpState::SynSent || state_ == TcpState::SynReceived) {
    // Linux: an ICMP error during the handshake ends it at once.
    explain(
        [&] { return "ICMP " + what + " during the handshake: " + std::string(to_string(error)); });
    become_closed(listener_ ? std::nullopt : std::optional(error));
    return;
  }
  // Linux: a soft error, reported only if the connection then times out.
  soft_error_ = error;
  explain([&] { return "ICMP " + what + ": kept as the error if this connection times out"; });
}

}  // namespace netsim::devices
