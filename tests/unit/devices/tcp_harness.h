// Two TcpLayers, a (10.0.0.1) and b (10.0.0.2), joined by a scripted
// channel: every segment is logged as it leaves, and a script may drop,
// delay or duplicate it; the channel can pace segments at a bit rate behind
// a drop-tail queue. Time runs on the real Scheduler.
#pragma once
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "devices/stack/tcp/tcp_layer.h"
#include "net_fixture.h"
#include "sim/wire/tcp.h"

namespace netsim::test {

// One segment as it left a layer.
struct Segment {
  Time at{0};
  int from = 0;  // 0: a, 1: b
  wire::Ipv4Address src, dst;
  std::vector<uint8_t> bytes;  // the TCP header and payload, checksum filled
  uint16_t ip_id = 0;          // the IP ID the socket chose
  bool dropped = false;
  // Decoded on demand: the payload points into `bytes`.
  wire::TcpRepr tcp() const { return *wire::TcpRepr::parse(bytes, src, dst); }
  std::string flags() const { return wire::tcp_flags_name(tcp().flags); }
  size_t len() const { return tcp().payload.size(); }
  uint32_t seq() const { return tcp().seq; }
  uint32_t ack() const { return tcp().ack; }
};

class TcpChannel {
 public:
  struct Fate {
    bool drop = false;
    Time extra_delay{0};
    int copies = 1;
  };

  struct Endpoint final : devices::TcpOutput {
    TcpChannel* channel = nullptr;
    int index = 0;
    wire::Ipv4Address address;
    bool routed = true;
    uint32_t mtu = 1500;
    bool send_segment(wire::Ipv4Address src, wire::Ipv4Address dst, const wire::TcpRepr& segment,
                      devices::SegmentIp ip, const PayloadRef& /*shared: segment.payload has the bytes*/) override {
      if (!routed) return false;
      channel->carry(index, src, dst, segment, ip.id);
      return true;
    }
    wire::Ipv4Address source_for(wire::Ipv4Address) override {
      return routed ? address : wire::Ipv4Address::any();
    }
    bool is_local_address(wire::Ipv4Address a) override { return a == address; }
    uint32_t mtu_for(wire::Ipv4Address) override { return mtu; }
  };

  TcpChannel(Context& ctx, Time delay, uint64_t bits_per_second)
      : delay(delay), bits_per_second(bits_per_second), ctx_(ctx) {
    for (int i = 0; i < 2; ++i) {
      ends[i].channel = this;
      ends[i].index = i;
      ends[i].address = wire::Ipv4Address{0x0a000001u + static_cast<uint32_t>(i)};
    }
  }

  Endpoint ends[2];
  devices::TcpLayer* layers[2] = {nullptr, nullptr};
  Time delay;
  uint64_t bits_per_second;  // 0: no serialization time
  size_t queue_limit = 0;    // segments waiting per direction when paced; 0: no limit
  std::function<Fate(const Segment&)> script;
  std::vector<Segment> log;

  // The segments sent by end `from` (0 or 1), in order.
  std::vector<Segment> sent_by(int from) const {
    std::vector<Segment> out;
    for (const Segment& s : log)
      if (s.from == from) out.push_back(s);
    return out;
  }
  std::vector<Segment> data_from(int from) const {
    std::vector<Segment> out;
    for (const Segment& s : log)
      if (s.from == from && s.len() > 0) out.push_back(s);
    return out;
  }

 private:
  void carry(int from, wire::Ipv4Address src, wire::Ipv4Address dst, const wire::TcpRepr& seg,
             uint16_t ip_id) {
    Segment s;
    s.ip_id = ip_id;
    s.at = ctx_.now();
    s.from = from;
    s.src = src;
    s.dst = dst;
    s.bytes.resize(seg.buffer_len());
    seg.emit(s.bytes, src, dst);
    Fate fate = script ? script(s) : Fate{};
    Time arrival = ctx_.now() + delay;
    if (bits_per_second) {
      std::deque<Time>& waiting = starts_[from];
      while (!waiting.empty() && waiting.front() <= ctx_.now()) waiting.pop_front();
      if (queue_limit && waiting.size() >= queue_limit) {
        fate.drop = true;
      } else {
        const Time start = std::max(ctx_.now(), busy_until_[from]);
        // Ethernet + IPv4 headers around the segment, as a link would carry them.
        busy_until_[from] = start + transmission_time(s.bytes.size() + 20 + 14, bits_per_second);
        waiting.push_back(start);
        arrival = busy_until_[from] + delay;
      }
    }
    s.dropped = fate.drop;
    if (!fate.drop) {
      for (int copy = 0; copy < fate.copies; ++copy) {
        ctx_.scheduler().schedule_at(arrival + fate.extra_delay,
                                     [this, to = 1 - from, src, dst, bytes = s.bytes] {
                                       wire::Ipv4Repr ip;
                                       ip.src = src;
                                       ip.dst = dst;
                                       ip.protocol = wire::IpProtocol::Tcp;
                                       ip.payload_len = static_cast<uint16_t>(bytes.size());
                                       layers[to]->deliver(ip, bytes);
                                     });
      }
    }
    log.push_back(std::move(s));
  }

  Context& ctx_;
  Time busy_until_[2] = {Time{0}, Time{0}};
  std::deque<Time> starts_[2];
};

struct TcpPair {
  Context ctx{1};
  Recorder rec;
  TcpChannel channel;
  devices::EphemeralPorts ports_a, ports_b;
  devices::TcpLayer a, b;

  explicit TcpPair(Time delay = milliseconds(10), devices::TcpConfig config_a = {},
                   devices::TcpConfig config_b = {}, uint64_t bits_per_second = 0,
                   RandomStream isn_a = RandomStream(1, "tcp-isn:a"))
      : channel(ctx, delay, bits_per_second),
        ports_a(ctx.stream("ports:a"), config_a.ephemeral_low, config_a.ephemeral_high),
        ports_b(ctx.stream("ports:b"), config_b.ephemeral_low, config_b.ephemeral_high),
        a(ctx, "a", channel.ends[0], config_a, isn_a, ports_a),
        b(ctx, "b", channel.ends[1], config_b, ctx.stream("tcp-isn:b"), ports_b) {
    ctx.trace().add_sink(&rec);
    channel.layers[0] = &a;
    channel.layers[1] = &b;
  }

  Time now() const { return ctx.now(); }
  void run_until(Time t) {
    while (ctx.scheduler().next_time() <= t && ctx.scheduler().run_next()) {
    }
    ctx.scheduler().advance_to(t);
  }
  void run_for(Time d) { run_until(ctx.now() + d); }

  static devices::SocketAddress addr(const char* text, uint16_t port) { return {ip(text), port}; }

  struct Connection {
    devices::TcpSocket* listener = nullptr;
    devices::TcpSocket* client = nullptr;  // on a
    devices::TcpSocket* server = nullptr;  // on b, accepted
  };
  // A listener on b:port, a client on a connected to it and accepted.
  Connection connect(uint16_t port = 80, int backlog = 5) {
    Connection c;
    c.listener = b.open();
    c.listener->bind({wire::Ipv4Address::any(), port});
    c.listener->listen(backlog);
    c.client = a.open();
    c.client->connect(addr("10.0.0.2", port));
    run_for(channel.delay * 4 + milliseconds(1));
    auto accepted = c.listener->accept();
    if (accepted.ok()) c.server = accepted.value();
    return c;
  }

  // Everything readable now on `s`, appended to `into`; returns the recv result count.
  static size_t drain(devices::TcpSocket* s, std::vector<uint8_t>& into) {
    size_t total = 0;
    uint8_t buffer[65536];
    for (;;) {
      auto got = s->recv(buffer);
      if (!got.ok() || got.value() == 0) return total;
      into.insert(into.end(), buffer, buffer + got.value());
      total += got.value();
    }
  }
};

// A stream whose first ISN lies just below 2^32, so a transfer's sequence
// numbers wrap past zero (found by search, the same on every run).
inline RandomStream wrapping_isn_stream(uint32_t below_wrap) {
  for (int i = 0;; ++i) {
    RandomStream candidate(1, "wrap:" + std::to_string(i));
    RandomStream probe = candidate;
    if (static_cast<uint32_t>(probe.next_u64()) >= 0u - below_wrap) return candidate;
  }
}

inline std::vector<uint8_t> pattern(size_t n) {
  std::vector<uint8_t> out(n);
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(i * 7 + i / 251);
  return out;
}

}  // namespace netsim::test
