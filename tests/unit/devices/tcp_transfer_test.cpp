// TCP data transfer: PSH and delayed ACKs, Nagle, loss recovered by fast
// retransmit, NewReno partial ACKs and retransmission timeouts, flow control
// with zero windows and persist probes, reordering and duplicates, the send
// buffer, and a paced 1 MB transfer near the line rate.
#include <catch2/catch.hpp>

#include "tcp_harness.h"

using namespace netsim;
using namespace netsim::test;
using devices::SocketError;
using devices::TcpState;

namespace {

// Pushes `data` through sender as room appears and reads on the other side
// as bytes arrive, driven by the sockets' wakers (as the app runner does).
struct Transfer {
  TcpPair& pair;
  devices::TcpSocket* sender;
  devices::TcpSocket* receiver;
  std::vector<uint8_t> data;
  size_t sent = 0;
  std::vector<uint8_t> got = {};
  bool reading = true;
  Time done_at{-1};

  void pump() {
    while (sent < data.size()) {
      auto taken = sender->send(std::span(data).subspan(sent));
      if (!taken.ok()) return;
      sent += taken.value();
    }
  }
  void pull() {
    if (!reading) return;
    TcpPair::drain(receiver, got);
    if (got.size() == data.size() && done_at < Time{0}) done_at = pair.now();
  }
  void start() {
    sender->set_waker([this] { pump(); });
    receiver->set_waker([this] { pull(); });
    pump();
  }
};

// Drops the n-th (1-based) data segment a sends, first transmissions counted only.
struct DropNth {
  std::vector<int> targets;
  int seen = 0;
  std::vector<uint32_t> dropped_seqs = {};
  TcpChannel::Fate operator()(const Segment& s) {
    if (s.from != 0 || s.len() == 0) return {};
    for (uint32_t seq : dropped_seqs)
      if (seq == s.seq()) return {};  // a retransmission goes through
    ++seen;
    for (int n : targets)
      if (n == seen) {
        dropped_seqs.push_back(s.seq());
        return {true};
      }
    return {};
  }
};

}  // namespace

TEST_CASE("TCP data: PSH on the segment that empties the queue, delayed ACK", "[tcp]") {
  devices::TcpConfig delaying;
  delaying.quickack = false;  // every ACK waits, as after Linux's first 16 (TCP_MAX_QUICKACKS)
  TcpPair p(milliseconds(10), {}, delaying);
  auto c = p.connect();
  REQUIRE(c.server);
  const size_t before = p.channel.log.size();
  const Time sent_at = p.now();
  CHECK(c.client->send(pattern(100)).value() == 100);
  p.run_for(milliseconds(100));
  const std::vector<Segment> tail(p.channel.log.begin() + static_cast<long>(before),
                                  p.channel.log.end());
  REQUIRE(tail.size() == 2);
  CHECK(tail[0].flags() == "PSH-ACK");
  CHECK(tail[0].len() == 100);
  CHECK(tail[1].flags() == "ACK");
  // Arrives after 10 ms, acknowledged 40 ms later (RFC 1122 §4.2.3.2).
  CHECK(tail[1].at - sent_at == milliseconds(50));
  CHECK(p.rec.decided("tcp 10.0.0.2:80->" + c.client->local().to_string() +
                      ": delayed ACK armed"));
  std::vector<uint8_t> got;
  CHECK(TcpPair::drain(c.server, got) == 100);
  CHECK(got == pattern(100));
  CHECK(c.server->recv(std::span<uint8_t>()).error() == SocketError::WouldBlock);

  SECTION("every second full segment is acknowledged at once") {
    const size_t mark = p.channel.log.size();
    const Time at = p.now();
    CHECK(c.client->send(pattern(2 * 1448)).value() == 2 * 1448);
    p.run_for(milliseconds(100));
    const std::vector<Segment> more(p.channel.log.begin() + static_cast<long>(mark),
                                    p.channel.log.end());
    REQUIRE(more.size() == 3);
    CHECK(more[0].flags() == "ACK");
    CHECK(more[1].flags() == "PSH-ACK");
    CHECK(more[2].flags() == "ACK");
    CHECK(more[2].at - at == milliseconds(10));
  }
  SECTION("a reply within the delay carries the ACK") {
    p.run_for(milliseconds(1));
    const size_t mark = p.channel.log.size();
    c.client->send(pattern(10));
    p.run_for(milliseconds(10));  // arrives; the ACK is delayed
    c.server->send(pattern(20));  // the reply piggybacks it
    p.run_for(milliseconds(100));
    std::vector<std::string> flags;
    for (size_t i = mark; i < p.channel.log.size(); ++i) flags.push_back(p.channel.log[i].flags());
    CHECK(flags == std::vector<std::string>{"PSH-ACK", "PSH-ACK", "ACK"});
  }
}

TEST_CASE("TCP quick-ACK mode: the first data is ACKed at once until the host replies",
          "[tcp]") {
  TcpPair p;
  auto c = p.connect();
  REQUIRE(c.server);
  auto exchange = [&](devices::TcpSocket* from, devices::TcpSocket* to, size_t n) {
    const size_t mark = p.channel.log.size();
    from->send(pattern(n));
    p.run_for(milliseconds(30));
    std::vector<uint8_t> got;
    TcpPair::drain(to, got);
    std::vector<std::string> flags;
    for (size_t i = mark; i < p.channel.log.size(); ++i) flags.push_back(p.channel.log[i].flags());
    return flags;
  };
  // The request gets an immediate pure ACK (Linux: quick-ACK mode at the start).
  CHECK(exchange(c.client, c.server, 5) == std::vector<std::string>{"PSH-ACK", "ACK"});
  CHECK(c.server->in_quickack_mode());
  CHECK(p.rec.decided("quick-ACK mode"));
  // The server answers within 40 ms of the request: interactive from now on.
  CHECK(exchange(c.server, c.client, 11) == std::vector<std::string>{"PSH-ACK", "ACK"});
  CHECK(p.rec.decided("tcp 10.0.0.2:80->" + c.client->local().to_string() +
                      ": interactive: ACKs wait for replies"));
  CHECK(!c.server->in_quickack_mode());
  // So the next request's ACK waits: the reply, sent 30 ms later, carries it.
  CHECK(exchange(c.client, c.server, 5) == std::vector<std::string>{"PSH-ACK"});
  // The client too sent within 40 ms of the first reply: its ACK waits as well.
  CHECK(exchange(c.server, c.client, 11) == std::vector<std::string>{"PSH-ACK"});
  // A delayed ACK that has to fire ends the interactive mode.
  CHECK(exchange(c.client, c.server, 5) == std::vector<std::string>{"PSH-ACK"});
  p.run_for(milliseconds(30));
  CHECK(c.server->in_quickack_mode());
}

TEST_CASE("TCP Nagle: small writes wait for the ACK of the last small segment", "[tcp]") {
  const uint8_t one[] = {'x'};
  SECTION("on") {
    TcpPair p;
    auto c = p.connect();
    const size_t mark = p.channel.log.size();
    const Time at = p.now();
    for (int i = 0; i < 3; ++i) CHECK(c.client->send(one).value() == 1);
    CHECK(p.rec.decided("Nagle holding 1 bytes"));
    CHECK(p.rec.decided("Nagle holding 2 bytes"));
    p.run_for(milliseconds(200));
    std::vector<Segment> data;
    for (size_t i = mark; i < p.channel.log.size(); ++i)
      if (p.channel.log[i].from == 0 && p.channel.log[i].len() > 0)
        data.push_back(p.channel.log[i]);
    REQUIRE(data.size() == 2);
    CHECK(data[0].len() == 1);
    CHECK(data[1].len() == 2);
    // The first byte is ACKed at once (quick-ACK mode): back after 10 + 10 ms.
    CHECK(data[1].at - at == milliseconds(20));
  }
  SECTION("off") {
    devices::TcpConfig no_nagle;
    no_nagle.nagle = false;
    TcpPair p(milliseconds(10), no_nagle, {});
    auto c = p.connect();
    const size_t mark = p.channel.log.size();
    for (int i = 0; i < 3; ++i) c.client->send(one);
    CHECK(p.channel.log.size() - mark == 3);
    CHECK(!p.rec.decided("Nagle holding"));
  }
}

// Without SACK: NewReno (RFC 6582).
devices::TcpConfig no_sack() {
  devices::TcpConfig config;
  config.sack = false;
  return config;
}

TEST_CASE("TCP loss: fast retransmit on the third duplicate ACK", "[tcp]") {
  TcpPair p(milliseconds(10), no_sack());
  auto c = p.connect();
  DropNth drop{{5}};
  p.channel.script = std::ref(drop);
  Transfer t{p, c.client, c.server, pattern(30 * 1460)};
  const Time start = p.now();
  t.start();
  p.run_for(seconds(2));
  CHECK(t.got == t.data);
  REQUIRE(drop.dropped_seqs.size() == 1);
  const uint32_t lost = drop.dropped_seqs[0];
  // Sequence numbers in decisions are relative to the ISN, as tcpdump shows them.
  const uint32_t relative = lost - p.channel.log[0].seq();
  CHECK(relative == 4 * 1448 + 1);  // full segments: the MSS less the timestamps
  CHECK(p.rec.decided("fast retransmit seq 5793 (3 dup ACKs)"));
  CHECK(!p.rec.decided("retransmission timeout"));
  // The retransmission left one round trip after the loss, long before any RTO.
  std::vector<Segment> copies;
  for (const Segment& s : p.channel.log)
    if (s.from == 0 && s.seq() == lost && s.len() > 0) copies.push_back(s);
  REQUIRE(copies.size() == 2);
  CHECK(copies[1].at - copies[0].at == milliseconds(20));
  CHECK(!c.client->in_recovery());
  CHECK(t.done_at - start < milliseconds(200));
}

TEST_CASE("TCP metrics: cwnd grows in slow start and halves on fast retransmit", "[tcp]") {
  TcpPair p;
  auto c = p.connect();
  DropNth drop{{5}};
  p.channel.script = std::ref(drop);
  Transfer t{p, c.client, c.server, pattern(30 * 1460)};
  t.start();
  p.run_for(seconds(2));
  REQUIRE(t.got == t.data);
  const std::vector<int64_t> cwnd = p.rec.metric("cwnd");
  REQUIRE(cwnd.size() >= 3);
  CHECK(cwnd[0] == 10 * 1448);  // RFC 6928's initial window of 10 full segments
  const auto peak = std::max_element(cwnd.begin(), cwnd.end());
  CHECK(*peak > cwnd[0]);
  CHECK(std::find_if(peak, cwnd.end(), [&](int64_t w) { return w <= *peak / 2 + 3 * 1460; }) !=
        cwnd.end());
  CHECK(p.rec.metric("retransmit") == std::vector<int64_t>{1448});
  CHECK(!p.rec.metric("ssthresh").empty());
  const std::vector<int64_t> srtt = p.rec.metric("srtt");
  REQUIRE(!srtt.empty());
  CHECK(srtt.front() == milliseconds(20).count());  // the channel's round trip
  for (const Recorder::Metric& m : p.rec.metrics)
    CHECK(m.subject == (m.node == "a" ? c.client : c.server)->name());
}

namespace {
// RFC 5681 and 6582 as written: NewReno's window, recovery without SACK.
devices::TcpConfig newreno() {
  devices::TcpConfig config = no_sack();
  config.congestion = devices::CongestionAlgorithm::NewReno;
  return config;
}
}  // namespace

TEST_CASE("TCP loss: NewReno retransmits the next hole on a partial ACK", "[tcp]") {
  TcpPair p(milliseconds(10), newreno());
  auto c = p.connect();
  DropNth drop{{3, 7}};
  p.channel.script = std::ref(drop);
  Transfer t{p, c.client, c.server, pattern(30 * 1460)};
  t.start();
  p.run_for(seconds(2));
  CHECK(t.got == t.data);
  CHECK(p.rec.decided("fast retransmit seq 2897 (3 dup ACKs)"));
  CHECK(p.rec.decided("partial ACK: retransmit seq 8689"));
  CHECK(!p.rec.decided("retransmission timeout"));
  // One recovery episode: ssthresh halved once, from the 12 segments in
  // flight when the third duplicate arrived (slow start had grown to 12).
  CHECK(c.client->ssthresh() == 6 * 1448);
}

TEST_CASE("TCP loss: SACK recovery resends both holes in the first round trip", "[tcp][sack]") {
  TcpPair p;
  auto c = p.connect();
  REQUIRE(c.client->sack_permitted());
  DropNth drop{{3, 7}};
  p.channel.script = std::ref(drop);
  Transfer t{p, c.client, c.server, pattern(30 * 1460)};
  const Time start = p.now();
  t.start();
  p.run_for(seconds(2));
  CHECK(t.got == t.data);
  // The third duplicate ACK SACKs three segments above the first hole; the
  // second hole is lost once three more beyond it are SACKed, still in the
  // same round trip: NewReno would wait for the partial ACK.
  CHECK(p.rec.decided("SACK recovery: seq 2897 lost (3 duplicate ACKs"));
  CHECK(p.rec.decided("SACK recovery: retransmit seq 2897 (lost)"));
  CHECK(p.rec.decided("SACK recovery: retransmit seq 8689 (lost)"));
  CHECK(!p.rec.decided("partial ACK"));
  CHECK(!p.rec.decided("retransmission timeout"));
  REQUIRE(drop.dropped_seqs.size() == 2);
  std::vector<Time> resent;
  for (const Segment& s : p.channel.log)
    if (s.from == 0 && s.len() > 0 && (s.seq() == drop.dropped_seqs[0] || s.seq() == drop.dropped_seqs[1]))
      resent.push_back(s.at);
  REQUIRE(resent.size() == 4);
  CHECK(resent[3] - resent[2] < milliseconds(20));  // less than a round trip apart
  CHECK(p.rec.metric("retransmit") == std::vector<int64_t>{1448, 1448});
  CHECK(c.client->ssthresh() == 12 * 1448 * 717 / 1024);  // one cut: CUBIC's 0.7 of the 12 segments in flight
  CHECK(!c.client->in_recovery());
  CHECK(t.done_at - start < milliseconds(200));
}

TEST_CASE("TCP loss: after a timeout SACKed segments are not sent again", "[tcp][sack]") {
  TcpPair p;
  auto c = p.connect();
  // Of four segments the first and third are lost: two SACKed segments are
  // too few for recovery (DupThresh is three), so the timer fires.
  DropNth drop{{1, 3}};
  p.channel.script = std::ref(drop);
  Transfer t{p, c.client, c.server, pattern(4 * 1448)};
  t.start();
  p.run_for(seconds(3));
  CHECK(t.got == t.data);
  CHECK(p.rec.decided("retransmission timeout"));
  CHECK(p.rec.decided("SACK loss: retransmit seq 1 (lost)"));
  CHECK(p.rec.decided("SACK loss: retransmit seq 2897 (lost)"));
  // Only the two lost segments went twice (go-back-N would resend four).
  CHECK(p.rec.metric("retransmit") == std::vector<int64_t>{1448, 1448});
}

TEST_CASE("TCP PAWS: an old duplicate with an older TSval is dropped and answered", "[tcp]") {
  TcpPair p;
  auto c = p.connect();
  REQUIRE(c.server->timestamps());
  const std::vector<uint8_t> first = pattern(100), second = pattern(200);
  c.client->send(first);
  p.run_for(milliseconds(100));
  c.client->send(second);  // a newer TSval: TS.Recent moves on
  p.run_for(milliseconds(100));
  std::vector<uint8_t> got;
  CHECK(TcpPair::drain(c.server, got) == 300);
  const std::vector<Segment> data = p.channel.data_from(0);
  REQUIRE(data.size() == 2);
  // The first segment again, as an old duplicate the network kept.
  const size_t before = p.channel.sent_by(1).size();
  wire::Ipv4Repr ip;
  ip.src = data[0].src;
  ip.dst = data[0].dst;
  ip.protocol = wire::IpProtocol::Tcp;
  ip.payload_len = static_cast<uint16_t>(data[0].bytes.size());
  p.b.deliver(ip, data[0].bytes);
  p.run_for(milliseconds(1));
  CHECK(p.rec.decided("PAWS: TSval " + std::to_string(data[0].tcp().timestamps->value) +
                      " older than TS.Recent " + std::to_string(data[1].tcp().timestamps->value) +
                      ": segment seq 1 dropped, ACK sent"));
  const std::vector<Segment> answers = p.channel.sent_by(1);
  REQUIRE(answers.size() == before + 1);
  CHECK(answers.back().flags() == "ACK");
  CHECK(answers.back().len() == 0);
  CHECK(TcpPair::drain(c.server, got) == 0);
}

TEST_CASE("TCP loss: retransmission timeout per RFC 6298, backoff, loss window", "[tcp]") {
  TcpPair p(milliseconds(10), newreno());
  auto c = p.connect();
  // Handshake sample of 20 ms: SRTT 20 ms; Linux's deviation term is
  // max(4 x 10 ms, rto_min), so RTO = 220 ms.
  CHECK(c.client->rtt().srtt() == milliseconds(20));
  CHECK(c.client->rtt().rttvar() == milliseconds(200));
  CHECK(c.client->rto() == milliseconds(220));
  DropNth drop{{3}};
  int copies_of_third = 0;
  p.channel.script = [&](const Segment& s) {
    TcpChannel::Fate fate = drop(s);
    // The first retransmission is lost too.
    if (!drop.dropped_seqs.empty() && s.from == 0 && s.len() > 0 &&
        s.seq() == drop.dropped_seqs[0] && ++copies_of_third == 2)
      fate.drop = true;
    return fate;
  };
  Transfer t{p, c.client, c.server, pattern(3 * 1460)};
  t.start();
  p.run_for(seconds(3));
  CHECK(t.got == t.data);
  std::vector<Segment> third;
  for (const Segment& s : p.channel.log)
    if (s.from == 0 && s.len() > 0 && s.seq() == drop.dropped_seqs.at(0)) third.push_back(s);
  REQUIRE(third.size() == 3);
  // The timer restarted when the first two segments were acknowledged (20 ms).
  CHECK(third[1].at - third[0].at == milliseconds(240));
  CHECK(third[2].at - third[1].at == milliseconds(440));
  CHECK(p.rec.decided("retransmission timeout (RTO 0.220s, backoff 1)"));
  CHECK(p.rec.decided("retransmission timeout (RTO 0.440s, backoff 2)"));
  // RFC 5681: ssthresh = max(FlightSize / 2, 2 SMSS) once; cwnd = 1 SMSS, then grows.
  CHECK(c.client->ssthresh() == 2 * 1448);
  // Karn: the ACK of a retransmission is no sample from send times, but its
  // timestamp echo names the transmission it answers (RFC 7323 §4): the
  // backoff ends with that sample (Linux tcp_ack_update_rtt).
  CHECK(c.client->rtt().backoff() == 0);
  CHECK(c.client->rto() == milliseconds(220));
}

TEST_CASE("TCP flow control: zero window, persist probes, reopening", "[tcp]") {
  devices::TcpConfig small;
  small.receive_buffer = 8192;
  TcpPair p(milliseconds(10), {}, small);
  auto c = p.connect();
  REQUIRE(c.server);
  CHECK(c.client->send_window_scale() == 7);  // from tcp_rmem[2], not the buffer in use
  Transfer t{p, c.client, c.server, pattern(20000)};
  t.reading = false;
  t.start();
  p.run_for(seconds(4));
  CHECK(t.got.empty());
  // Receiver SWS avoidance kept the right edge where the SYN-ACK put it
  // (8192 rounded down to whole segments of 1448: 7240), but for the
  // rounding up of the scaled window to 128 bytes in each quick ACK (as Linux).
  CHECK(c.server->bytes_readable() == 7496);
  CHECK(p.rec.decided("window full: "));
  CHECK(p.rec.decided("(rwnd 0)"));
  std::vector<Segment> probes;
  for (const Segment& s : p.channel.log)
    if (s.from == 0 && s.len() == 1) probes.push_back(s);
  REQUIRE(probes.size() >= 3);
  // Exponential backoff from the RTO (RFC 1122 §4.2.2.17).
  CHECK(probes[1].at - probes[0].at == milliseconds(440));
  CHECK(probes[2].at - probes[1].at == milliseconds(880));
  CHECK(p.rec.decided("zero-window probe (12504 bytes waiting, backoff 1)"));
  CHECK(c.client->state() == TcpState::Established);

  // The reader wakes up: the window update reopens the flow.
  t.reading = true;
  t.pull();
  p.run_for(seconds(2));
  CHECK(t.got == t.data);
  // The read took 7496 bytes where the first round counted on 7240 (the
  // SYN-ACK's window): autotuning grows the room before the window update
  // goes (Linux: tcp_rcv_space_adjust, then tcp_cleanup_rbuf).
  CHECK(p.rec.decided("receive buffer autotuning: window room 8192 -> 41064 bytes"));
  CHECK(p.rec.decided("window update: 0 -> 41064 bytes"));
}

TEST_CASE("TCP receiver: reordered and duplicated segments", "[tcp]") {
  TcpPair p;
  auto c = p.connect();
  int n = 0;
  p.channel.script = [&](const Segment& s) {
    TcpChannel::Fate fate;
    if (s.from == 0 && s.len() > 0) {
      ++n;
      if (n == 2) fate.extra_delay = milliseconds(5);  // overtaken by the third
      if (n == 4) fate.copies = 2;
    }
    return fate;
  };
  Transfer t{p, c.client, c.server, pattern(6 * 1460)};
  t.start();
  p.run_for(seconds(1));
  CHECK(t.got == t.data);
  CHECK(p.rec.decided("out-of-order segment seq 2897: held, duplicate ACK"));
  // That duplicate ACK tells the sender what is held (RFC 2018 §4).
  std::vector<wire::TcpSackBlock> blocks;
  for (const Segment& s : p.channel.log) {
    const wire::TcpRepr seg = s.tcp();
    if (s.from == 1 && seg.sack_count == 1) {
      CHECK(seg.sack[0].left - seg.ack == 1448);  // beyond the missing second segment
      blocks.push_back(seg.sack[0]);
    }
  }
  REQUIRE(!blocks.empty());
  CHECK(blocks[0].right - blocks[0].left == 1448);  // the third segment alone at first,
  CHECK(blocks.back().right - blocks[0].left > 1448);  // then what followed it
}

TEST_CASE("TCP send buffer: send takes what fits; the waker says when more does", "[tcp]") {
  TcpPair p;
  auto c = p.connect();
  const auto big = pattern(200000);
  CHECK(c.client->send(big).value() == 87040);
  CHECK(c.client->send(big).error() == SocketError::WouldBlock);
  int wakes = 0;
  c.client->set_waker([&] { ++wakes; });
  p.run_for(milliseconds(100));
  CHECK(wakes > 0);
  CHECK(c.client->send(big).value() > 0);
}

TEST_CASE("TCP 1 MB over a paced 10 Mbps channel finishes near the line rate", "[tcp]") {
  TcpPair p(milliseconds(1), {}, {}, 10'000'000);
  p.channel.queue_limit = 100;
  const Time start = p.now();
  auto c = p.connect();
  REQUIRE(c.server);
  Transfer t{p, c.client, c.server, pattern(1'000'000)};
  t.start();
  p.run_for(seconds(3));
  REQUIRE(t.got == t.data);
  // 685 segments of 1460 (the last 1000) bytes, each with 54 bytes of headers.
  const Time line = transmission_time(684 * 1514 + 1054, 10'000'000);
  const Time took = t.done_at - start;
  INFO("took " << to_seconds(took) << " s, line " << to_seconds(line) << " s");
  CHECK(took < line + line / 10);
  CHECK(!p.rec.decided("retransmission timeout"));
}

TEST_CASE("TCP sequence numbers wrap past zero mid-transfer, with a loss", "[tcp]") {
  TcpPair p(milliseconds(10), {}, {}, 0, wrapping_isn_stream(50000));
  auto c = p.connect();
  REQUIRE(c.server);
  const uint32_t isn = p.channel.log[0].seq();
  CHECK(isn > 0xffff0000u);
  DropNth drop{{40}};  // beyond the wrap (the ISN is at most 50000 below it)
  p.channel.script = std::ref(drop);
  Transfer t{p, c.client, c.server, pattern(300000)};
  t.start();
  p.run_for(seconds(5));
  CHECK(t.got == t.data);
  REQUIRE(drop.dropped_seqs.size() == 1);
  CHECK(drop.dropped_seqs[0] < isn);  // numerically: it wrapped
  CHECK(p.rec.decided("SACK recovery: seq"));
}

TEST_CASE("TCP survives random loss, reordering and duplication both ways", "[tcp]") {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    devices::TcpConfig config;
    config.receive_buffer = seed % 2 ? 131072 : 6000;  // some runs flow-controlled
    config.nagle = seed % 3 != 0;
    TcpPair p(milliseconds(5), config, config);
    auto c = p.connect();
    REQUIRE(c.server);
    RandomStream chaos(seed, "chaos");
    p.channel.script = [&](const Segment&) {
      TcpChannel::Fate fate;
      fate.drop = chaos.chance(0.08);
      if (chaos.chance(0.1))
        fate.extra_delay = milliseconds(static_cast<int64_t>(chaos.uniform(1, 8)));
      if (chaos.chance(0.03)) fate.copies = 2;
      return fate;
    };
    Transfer up{p, c.client, c.server, pattern(60000 + seed * 1000)};
    Transfer down{p, c.server, c.client, pattern(40000 + seed * 777)};
    // Each socket both sends and reads: one waker drives both directions.
    c.client->set_waker([&] {
      up.pump();
      down.pull();
    });
    c.server->set_waker([&] {
      down.pump();
      up.pull();
    });
    up.pump();
    down.pump();
    p.run_for(seconds(300));
    INFO("seed " << seed);
    CHECK(up.got.size() == up.data.size());
    CHECK(down.got.size() == down.data.size());
    CHECK((up.got == up.data && down.got == down.data));
    c.client->close();
    c.server->close();
    p.run_for(seconds(200));
    CHECK(p.a.rows().empty());
    CHECK(p.b.rows().size() == 1);  // the listener
  }
}
