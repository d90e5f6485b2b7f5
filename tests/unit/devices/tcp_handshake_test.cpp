// TCP connection setup segment by segment: the three-way handshake and its
// options, RST from a closed port, SYN retries ending in a timeout, ICMP
// and routing failures, simultaneous open, the listen backlog, ports.
#include <catch2/catch.hpp>

#include "tcp_harness.h"

using namespace netsim;
using namespace netsim::test;
using devices::SocketError;
using devices::TcpState;
using namespace wire::tcp_flags;

TEST_CASE("TCP handshake: SYN with options, SYN-ACK, ACK", "[tcp]") {
  TcpPair p;
  devices::TcpSocket* listener = p.b.open();
  REQUIRE(listener->bind({wire::Ipv4Address::any(), 80}).ok());
  REQUIRE(listener->listen(5).ok());
  CHECK(listener->state() == TcpState::Listen);
  CHECK(listener->accept().error() == SocketError::WouldBlock);

  devices::TcpSocket* client = p.a.open();
  CHECK(client->connect(TcpPair::addr("10.0.0.2", 80)).error() == SocketError::WouldBlock);
  CHECK(client->state() == TcpState::SynSent);
  // connect() picks an even port of Linux's 32768-60999 (see ephemeral_ports_test).
  const uint16_t port = client->local().port;
  CHECK(port >= 32768);
  CHECK(port <= 60999);
  CHECK(port % 2 == 0);
  const std::string client_end = "10.0.0.1:" + std::to_string(port);

  REQUIRE(p.channel.log.size() == 1);
  const wire::TcpRepr syn = p.channel.log[0].tcp();
  CHECK(syn.flags == Syn);
  CHECK(syn.src_port == port);
  CHECK(syn.dst_port == 80);
  CHECK(syn.mss == 1460);
  CHECK(syn.window == 64240);  // 65536 rounded down to whole MSS, as Linux
  CHECK(syn.window_scale == 7);  // ilog2(tcp_rmem[2] = 6 MiB) - 15
  CHECK(syn.sack_permitted);
  REQUIRE(syn.timestamps);
  CHECK(syn.timestamps->echo_reply == 0);
  CHECK(syn.header_len() == 40);  // Linux's 74-byte SYN
  CHECK(syn.payload.empty());

  p.run_for(milliseconds(10));  // the SYN arrives; the SYN-ACK leaves
  REQUIRE(p.channel.log.size() == 2);
  const wire::TcpRepr syn_ack = p.channel.log[1].tcp();
  CHECK(syn_ack.flags == (Syn | Ack));
  CHECK(syn_ack.ack == syn.seq + 1);
  CHECK(syn_ack.mss == 1460);
  CHECK(syn_ack.window == 65160);      // rounded to 1448: the MSS less the timestamps
  CHECK(syn_ack.window_scale == 7);  // offered because the SYN offered it
  CHECK(syn_ack.sack_permitted);
  REQUIRE(syn_ack.timestamps);
  CHECK(syn_ack.timestamps->echo_reply == syn.timestamps->value);
  CHECK(client->connect(TcpPair::addr("10.0.0.2", 80)).error() == SocketError::WouldBlock);

  p.run_for(milliseconds(10));  // the SYN-ACK arrives; the ACK leaves
  REQUIRE(p.channel.log.size() == 3);
  const wire::TcpRepr ack = p.channel.log[2].tcp();
  CHECK(ack.flags == Ack);
  CHECK(ack.seq == syn.seq + 1);
  CHECK(ack.ack == syn_ack.seq + 1);
  CHECK(ack.window == 502);  // scaled from here on: 64240 rounded up to 128s
  REQUIRE(ack.timestamps);      // on every segment once both SYNs had them
  CHECK(ack.timestamps->echo_reply == syn_ack.timestamps->value);
  CHECK(ack.header_len() == 32);
  CHECK(client->state() == TcpState::Established);
  CHECK(client->connect(TcpPair::addr("10.0.0.2", 80)).ok());
  CHECK(client->connect(TcpPair::addr("10.0.0.2", 80)).error() == SocketError::AlreadyConnected);
  CHECK(listener->accept().error() == SocketError::WouldBlock);  // the ACK is still on its way

  p.run_for(milliseconds(10));
  auto accepted = listener->accept();
  REQUIRE(accepted.ok());
  devices::TcpSocket* server = accepted.value();
  CHECK(server->state() == TcpState::Established);
  CHECK(server->remote().to_string() == client_end);
  CHECK(server->local().to_string() == "10.0.0.2:80");
  CHECK(client->mss() == 1448);  // 1460 less the timestamps option
  CHECK(server->mss() == 1448);
  CHECK(client->send_window_scale() == 7);
  CHECK(client->timestamps());
  CHECK(client->sack_permitted());
  CHECK(client->peer_window() == 65160);  // the SYN-ACK's, unscaled
  CHECK(server->peer_window() == 64256);
  CHECK(p.rec.decided("tcp " + client_end + "->10.0.0.2:80: SYN-SENT -> ESTABLISHED"));
  CHECK(p.rec.decided("tcp 10.0.0.2:80->" + client_end + ": LISTEN -> SYN-RECEIVED"));
  CHECK(p.rec.decided("SYN-RECEIVED -> ESTABLISHED"));
  CHECK(p.channel.log.size() == 3);  // nothing else was said

  const auto rows = p.a.rows();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].first == client_end + "->10.0.0.2:80");
  CHECK(rows[0].second == "ESTABLISHED");
  CHECK(p.b.rows().size() == 2);  // the listener "10.0.0.2..." and the connection
  CHECK(p.b.rows()[0].first == "0.0.0.0:80->*");
}

TEST_CASE("TCP MSS: the smaller side wins; 536 when the option is absent", "[tcp]") {
  SECTION("configured MSS") {
    devices::TcpConfig small;
    small.mss = 1000;
    TcpPair p(milliseconds(10), small, {});
    auto c = p.connect();
    REQUIRE(c.server);
    CHECK(p.channel.log[0].tcp().mss == 1000);
    CHECK(p.channel.log[1].tcp().mss == 1460);
    CHECK(c.client->mss() == 988);  // less the timestamps
    CHECK(c.server->mss() == 988);
  }
  SECTION("interface MTU") {
    TcpPair p;
    p.channel.ends[1].mtu = 576;
    auto c = p.connect();
    REQUIRE(c.server);
    CHECK(p.channel.log[1].tcp().mss == 536);
    CHECK(c.client->mss() == 524);
  }
  SECTION("no option") {
    TcpPair p;
    devices::TcpSocket* listener = p.b.open();
    listener->bind({wire::Ipv4Address::any(), 80});
    listener->listen(1);
    wire::TcpRepr syn;
    syn.src_port = 5555;
    syn.dst_port = 80;
    syn.seq = 1000;
    syn.flags = Syn;
    syn.window = 8192;
    std::vector<uint8_t> bytes(syn.buffer_len());
    syn.emit(bytes, ip("10.0.0.1"), ip("10.0.0.2"));
    wire::Ipv4Repr h;
    h.src = ip("10.0.0.1");
    h.dst = ip("10.0.0.2");
    h.protocol = wire::IpProtocol::Tcp;
    h.payload_len = static_cast<uint16_t>(bytes.size());
    p.b.deliver(h, bytes);
    REQUIRE(p.channel.log.size() == 1);
    const wire::TcpRepr syn_ack = p.channel.log[0].tcp();
    CHECK(syn_ack.flags == (Syn | Ack));
    CHECK(syn_ack.ack == 1001);
    CHECK(!syn_ack.window_scale);  // RFC 7323: only in answer to one
    CHECK(!syn_ack.timestamps);
    CHECK(!syn_ack.sack_permitted);
    CHECK(syn_ack.mss == 1460);
  }
}

TEST_CASE("TCP options off: only the MSS, unscaled windows of 64240, full segments", "[tcp]") {
  devices::TcpConfig plain;
  plain.sack = plain.timestamps = plain.window_scaling = false;
  SECTION("on both sides, as the oracle's plain variant") {
    TcpPair p(milliseconds(10), plain, plain);
    auto c = p.connect();
    REQUIRE(c.server);
    for (size_t i = 0; i < 3; ++i) {
      const wire::TcpRepr seg = p.channel.log[i].tcp();
      CHECK(seg.window == 64240);
      CHECK(!seg.window_scale);
      CHECK(!seg.timestamps);
      CHECK(!seg.sack_permitted);
    }
    CHECK(p.channel.log[0].tcp().header_len() == 24);  // Linux's 58-byte SYN
    CHECK(c.client->mss() == 1460);
    CHECK(c.client->receive_window_scale() == 0);
  }
  SECTION("on one side: the SYN-ACK answers only what both want") {
    TcpPair p(milliseconds(10), {}, plain);
    auto c = p.connect();
    REQUIRE(c.server);
    const wire::TcpRepr syn_ack = p.channel.log[1].tcp();
    CHECK(!syn_ack.window_scale);
    CHECK(!syn_ack.timestamps);
    CHECK(!syn_ack.sack_permitted);
    CHECK(!p.channel.log[2].tcp().timestamps);
    CHECK(!c.client->timestamps());
    CHECK(c.client->send_window_scale() == 0);
    CHECK(c.client->receive_window_scale() == 0);
    CHECK(c.client->mss() == 1460);
  }
}

TEST_CASE("TCP SYN to a closed port: RST-ACK, connection refused", "[tcp]") {
  TcpPair p;
  devices::TcpSocket* client = p.a.open();
  CHECK(client->connect(TcpPair::addr("10.0.0.2", 81)).would_block());
  p.run_for(milliseconds(30));
  REQUIRE(p.channel.log.size() == 2);
  const wire::TcpRepr syn = p.channel.log[0].tcp();
  const wire::TcpRepr rst = p.channel.log[1].tcp();
  CHECK(p.channel.log[1].flags() == "RST-ACK");
  CHECK(rst.seq == 0);
  CHECK(rst.ack == syn.seq + 1);
  CHECK(rst.src_port == 81);
  CHECK(client->state() == TcpState::Closed);
  CHECK(client->connect(TcpPair::addr("10.0.0.2", 81)).error() == SocketError::ConnectionRefused);
  CHECK(p.rec.decided("no socket for 10.0.0.2:81"));
  CHECK(p.rec.decided("connection refused"));
  // Linux: the failed socket reads as shut down (tcp_done sets SHUTDOWN_MASK).
  CHECK(client->recv(std::span<uint8_t>()).value() == 0);
  CHECK(client->send(pattern(3)).error() == SocketError::BrokenPipe);

  // Linux lets the same socket try again.
  devices::TcpSocket* listener = p.b.open();
  listener->bind({wire::Ipv4Address::any(), 81});
  listener->listen(1);
  CHECK(client->connect(TcpPair::addr("10.0.0.2", 81)).would_block());
  p.run_for(milliseconds(30));
  CHECK(client->connect(TcpPair::addr("10.0.0.2", 81)).ok());
  CHECK(client->state() == TcpState::Established);
}

TEST_CASE("TCP segment with ACK for no socket: RST at SEG.ACK", "[tcp]") {
  TcpPair p;
  wire::TcpRepr stray;
  stray.src_port = 4000;
  stray.dst_port = 9;
  stray.seq = 77;
  stray.ack = 123456;
  stray.flags = Ack | Psh;
  const uint8_t data[] = {1, 2, 3};
  stray.payload = data;
  std::vector<uint8_t> bytes(stray.buffer_len());
  stray.emit(bytes, ip("10.0.0.1"), ip("10.0.0.2"));
  wire::Ipv4Repr h;
  h.src = ip("10.0.0.1");
  h.dst = ip("10.0.0.2");
  h.protocol = wire::IpProtocol::Tcp;
  h.payload_len = static_cast<uint16_t>(bytes.size());
  p.b.deliver(h, bytes);
  REQUIRE(p.channel.log.size() == 1);
  CHECK(p.channel.log[0].flags() == "RST");
  CHECK(p.channel.log[0].seq() == 123456);

  // A corrupted segment is dropped with its reason, not answered.
  bytes[bytes.size() - 1] ^= 0xff;
  p.b.deliver(h, bytes);
  CHECK(p.channel.log.size() == 1);
  CHECK(p.rec.count_drops(DropReason::BadChecksum) == 1);
}

TEST_CASE("TCP SYN retries: Linux's backoff, then a timeout after 127 s", "[tcp]") {
  TcpPair p;
  p.channel.script = [](const Segment&) { return TcpChannel::Fate{true}; };  // a black hole
  devices::TcpSocket* client = p.a.open();
  CHECK(client->connect(TcpPair::addr("10.0.0.2", 80)).would_block());
  p.run_until(seconds(200));
  std::vector<double> times;
  for (const Segment& s : p.channel.log) {
    CHECK(s.flags() == "SYN");
    times.push_back(to_seconds(s.at));
  }
  CHECK(times == std::vector<double>{0, 1, 3, 7, 15, 31, 63});
  CHECK(client->state() == TcpState::Closed);
  CHECK(client->connect(TcpPair::addr("10.0.0.2", 80)).error() == SocketError::TimedOut);
  CHECK(p.rec.decided("retransmission timeout (RTO 1.000s, backoff 1)"));
  CHECK(p.rec.decided("retransmission timeout (RTO 32.000s, backoff 6)"));
  CHECK(p.rec.decided("giving up after 6 retransmissions"));
}

TEST_CASE("TCP SYN-ACK lost: the SYN goes again, the data starts with a ~3 s RTO", "[tcp]") {
  TcpPair p;
  int syn_acks = 0;
  p.channel.script = [&](const Segment& s) {
    return TcpChannel::Fate{s.flags() == "SYN-ACK" && ++syn_acks == 1};
  };
  auto c = p.connect();
  CHECK(!c.server);
  p.run_for(seconds(2));
  REQUIRE(c.client->state() == TcpState::Established);
  // Karn forbids timing the retransmitted SYN, but the SYN-ACK the server
  // resent echoes the first SYN's TSval (Linux keeps the request's
  // ts_recent): 1.02 s, so RTO = 3 x 1.02 s, near RFC 6298 §5.7's 3 s.
  CHECK(c.client->rtt().srtt() == milliseconds(1020));
  CHECK(c.client->rto() == milliseconds(3060));
  CHECK(c.client->cwnd() == c.client->mss());  // RFC 5681 §3.1
  // The server's SYN-ACK went twice (its own timer and the repeated SYN both resend it).
  CHECK(syn_acks >= 2);
}

TEST_CASE("TCP connect failures: no route, ICMP unreachable", "[tcp]") {
  SECTION("no route: at once") {
    TcpPair p;
    p.channel.ends[0].routed = false;
    devices::TcpSocket* client = p.a.open();
    CHECK(client->connect(TcpPair::addr("10.9.9.9", 80)).error() ==
          SocketError::NetworkUnreachable);
    CHECK(p.channel.log.empty());
  }
  SECTION("ICMP host unreachable in SYN-SENT ends the connect (Linux)") {
    TcpPair p;
    p.channel.script = [](const Segment&) { return TcpChannel::Fate{true}; };
    devices::TcpSocket* client = p.a.open();
    client->connect(TcpPair::addr("10.0.0.2", 80));
    const Segment syn = p.channel.log[0];
    std::vector<uint8_t> quote(28);
    wire::Ipv4Repr quoted;
    quoted.src = syn.src;
    quoted.dst = syn.dst;
    quoted.protocol = wire::IpProtocol::Tcp;
    quoted.payload_len = static_cast<uint16_t>(syn.bytes.size());
    quoted.emit(quote);
    std::copy(syn.bytes.begin(), syn.bytes.begin() + 8, quote.begin() + 20);
    wire::IcmpRepr icmp;
    icmp.type = wire::IcmpType::DestinationUnreachable;
    icmp.code = static_cast<uint8_t>(wire::UnreachableCode::Host);
    icmp.data = quote;
    p.a.deliver_icmp_error(ip("10.0.0.1"), icmp, quoted, std::span(quote).subspan(20));
    CHECK(client->state() == TcpState::Closed);
    CHECK(client->connect(TcpPair::addr("10.0.0.2", 80)).error() == SocketError::HostUnreachable);
  }
}

TEST_CASE("TCP simultaneous open", "[tcp]") {
  TcpPair p;
  devices::TcpSocket* x = p.a.open();
  devices::TcpSocket* y = p.b.open();
  REQUIRE(x->bind({wire::Ipv4Address::any(), 5000}).ok());
  REQUIRE(y->bind({wire::Ipv4Address::any(), 6000}).ok());
  CHECK(x->connect(TcpPair::addr("10.0.0.2", 6000)).would_block());
  CHECK(y->connect(TcpPair::addr("10.0.0.1", 5000)).would_block());
  p.run_for(milliseconds(15));
  CHECK(x->state() == TcpState::SynReceived);
  CHECK(y->state() == TcpState::SynReceived);
  p.run_for(milliseconds(15));
  CHECK(x->state() == TcpState::Established);
  CHECK(y->state() == TcpState::Established);
  std::vector<std::string> flags;
  for (const Segment& s : p.channel.log) flags.push_back(s.flags());
  // RFC 9293 Figure 8: SYNs cross, SYN-ACKs cross, nothing more.
  CHECK(flags == std::vector<std::string>{"SYN", "SYN", "SYN-ACK", "SYN-ACK"});
  CHECK(x->connect(TcpPair::addr("10.0.0.2", 6000)).ok());
  CHECK(p.rec.decided("SYN-SENT -> SYN-RECEIVED"));

  const auto data = pattern(100);
  CHECK(x->send(data).value() == 100);
  p.run_for(milliseconds(20));
  std::vector<uint8_t> got;
  TcpPair::drain(y, got);
  CHECK(got == data);
}

TEST_CASE("TCP listen backlog: handshakes complete unaccepted; beyond, SYNs are dropped", "[tcp]") {
  TcpPair p;
  devices::TcpSocket* listener = p.b.open();
  listener->bind({wire::Ipv4Address::any(), 80});
  listener->listen(1);  // holds backlog + 1 = 2
  std::vector<devices::TcpSocket*> clients;
  for (int i = 0; i < 3; ++i) {
    clients.push_back(p.a.open());
    clients.back()->connect(TcpPair::addr("10.0.0.2", 80));
  }
  p.run_for(milliseconds(100));
  CHECK(clients[0]->state() == TcpState::Established);
  CHECK(clients[1]->state() == TcpState::Established);
  CHECK(clients[2]->state() == TcpState::SynSent);
  CHECK(p.rec.decided("listen queue full (backlog 1): SYN from " +
                      clients[2]->local().to_string() + " dropped"));

  auto first = listener->accept();
  REQUIRE(first.ok());
  CHECK(first.value()->remote() == clients[0]->local());
  // The third client's SYN comes again at 1 s and now fits.
  p.run_until(seconds(1) + milliseconds(50));
  CHECK(clients[2]->state() == TcpState::Established);
  auto second = listener->accept();
  auto third = listener->accept();
  REQUIRE(second.ok());
  REQUIRE(third.ok());
  CHECK(second.value()->remote() == clients[1]->local());
  CHECK(third.value()->remote() == clients[2]->local());
  CHECK(listener->accept().would_block());
}

TEST_CASE("TCP listener closed before accept: queued connections are reset", "[tcp]") {
  TcpPair p;
  devices::TcpSocket* listener = p.b.open();
  listener->bind({wire::Ipv4Address::any(), 80});
  listener->listen(5);
  devices::TcpSocket* client = p.a.open();
  client->connect(TcpPair::addr("10.0.0.2", 80));
  p.run_for(milliseconds(50));
  REQUIRE(client->state() == TcpState::Established);
  listener->close();
  p.run_for(milliseconds(50));
  CHECK(p.channel.log.back().flags() == "RST-ACK");
  CHECK(client->state() == TcpState::Closed);
  uint8_t buffer[16];
  CHECK(client->recv(buffer).error() == SocketError::ConnectionReset);
  CHECK(client->recv(buffer).value() == 0);
  CHECK(p.b.rows().empty());
}

TEST_CASE("TCP ports: conflicts, ephemeral allocation, TIME-WAIT holds the port", "[tcp]") {
  TcpPair p;
  devices::TcpSocket* s1 = p.b.open();
  devices::TcpSocket* s2 = p.b.open();
  CHECK(s1->bind({wire::Ipv4Address::any(), 80}).ok());
  CHECK(s1->bind({wire::Ipv4Address::any(), 81}).error() == SocketError::InvalidArgument);
  CHECK(s2->bind({ip("10.0.0.2"), 80}).error() == SocketError::AddressInUse);
  CHECK(s2->bind({ip("10.9.9.9"), 90}).error() == SocketError::AddressNotAvailable);
  CHECK(s2->bind({ip("10.0.0.2"), 0}).ok());
  CHECK(s2->local().port % 2 == 1);  // bind() to port 0 prefers odd ports, as Linux
  s1->close();
  s2->close();

  // The server closes first, so its side of the connection waits in TIME-WAIT.
  auto c = p.connect(8080);
  REQUIRE(c.server);
  c.listener->close();
  c.server->close();
  p.run_for(milliseconds(100));
  c.client->close();
  p.run_for(milliseconds(100));
  REQUIRE(p.b.rows().size() == 1);
  CHECK(p.b.rows()[0].second == "TIME-WAIT");
  devices::TcpSocket* again = p.b.open();
  CHECK(again->bind({wire::Ipv4Address::any(), 8080}).error() == SocketError::AddressInUse);
  p.run_for(seconds(61));
  CHECK(p.b.rows().empty());
  CHECK(again->bind({wire::Ipv4Address::any(), 8080}).ok());
}

TEST_CASE("TCP socket calls in the wrong state give Linux's errors", "[tcp]") {
  TcpPair p;
  devices::TcpSocket* fresh = p.a.open();
  uint8_t buffer[8];
  CHECK(fresh->recv(buffer).error() == SocketError::NotConnected);
  CHECK(fresh->send(pattern(1)).error() == SocketError::BrokenPipe);  // Linux: EPIPE, not ENOTCONN
  CHECK(fresh->shutdown(devices::ShutdownHow::Both).error() == SocketError::NotConnected);
  CHECK(fresh->accept().error() == SocketError::InvalidArgument);

  devices::TcpSocket* listener = p.b.open();
  CHECK(listener->listen(3).ok());  // binds an ephemeral port, as Linux
  const uint16_t listening = listener->local().port;
  CHECK(listening % 2 == 1);
  CHECK(listener->recv(buffer).error() == SocketError::NotConnected);
  CHECK(listener->send(pattern(1)).error() == SocketError::BrokenPipe);
  CHECK(listener->connect(TcpPair::addr("10.0.0.1", 1)).error() == SocketError::AlreadyConnected);
  CHECK(listener->listen(7).ok());  // again: only the backlog changes

  devices::TcpSocket* c = p.a.open();
  CHECK(c->connect(TcpPair::addr("10.0.0.2", listening)).would_block());
  CHECK(c->connect(TcpPair::addr("10.0.0.2", listening)).would_block());  // still in the handshake
  CHECK(c->send(pattern(1)).would_block());
  CHECK(c->recv(buffer).would_block());
  CHECK(c->listen(1).error() == SocketError::InvalidArgument);
  p.run_for(milliseconds(50));
  CHECK(c->bind({wire::Ipv4Address::any(), 7}).error() == SocketError::InvalidArgument);
  CHECK(c->send(std::span<const uint8_t>()).value() == 0);
}
