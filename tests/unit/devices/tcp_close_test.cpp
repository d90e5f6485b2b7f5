// TCP teardown: active and passive close, TIME-WAIT and its duration,
// simultaneous close, half-close, close with unread data (RST), RST
// validation, data after close, giving up on a silent peer, node down.
#include <catch2/catch.hpp>

#include "tcp_harness.h"

using namespace netsim;
using namespace netsim::test;
using devices::SocketError;
using devices::TcpState;

namespace {
std::vector<std::string> flags_since(const TcpPair& p, size_t mark) {
  std::vector<std::string> out;
  for (size_t i = mark; i < p.channel.log.size(); ++i)
    out.push_back(std::to_string(p.channel.log[i].from) + " " + p.channel.log[i].flags());
  return out;
}
}  // namespace

TEST_CASE("TCP close: FIN-WAIT, CLOSE-WAIT, LAST-ACK, TIME-WAIT for 2 MSL", "[tcp]") {
  devices::TcpConfig short_wait;
  short_wait.time_wait = seconds(5);
  TcpPair p(milliseconds(10), short_wait, {});
  auto c = p.connect();
  REQUIRE(c.server);
  const size_t mark = p.channel.log.size();
  c.client->close();
  CHECK(c.client->state() == TcpState::FinWait1);
  p.run_for(milliseconds(100));
  CHECK(c.server->state() == TcpState::CloseWait);
  uint8_t buffer[16];
  CHECK(c.server->recv(buffer).value() == 0);  // EOF
  CHECK(c.server->recv(buffer).value() == 0);
  // The FIN's ACK was delayed (the app did not close at once) and went alone.
  CHECK(flags_since(p, mark) == std::vector<std::string>{"0 FIN-ACK", "1 ACK"});
  CHECK(p.a.rows().at(0).second == "FIN-WAIT-2");
  SECTION("the peer closes too") {
    c.server->close();
    CHECK(c.server->state() == TcpState::LastAck);
    p.run_for(milliseconds(15));
    CHECK(p.a.rows().at(0).second == "TIME-WAIT");
    p.run_for(milliseconds(15));
    CHECK(p.b.rows().size() == 1);  // the listener only: LAST-ACK ended in CLOSED
  }
  SECTION("the peer sends data to a closed app: RST (Linux TCPAbortOnData)") {
    CHECK(c.server->send(pattern(5)).value() == 5);  // a half-closed peer may still send
    c.server->close();
    p.run_for(milliseconds(100));
    CHECK(p.rec.decided("5 bytes after close: reset"));
    CHECK(flags_since(p, mark).back() == "0 RST");
    CHECK(p.a.rows().empty());
    CHECK(p.b.rows().size() == 1);
  }
}

TEST_CASE("TCP close: TIME-WAIT lasts config.time_wait and keeps no run alive", "[tcp]") {
  devices::TcpConfig short_wait;
  short_wait.time_wait = seconds(5);
  TcpPair p(milliseconds(10), short_wait, {});
  auto c = p.connect();
  c.client->close();
  p.run_for(milliseconds(100));
  c.server->close();
  p.run_for(milliseconds(100));
  REQUIRE(p.a.rows().at(0).second == "TIME-WAIT");
  const Time entered = milliseconds(41 + 100 + 10);  // the server's FIN arrived then
  CHECK(p.ctx.scheduler().essential_pending() == 0);
  p.run_until(entered + seconds(5) - milliseconds(1));
  CHECK(p.a.rows().size() == 1);
  p.run_until(entered + seconds(5));
  CHECK(p.a.rows().empty());
}

TEST_CASE("TCP close: the server closes at EOF, its FIN carries the ACK", "[tcp]") {
  TcpPair p;
  auto c = p.connect();
  // Like the app runner: the server closes when recv reports EOF.
  devices::TcpSocket* server = c.server;
  server->set_waker([server] {
    uint8_t buffer[64];
    auto got = server->recv(buffer);
    if (got.ok() && got.value() == 0) server->close();
  });
  const size_t mark = p.channel.log.size();
  c.client->close();
  p.run_for(milliseconds(100));
  CHECK(flags_since(p, mark) == std::vector<std::string>{"0 FIN-ACK", "1 FIN-ACK", "0 ACK"});
  CHECK(p.a.rows().at(0).second == "TIME-WAIT");
  CHECK(p.b.rows().size() == 1);
}

TEST_CASE("TCP simultaneous close: both through CLOSING to TIME-WAIT", "[tcp]") {
  TcpPair p;
  auto c = p.connect();
  c.client->close();
  c.server->close();
  p.run_for(milliseconds(15));
  CHECK(p.a.rows().at(0).second == "CLOSING");
  p.run_for(milliseconds(20));
  CHECK(p.a.rows().at(0).second == "TIME-WAIT");
  CHECK(p.b.rows().at(1).second == "TIME-WAIT");
  CHECK(p.rec.decided("FIN-WAIT-1 -> CLOSING"));
  CHECK(p.rec.decided("CLOSING -> TIME-WAIT"));
}

TEST_CASE("TCP half-close: shutdown(SHUT_WR) still receives", "[tcp]") {
  TcpPair p;
  auto c = p.connect();
  CHECK(c.client->send(pattern(300)).value() == 300);
  CHECK(c.client->shutdown(devices::ShutdownHow::Write).ok());
  CHECK(c.client->send(pattern(1)).error() == SocketError::BrokenPipe);
  p.run_for(milliseconds(50));
  std::vector<uint8_t> got;
  CHECK(TcpPair::drain(c.server, got) == 300);
  uint8_t buffer[16];
  CHECK(c.server->recv(buffer).value() == 0);
  const auto reply = pattern(5000);
  CHECK(c.server->send(reply).value() == 5000);
  c.server->close();
  p.run_for(milliseconds(100));
  std::vector<uint8_t> answer;
  TcpPair::drain(c.client, answer);
  CHECK(answer == reply);
  CHECK(c.client->recv(buffer).value() == 0);
  CHECK(c.client->state() == TcpState::TimeWait);
}

TEST_CASE("TCP close with unread data sends RST; the peer sees ECONNRESET, then EPIPE", "[tcp]") {
  TcpPair p;
  auto c = p.connect();
  c.client->send(pattern(10));
  p.run_for(milliseconds(20));
  REQUIRE(c.server->bytes_readable() == 10);
  const size_t mark = p.channel.log.size();
  c.server->close();
  CHECK(flags_since(p, mark) == std::vector<std::string>{"1 RST-ACK"});
  CHECK(p.rec.decided("closed with 10 unread bytes: reset"));
  p.run_for(milliseconds(20));
  CHECK(c.client->state() == TcpState::Closed);
  CHECK(c.client->send(pattern(1)).error() == SocketError::ConnectionReset);
  CHECK(c.client->send(pattern(1)).error() == SocketError::BrokenPipe);
  uint8_t buffer[16];
  CHECK(c.client->recv(buffer).value() == 0);
  CHECK(p.b.rows().size() == 1);
}

TEST_CASE("TCP RST validation (RFC 5961): only at RCV.NXT", "[tcp]") {
  TcpPair p;
  auto c = p.connect();
  const Segment last = p.channel.log.back();  // the client's ACK of the handshake
  wire::TcpRepr rst;
  rst.src_port = 80;
  rst.dst_port = last.tcp().src_port;
  rst.flags = wire::tcp_flags::Rst;
  auto deliver = [&](uint32_t seq) {
    rst.seq = seq;
    std::vector<uint8_t> bytes(rst.buffer_len());
    rst.emit(bytes, ip("10.0.0.2"), ip("10.0.0.1"));
    wire::Ipv4Repr h;
    h.src = ip("10.0.0.2");
    h.dst = ip("10.0.0.1");
    h.protocol = wire::IpProtocol::Tcp;
    h.payload_len = static_cast<uint16_t>(bytes.size());
    p.a.deliver(h, bytes);
  };
  const size_t mark = p.channel.log.size();
  deliver(last.ack() + 100);  // in the window, not exact: challenge ACK
  CHECK(flags_since(p, mark) == std::vector<std::string>{"0 ACK"});
  CHECK(c.client->state() == TcpState::Established);
  deliver(last.ack() - 1000);  // outside: ignored
  CHECK(p.channel.log.size() == mark + 1);
  deliver(last.ack());
  CHECK(c.client->state() == TcpState::Closed);
  uint8_t buffer[4];
  CHECK(c.client->recv(buffer).error() == SocketError::ConnectionReset);
}

TEST_CASE("TCP gives up after tcp_retries2 on a silent peer (~924.6 s)", "[tcp]") {
  TcpPair p;
  auto c = p.connect();
  p.channel.script = [](const Segment&) { return TcpChannel::Fate{true}; };
  SECTION("timed out") {
    c.client->send(pattern(100));
    const Time sent = p.now();
    p.run_until(seconds(1000));
    CHECK(c.client->state() == TcpState::Closed);
    uint8_t buffer[4];
    CHECK(c.client->recv(buffer).error() == SocketError::TimedOut);
    std::vector<Segment> tries = p.channel.sent_by(0);
    tries.erase(tries.begin(), tries.begin() + 2);  // SYN and ACK
    CHECK(tries.size() == 16);                      // the first transmission and 15 retransmissions
    CHECK(tries[1].at - tries[0].at == milliseconds(220));  // SRTT 20 ms + rto_min
    CHECK(tries[10].at - tries[9].at == seconds(112) + milliseconds(640));
    CHECK(tries[11].at - tries[10].at == seconds(120));
    CHECK(p.rec.decided("giving up after 15 retransmissions (Connection timed out)"));
    CHECK(p.rec.decided("RTO 120.000s, backoff 15"));
    (void)sent;
  }
  SECTION("a remembered ICMP error names the failure") {
    c.client->send(pattern(100));
    const Segment data = p.channel.log.back();
    std::vector<uint8_t> quote(28);
    wire::Ipv4Repr quoted;
    quoted.src = data.src;
    quoted.dst = data.dst;
    quoted.protocol = wire::IpProtocol::Tcp;
    quoted.payload_len = static_cast<uint16_t>(data.bytes.size());
    quoted.emit(quote);
    std::copy(data.bytes.begin(), data.bytes.begin() + 8, quote.begin() + 20);
    wire::IcmpRepr icmp;
    icmp.type = wire::IcmpType::DestinationUnreachable;
    icmp.code = static_cast<uint8_t>(wire::UnreachableCode::Host);
    icmp.data = quote;
    p.a.deliver_icmp_error(ip("10.0.0.254"), icmp, quoted, std::span(quote).subspan(20));
    CHECK(c.client->state() == TcpState::Established);  // soft while connected
    p.run_until(seconds(1000));
    CHECK(c.client->send(pattern(1)).error() == SocketError::HostUnreachable);
  }
}

TEST_CASE("TCP node down: connections vanish without a segment", "[tcp]") {
  TcpPair p;
  auto c = p.connect();
  const size_t mark = p.channel.log.size();
  p.a.reset_all();
  CHECK(p.channel.log.size() == mark);
  CHECK(p.a.rows().empty());
  uint8_t buffer[4];
  CHECK(c.client->recv(buffer).error() == SocketError::ConnectionAborted);
  // The peer does not know; its next segment meets no socket and gets a RST.
  c.server->send(pattern(3));
  p.run_for(milliseconds(30));
  CHECK(flags_since(p, mark) == std::vector<std::string>{"1 PSH-ACK", "0 RST"});
  CHECK(c.server->state() == TcpState::Closed);
  CHECK(c.server->recv(buffer).error() == SocketError::ConnectionReset);
  const uint16_t port = c.client->local().port;
  c.client->close();
  devices::TcpSocket* fresh = p.a.open();
  CHECK(fresh->bind({wire::Ipv4Address::any(), port}).ok());  // the port was freed
}

TEST_CASE("TCP close: a lost FIN is retransmitted after the RTO", "[tcp]") {
  TcpPair p;
  auto c = p.connect();
  int fins = 0;
  p.channel.script = [&](const Segment& s) {
    return TcpChannel::Fate{s.from == 0 && s.flags() == "FIN-ACK" && ++fins == 1};
  };
  c.client->close();
  p.run_for(milliseconds(500));
  std::vector<Segment> sent;
  for (const Segment& s : p.channel.log)
    if (s.from == 0 && s.flags() == "FIN-ACK") sent.push_back(s);
  REQUIRE(sent.size() == 2);
  CHECK(sent[1].at - sent[0].at == milliseconds(220));
  CHECK(sent[1].seq() == sent[0].seq());
  CHECK(p.a.rows().at(0).second == "FIN-WAIT-2");
}

TEST_CASE("TCP accept after the peer sent data and FIN: CLOSE-WAIT, data readable", "[tcp]") {
  TcpPair p;
  devices::TcpSocket* listener = p.b.open();
  listener->bind({wire::Ipv4Address::any(), 80});
  listener->listen(5);
  devices::TcpSocket* client = p.a.open();
  client->connect(TcpPair::addr("10.0.0.2", 80));
  p.run_for(milliseconds(25));
  REQUIRE(client->state() == TcpState::Established);
  client->send(pattern(50));
  client->close();
  p.run_for(milliseconds(100));
  auto accepted = listener->accept();
  REQUIRE(accepted.ok());
  devices::TcpSocket* server = accepted.value();
  CHECK(server->state() == TcpState::CloseWait);
  std::vector<uint8_t> got;
  CHECK(TcpPair::drain(server, got) == 50);
  CHECK(got == pattern(50));
  uint8_t buffer[4];
  CHECK(server->recv(buffer).value() == 0);
  server->close();
  p.run_for(milliseconds(100));
  CHECK(client->state() == TcpState::TimeWait);
}

TEST_CASE("TCP orphan facing a window that stays shut gives up probing", "[tcp]") {
  devices::TcpConfig small;
  small.receive_buffer = 4096;
  TcpPair p(milliseconds(10), {}, small);
  auto c = p.connect();
  c.client->send(pattern(20000));
  c.client->close();  // the app is gone; the peer never reads
  p.run_until(seconds(2000));
  CHECK(p.a.rows().empty());
  CHECK(p.rec.decided("giving up"));
  CHECK(p.ctx.scheduler().essential_pending() == 0);
}

TEST_CASE("TCP IP IDs as Linux: a counter per connection, 0 on SYN-ACK and from TIME-WAIT",
          "[tcp]") {
  TcpPair p;
  auto c = p.connect();
  c.client->close();
  p.run_for(milliseconds(100));
  c.server->close();
  // The ACK of the server's FIN is lost: the FIN comes again, and TIME-WAIT answers it.
  bool lost = false;
  p.channel.script = [&](const Segment& s) {
    const bool drop = !lost && s.from == 0 && s.flags() == "ACK";
    lost = lost || drop;
    return TcpChannel::Fate{drop};
  };
  p.run_for(seconds(2));
  std::vector<Segment> client;
  for (const Segment& s : p.channel.log) {
    if (s.from == 1 && s.flags() == "SYN-ACK") CHECK(s.ip_id == 0);
    if (s.from == 0) client.push_back(s);
  }
  REQUIRE(client.size() == 5);  // SYN, ACK, FIN-ACK, ACK (lost), ACK from TIME-WAIT
  for (size_t i = 1; i < 4; ++i) CHECK(client[i].ip_id == uint16_t(client[0].ip_id + i));
  CHECK(client[3].dropped);
  CHECK(client[4].flags() == "ACK");
  CHECK(client[4].ip_id == 0);
}
