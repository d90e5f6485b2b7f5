// One TCP endpoint: the socket an app holds and the connection behind it
// (RFC 9293 TCB), an explicit state machine with one set_state(). The API is
// non-blocking (socket_types.h); the wire side is driven by TcpLayer.
// tcp_socket.cpp holds the app's calls, tcp_socket_input.cpp segment arrival
// (RFC 9293 §3.10.7), tcp_socket_output.cpp transmission and the timers.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "devices/stack/socket_types.h"
#include "devices/stack/tcp/byte_ring.h"
#include "devices/stack/tcp/receive_tuning.h"
#include "devices/stack/tcp/congestion_control.h"
#include "devices/stack/tcp/prr.h"
#include "devices/stack/tcp/rtt_estimator.h"
#include "devices/stack/tcp/sack_scoreboard.h"
#include "devices/stack/tcp/send_queue.h"
#include "devices/stack/tcp/send_times.h"
#include "devices/stack/tcp/seq_number.h"
#include "devices/stack/tcp/sequence_ranges.h"
#include "devices/stack/tcp/tcp_config.h"
#include "sim/core/fifo.h"
#include "sim/core/scheduler.h"
#include "sim/wire/icmp.h"
#include "sim/wire/tcp.h"

namespace netsim::devices {

class TcpLayer;

class TcpSocket {
 public:
  TcpSocket(const TcpSocket&) = delete;
  TcpSocket& operator=(const TcpSocket&) = delete;
  ~TcpSocket();

  // ---- the app's calls (Python socket semantics, Linux errors) ----
  TcpState state() const { return state_; }
  // ip 0 = any; port 0 = ephemeral. AddressInUse when another socket holds
  // the port on an overlapping address (TIME-WAIT included: no SO_REUSEADDR).
  SocketResult<Done> bind(SocketAddress local);
  // The accept queue holds up to backlog + 1 connections (established or
  // still in SYN-RECEIVED); SYNs beyond are dropped and the client retries.
  SocketResult<Done> listen(int backlog);
  // An ESTABLISHED (or already CLOSE-WAIT) connection, or WouldBlock.
  SocketResult<TcpSocket*> accept();
  // First call: SYN, WouldBlock. Then WouldBlock while in the handshake,
  // Done once (after which AlreadyConnected), or the error that ended it.
  SocketResult<Done> connect(SocketAddress remote);
  // Takes what fits in the send buffer; WouldBlock when nothing does. With
  // an owner that keeps `data` unchanged, the queue may reference it.
  SocketResult<size_t> send(std::span<const uint8_t> data, const BytesOwner& owner = {});
  // 0 = EOF (FIN received and everything read).
  SocketResult<size_t> recv(std::span<uint8_t> out);
  SocketResult<Done> shutdown(ShutdownHow how);
  // close(2): unread data → RST; otherwise FIN after the queued data. The
  // pointer is invalid afterwards; the layer keeps the connection until it ends.
  void close();
  SocketAddress local() const { return local_; }
  SocketAddress remote() const { return remote_; }
  size_t bytes_readable() const { return receive_queue_.size(); }
  // Runs from a zero-delay event when readiness may have changed.
  void set_waker(SocketWaker waker) { waker_ = std::move(waker); }
  // TCP_NODELAY: Nagle off for this socket whatever the node's `tcp: {nagle}`;
  // turning it on sends what Nagle held (Linux tcp_push_pending_frames).
  // Accepted connections inherit it from their listener, as on Linux.
  void set_nodelay(bool on);

  // ---- observation (tests, dumps) ----
  // "10.0.0.1:49152->10.0.0.2:80"; a listener: "0.0.0.0:80->*".
  std::string name() const;
  uint32_t mss() const { return mss_; }  // effective send MSS
  uint32_t cwnd() const { return congestion_.cwnd(); }
  uint32_t ssthresh() const { return congestion_.ssthresh(); }
  bool in_recovery() const { return congestion_.in_recovery(); }
  const SackScoreboard& sack_scoreboard() const { return sack_; }
  Time rto() const { return rtt_.rto(); }
  const RttEstimator& rtt() const { return rtt_; }
  uint32_t peer_window() const { return snd_wnd_; }
  size_t bytes_unsent() const;  // queued, not yet sent
  uint8_t send_window_scale() const { return snd_wscale_; }
  uint8_t receive_window_scale() const { return rcv_wscale_; }
  bool timestamps() const { return timestamps_; }  // negotiated by both SYNs
  bool sack_permitted() const { return sack_ok_; }
  bool in_quickack_mode() const { return quick_acks_ > 0 && !pingpong_; }

 private:
  friend class TcpLayer;
  TcpSocket(TcpLayer& layer, uint64_t id);

  // ---- lifecycle (tcp_socket.cpp) ----
  void set_state(TcpState next);
  // Into CLOSED: timers stop, the connection leaves the demux table, an
  // orphan is retired; `error` becomes the pending error the app will see.
  void become_closed(std::optional<SocketError> error);
  void enter_time_wait();
  void establish();
  SocketError take_error();
  void notify();
  void queue_fin();
  void stop_listening();
  void child_established(TcpSocket* child);
  void forget_child(TcpSocket* child);
  // Node down: gone without a segment.
  void vanish();
  // Fresh per-connection state for connect() and a listener's child.
  void prepare_connection();
  // A decision for --explain, prefixed with the connection; formatted only when asked for.
  template <typename MakeText>
  void explain(MakeText&& make_text) const {
    if (explaining()) explain_line(make_text());
  }
  bool explaining() const;
  void explain_line(const std::string& text) const;
  // Metric samples for --stats and charts (formatted only when a sink asks):
  // cwnd, ssthresh and srtt when they changed since the last report, and
  // each retransmitted segment's length.
  void report_metrics();
  void report_retransmission(uint32_t len) const;
  std::string name_as(bool listener) const;

  // ---- segment arrival (tcp_socket_input.cpp) ----
  void on_segment(const wire::TcpRepr& seg);
  void on_listen_segment(wire::Ipv4Address dst, wire::Ipv4Address src, const wire::TcpRepr& seg);
  void on_syn_sent_segment(const wire::TcpRepr& seg);
  void open_passive(const wire::TcpRepr& syn);
  void take_peer_options(const wire::TcpRepr& syn);
  void on_reset();
  // ACK processing (RFC 9293 §3.10.7.4 fifth); false: stop processing the segment.
  bool process_ack(const wire::TcpRepr& seg, bool had_syn);
  // These two return whether the ACK they owe should go at once.
  bool process_text(SeqNumber seq, std::span<const uint8_t> data);
  // Linux tcp_event_data_recv: the first data, or data after an idle RTO,
  // (re)starts quick-ACK mode.
  void note_data_received();
  bool consume_fin();
  void on_icmp_error(const wire::IcmpRepr& icmp, SeqNumber seq);
  // RFC 1191: a router could not forward our DF segment beyond `mtu` bytes.
  void on_path_mtu(uint16_t mtu);
  // The round trip this ACK measured (Linux tcp_ack_update_rtt): from the
  // send times of what it newly acknowledges, the oldest feeding the RTO;
  // when Karn's rule forbids that, from the timestamp it echoes (RFC 7323
  // §4). Returns the newest segment's RTT, which HyStart watches (ca_rtt).
  std::optional<Time> take_rtt_sample(SeqNumber ack, const wire::TcpRepr& seg);
  // How long ago the timestamp this segment echoes was sent (ms clock, at
  // least 1 ms), if it echoes one of ours.
  std::optional<Time> echo_rtt(const wire::TcpRepr& seg) const;
  // The receiver's view of the round trip, for autotuning: `len` bytes of
  // in-order data arrived in `seg`.
  void measure_receiver_rtt(const wire::TcpRepr& seg, size_t len);
  // ---- SACK loss recovery and PAWS (tcp_socket_sack.cpp) ----
  // An ACK's SACK blocks into the scoreboard; recovery starts or ends.
  void on_sack_ack(const wire::TcpRepr& seg, SeqNumber prior_una);
  // What the window lets go now for a segment of `len` (flight, pipe or PRR by state).
  int64_t send_room(uint32_t len) const;
  // Sends in recovery or after a timeout, what NextSeg() chooses.
  void transmit_in_recovery();
  // RFC 7323 §5.3 R1: the segment is an old duplicate (TSval older than TS.Recent).
  bool paws_rejects(const wire::TcpRepr& seg) const;

  // ---- transmission and timers (tcp_socket_output.cpp) ----
  // `shared`: the payload's bytes as a reference a frame may hold (see SendQueue::reference).
  bool emit(uint8_t flags, SeqNumber seq, std::span<const uint8_t> payload,
            const PayloadRef& shared = {});
  void send_ack() { emit(wire::tcp_flags::Ack, snd_nxt_, {}); }
  void send_syn();
  void send_reset();
  // Sends new data and the FIN as windows, Nagle and SWS avoidance allow.
  void transmit();
  void send_new_data();
  // One segment from SND.NXT of at most max_len bytes; advances SND.NXT.
  void send_from_next(uint32_t max_len);
  void send_segment(SeqNumber seq, uint32_t len, bool fin);
  void retransmit_first_unacked();
  void window_blocked(uint32_t waiting);
  uint16_t advertise_window();
  // The window a SYN offers (Linux tcp_select_initial_window).
  uint16_t syn_window() const;
  // Our TSval now: milliseconds plus this connection's offset (RFC 7323 §5.4).
  uint32_t ts_now() const;
  // The options every segment after the SYNs carries: timestamps, SACK blocks.
  void add_established_options(wire::TcpRepr& seg) const;
  uint32_t free_receive_space() const;
  // What the peer was last told it may send beyond RCV.NXT.
  uint32_t offered_window() const {
    return rcv_adv_ > rcv_nxt_ ? static_cast<uint32_t>(rcv_adv_ - rcv_nxt_) : 0;
  }
  void after_read();
  // Linux tcp_sndbuf_expand: room for twice the congestion window.
  void expand_send_buffer();
  // Linux tcp_rcv_space_adjust: the reader got through more than last round.
  void tune_receive_buffer();
  // Room for the rounding of a scaled window (advertise_window()).
  size_t receive_ring_limit() const { return receive_buffer_ + (size_t{1} << rcv_wscale_); }
  // The ACK owed for received data: now, or within the delayed-ACK time
  // (RFC 1122 §4.2.3.2); nothing if a segment sent meanwhile carried it.
  void settle_ack(bool now);
  // What one segment may carry: the MSS, or half a tiny peer window.
  uint32_t segment_size() const;
  void arm_retransmit_timer();
  void on_retransmit_timeout();
  void on_persist_timeout();
  void arm_persist_timer();
  Time persist_interval() const;
  bool orphan_gives_up() const;
  void on_delayed_ack_timeout();
  void give_up();
  bool can_send_data() const;
  uint32_t flight() const { return static_cast<uint32_t>(snd_nxt_ - snd_una_); }
  // Sequence number of the first byte in the send queue (after our SYN).
  SeqNumber queue_seq() const { return snd_una_ == iss_ ? iss_ + 1 : snd_una_; }
  // Sequence number after the last queued byte: where the FIN goes (fixed
  // once the app shuts down writing: no byte can follow).
  SeqNumber data_end() const {
    return write_shutdown_ ? fin_seq_ : queue_seq() + static_cast<uint32_t>(send_queue_.size());
  }
  bool fin_acked() const { return write_shutdown_ && snd_una_ > fin_seq_; }

  TcpLayer& layer_;
  uint64_t id_;
  TcpState state_ = TcpState::Closed;
  SocketAddress local_, remote_;
  bool bound_ = false;       // holds local_.port in the layer's port table
  bool user_bound_ = false;  // bind() by the app: the port stays bound in CLOSED (as Linux)
  bool port_shared_ = false;  // chosen by connect(): other connects may share it
  bool hashed_ = false;      // in the layer's connection table
  TcpSocket* hash_next_ = nullptr;  // the next hashed socket of this one's tuple_key
  bool orphan_ = false;      // no app holds it: closed by the app, or a child not yet accepted
  bool active_open_ = false;
  bool ever_connected_ = false;
  bool connect_reported_ = false;
  bool read_shutdown_ = false;
  bool write_shutdown_ = false;  // FIN queued
  bool fin_received_ = false;
  std::optional<SocketError> error_;  // reported once by the next call (Linux sk_err)
  std::optional<SocketError>
      soft_error_;  // ICMP while connected, reported on timeout (sk_err_soft)
  SocketWaker waker_;

  // ---- listening ----
  int backlog_ = 0;
  TcpSocket* listener_ = nullptr;        // a child not yet accepted: its listener
  std::vector<TcpSocket*> embryos_;      // children in SYN-RECEIVED
  Fifo<TcpSocket*> accept_queue_;  // established children waiting for accept()

  // ---- send side (RFC 9293 §3.3.1) ----
  SeqNumber iss_, snd_una_, snd_nxt_, snd_wl1_, snd_wl2_;
  SeqNumber snd_max_;  // one past the highest sequence number ever sent
  SeqNumber snd_sml_;  // end of the last sub-MSS segment sent (Minshall's Nagle, as Linux)
  SeqNumber fin_seq_;  // our FIN's sequence number, once queued
  uint32_t snd_wnd_ = 0;
  uint32_t max_snd_wnd_ = 0;  // the largest window the peer has offered
  uint8_t snd_wscale_ = 0;
  uint32_t announced_mss_ = 536;
  uint32_t mss_ = 536;  // RFC 9293 §3.7.1 Eff.snd.MSS
  SendQueue send_queue_;

  // ---- receive side ----
  SeqNumber irs_, rcv_nxt_;
  SeqNumber rcv_adv_;  // right edge of the window the peer was last told
  uint8_t rcv_wscale_ = 0;
  bool window_scaling_ = false;  // both SYNs carried the option (RFC 7323 §2.2)
  // What the window may grow to (Linux rcv_ssthresh): the SYN's window at
  // first, two segments more per full-sized segment received (tcp_grow_window).
  uint32_t rcv_ssthresh_ = 0;
  bool timestamps_ = false;  // both SYNs carried timestamps (RFC 7323 §3.2)
  bool sack_ok_ = false;     // both SYNs carried SACK-permitted (RFC 2018 §2)
  uint32_t ts_offset_ = 0;   // random per connection, as Linux's tsoffset
  uint32_t ts_recent_ = 0;   // the peer's TSval we echo (TS.Recent)
  SeqNumber last_ack_sent_;  // RFC 7323 §4.3 Last.ACK.sent
  uint16_t ip_id_ = 0;       // Linux inet_id: the next IP ID, from a random start
  bool confirm_neighbour_ = false;  // new data ACKed: our next segment confirms the neighbour
  bool minisocket_ = false;  // in TIME-WAIT, past the segment that led there
  ByteRing receive_queue_;
  // The window's room (Linux's tcp_space of sk_rcvbuf): tcp_rmem[1]'s at
  // first, grown by autotuning as the reader keeps up.
  uint32_t receive_buffer_ = 0;
  ReceiveTuning tuning_;
  SequenceRanges out_of_order_;
  SeqNumber latest_out_of_order_;  // where the last out-of-order segment began (first SACK block)
  std::optional<SeqNumber> peer_fin_;  // a FIN seen beyond a hole
  uint32_t unacked_bytes_ = 0;         // received since our last ACK
  bool ack_owed_ = false;              // received something that wants an ACK
  // Linux's ACK modes (tcp_in_quickack_mode): the first data segments are
  // each ACKed at once; a host that answers within the delayed-ACK time is
  // interactive (pingpong) and piggybacks its ACKs until a delayed ACK fires.
  static constexpr int kMaxQuickAcks = 16;  // Linux TCP_MAX_QUICKACKS
  int quick_acks_ = 0;
  bool pingpong_ = false;
  bool received_data_ = false;  // Linux: icsk_ack.ato is set by the first data
  Time last_received_at_{0};    // icsk_ack.lrcvtime

  // ---- timing and congestion ----
  RttEstimator rtt_;
  CongestionControl congestion_;
  SackScoreboard sack_;            // used when SACK is negotiated
  ProportionalRateReduction prr_;  // paces SACK recovery
  uint32_t reported_cwnd_ = 0, reported_ssthresh_ = 0;
  Time reported_srtt_{0};
  SendTimes send_times_;
  Time last_data_sent_at_{0};
  Time retransmit_armed_at_{0};
  Time episode_start_{
      0};  // the first timeout of this episode counts from here (Linux retrans_stamp)
  bool retransmitting_ = false;  // a retransmission timeout episode is under way
  int retransmissions_ = 0;      // timeouts of the segment at SND.UNA
  bool syn_retransmitted_ = false;
  int persist_backoff_ = 0;
  int probes_unanswered_ = 0;
  bool window_full_reported_ = false;
  size_t nagle_reported_ = 0;
  bool nodelay_ = false;  // TCP_NODELAY
  Timer retransmit_timer_, persist_timer_, delayed_ack_timer_, linger_timer_, wake_timer_;
};

}  // namespace netsim::devices
