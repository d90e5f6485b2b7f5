// TcpSocket's side of SACK loss recovery (RFC 6675, paced by PRR, RFC
// 6937): each ACK feeds the scoreboard, recovery starts and ends by its
// rules, and what is sent in recovery is what NextSeg() chooses; and PAWS
// (RFC 7323 §5), the timestamp check that drops old duplicates. The
// algorithms live in sack_scoreboard.* and prr.*.
#include <algorithm>

#include "devices/stack/tcp/tcp_layer.h"
#include "devices/stack/tcp/tcp_socket.h"

namespace netsim::devices {

namespace {
std::string_view rule_text(SackScoreboard::Rule rule) {
  switch (rule) {
    case SackScoreboard::Rule::Lost:
      return "lost";
    case SackScoreboard::Rule::NewData:
      return "new data";
    case SackScoreboard::Rule::Unsacked:
      return "not SACKed (rule 3)";
    case SackScoreboard::Rule::Rescue:
      return "rescue (rule 4)";
  }
  return "?";
}
}  // namespace

void TcpSocket::on_sack_ack(const wire::TcpRepr& seg, SeqNumber prior_una) {
  sack_.set_smss(mss_);
  const uint32_t sacked_before = sack_.sacked_bytes();
  const uint32_t newly = sack_.update(snd_una_, snd_max_, {seg.sack, seg.sack_count});
  // RFC 6937 DeliveredData: what SND.UNA advanced plus the change in SACKed bytes.
  const int64_t delivered = int64_t{snd_una_ - prior_una} + sack_.sacked_bytes() - sacked_before;
  if (snd_una_ > prior_una) {
    const SackScoreboard::State was = sack_.state();
    if (sack_.on_cumulative_ack(snd_una_))
      explain([&] {
        return std::string("SACK ") + std::string(to_string(was)) + " ends: ACK " +
               relative(snd_una_, iss_) + " covers the recovery point";
      });
  } else if (SeqNumber(seg.ack) == snd_una_ && newly > 0 && flight() > 0 &&
             sack_.on_duplicate_ack(snd_una_)) {
    // RFC 6675 §5 step 4: the cut is the congestion algorithm's; PRR paces
    // the sending from what was outstanding (RecoverFS).
    const int dups = sack_.duplicate_acks();
    congestion_.enter_sack_recovery(flight(), snd_max_);
    sack_.enter_recovery(snd_una_, snd_max_);
    prr_.start(flight());
    explain([&] {
      return "SACK recovery: seq " + relative(snd_una_, iss_) + " lost (" + std::to_string(dups) +
             " duplicate ACKs, " + std::to_string(sack_.sacked_bytes()) +
             " bytes SACKed), recovery point " + relative(sack_.recovery_point(), iss_) +
             ", ssthresh " + std::to_string(congestion_.ssthresh());
    });
  }
  if (sack_.state() == SackScoreboard::State::Recovery)
    prr_.on_ack(static_cast<uint32_t>(std::max<int64_t>(delivered, 0)),
                sack_.pipe(snd_una_, snd_max_), congestion_.ssthresh(), mss_);
}

int64_t TcpSocket::send_room(uint32_t len) const {
  switch (sack_.state()) {
    case SackScoreboard::State::Open:
      break;
    case SackScoreboard::State::Recovery:
      return prr_.may_send(len) ? std::max(len, prr_.send_count()) : prr_.send_count();
    case SackScoreboard::State::Loss:
      // After a timeout the window grows in slow start against the pipe (Linux
      // tcp_packets_in_flight), so SACKed bytes do not hold it back.
      return int64_t{congestion_.cwnd()} - sack_.pipe(snd_una_, snd_max_);
  }
  return int64_t{congestion_.cwnd()} - flight();
}

void TcpSocket::transmit_in_recovery() {
  for (;;) {
    const uint32_t unsent = static_cast<uint32_t>(bytes_unsent());
    const uint32_t len = std::min(unsent, segment_size());
    const bool fin_due = write_shutdown_ && snd_nxt_ <= data_end();
    const bool new_data =
        (unsent > 0 && len <= int64_t{snd_wnd_} - flight()) || (unsent == 0 && fin_due);
    const auto next = sack_.next_seg(snd_una_, snd_max_, new_data);
    if (!next) return;
    if (next->rule == SackScoreboard::Rule::NewData) {
      const SeqNumber before = snd_nxt_;
      send_new_data();
      if (snd_nxt_ == before || bytes_unsent() > 0) return;  // held back by a window or Nagle
      continue;
    }
    if (next->len > send_room(next->len)) return;
    explain([&] {
      return "SACK " + std::string(to_string(sack_.state())) + ": retransmit seq " +
             relative(next->seq, iss_) + " (" + std::string(rule_text(next->rule)) + ")";
    });
    // The part beyond the data is the FIN (sequence space counts it).
    const SeqNumber end = next->seq + next->len;
    const SeqNumber data_stop = seq_min(end, data_end());
    const uint32_t bytes = data_stop > next->seq ? static_cast<uint32_t>(data_stop - next->seq) : 0;
    sack_.sent(*next);
    send_segment(next->seq, bytes, write_shutdown_ && end > data_end());
  }
}

bool TcpSocket::paws_rejects(const wire::TcpRepr& seg) const {
  // RFC 7323 §5.3 R1; Linux tcp_paws_check tolerates TS.Recent - TSval of 1
  // (TCP_PAWS_WINDOW). A RST is never dropped by PAWS. Linux's exceptions
  // for a connection idle 24 days and for reordered pure ACKs
  // (tcp_disordered_ack) are not modelled.
  if (!timestamps_ || !seg.timestamps || seg.has(wire::tcp_flags::Rst)) return false;
  if (static_cast<int32_t>(ts_recent_ - seg.timestamps->value) <= 1) return false;
  explain([&] {
    return "PAWS: TSval " + std::to_string(seg.timestamps->value) + " older than TS.Recent " +
           std::to_string(ts_recent_) + ": segment seq " + relative(SeqNumber(seg.seq), irs_) +
           " dropped, ACK sent";
  });
  return true;
}

}  // namespace netsim::devices
