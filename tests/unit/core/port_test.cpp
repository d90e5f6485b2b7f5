// Ports and links: serialization and propagation times, padding, drop-tail
// queue, loss, link down, and the trace events each frame produces.
#include <catch2/catch.hpp>

#include <vector>

#include "sim/net/link.h"
#include "sim/net/node.h"

using namespace netsim;

namespace {
// A node that records what arrives.
class Sink : public Node {
 public:
  using Node::Node;
  void receive(Port&, Packet frame) override { arrivals.push_back({ctx().now(), frame.size()}); }
  std::vector<std::pair<Time, size_t>> arrivals;
};

struct Recorder : TraceSink {
  void on_event(const TraceEvent& e) override {
    kinds.push_back(e.kind);
    if (e.kind == TraceKind::FrameDropped) reasons.push_back(e.reason);
  }
  std::vector<TraceKind> kinds;
  std::vector<DropReason> reasons;
};

struct Pair {
  Context ctx{1};
  Sink a{ctx, "a", NodeKind::Host};
  Sink b{ctx, "b", NodeKind::Host};
  Recorder rec;
  Link* link = nullptr;
  std::unique_ptr<Link> owned;
  explicit Pair(LinkParams p) {
    Port& pa = a.add_port("eth0", {});
    Port& pb = b.add_port("eth0", {});
    owned = std::make_unique<Link>(pa, pb, p, ctx.stream("link"));
    link = owned.get();
    ctx.trace().add_sink(&rec);
  }
  void send(size_t bytes) { a.ports()[0]->send(ctx.new_packet(bytes)); }
  void run() {
    while (ctx.scheduler().run_next()) {
    }
  }
};
}  // namespace

TEST_CASE("a frame arrives after its serialization time plus the delay, padded to 60") {
  LinkParams p;
  p.bandwidth_bps = 100'000'000;
  p.delay = microseconds(10);
  Pair net(p);
  net.send(42);
  net.run();
  REQUIRE(net.b.arrivals.size() == 1);
  CHECK(net.b.arrivals[0].second == 60);
  CHECK(net.b.arrivals[0].first == nanoseconds(4800) + microseconds(10));
  CHECK(net.rec.kinds == std::vector<TraceKind>{TraceKind::FrameSent, TraceKind::FrameReceived});
}

TEST_CASE("with no sink that reads frames, ports emit no frame events; drops still come") {
  struct Blind : Recorder {
    bool wants_frames() const override { return false; }
  };
  LinkParams p;
  p.queue = 1;
  Context ctx{1};
  Sink a{ctx, "a", NodeKind::Host};
  Sink b{ctx, "b", NodeKind::Host};
  Link link(a.add_port("eth0", {}), b.add_port("eth0", {}), p, ctx.stream("link"));
  Blind blind;
  ctx.trace().add_sink(&blind);
  for (int i = 0; i < 3; ++i) a.ports()[0]->send(ctx.new_packet(100));
  while (ctx.scheduler().run_next()) {
  }
  CHECK(b.arrivals.size() == 2);  // one on the wire, one queued, one over the queue
  CHECK(blind.kinds == std::vector<TraceKind>{TraceKind::FrameDropped});
  CHECK(blind.reasons == std::vector<DropReason>{DropReason::QueueFull});
}

TEST_CASE("back-to-back frames queue behind each other; the queue is drop-tail") {
  LinkParams p;
  p.bandwidth_bps = 8'000'000;  // 1 byte per microsecond
  p.delay = Time{0};
  p.queue = 2;
  Pair net(p);
  for (int i = 0; i < 4; ++i) net.send(100);
  net.run();
  REQUIRE(net.b.arrivals.size() == 3);  // one on the wire, two queued, one dropped
  CHECK(net.b.arrivals[0].first == microseconds(100));
  CHECK(net.b.arrivals[1].first == microseconds(200));
  CHECK(net.b.arrivals[2].first == microseconds(300));
  CHECK(net.rec.reasons == std::vector<DropReason>{DropReason::QueueFull});
}

TEST_CASE("a transmission's end is an event only when a frame waits for it") {
  LinkParams p;
  p.bandwidth_bps = 8'000'000;  // 1 byte per microsecond
  p.delay = Time{0};
  Pair net(p);
  Scheduler& s = net.ctx.scheduler();
  net.send(100);
  CHECK(s.heap_entries() == 1);  // the arrival alone
  net.run();
  CHECK(s.events_run() == 1);
  // Sent the instant the wire is free, and while it is still taken.
  s.schedule_at(microseconds(200), [&] { net.send(100); });
  s.schedule_at(microseconds(250), [&] { net.send(100); });
  net.run();
  REQUIRE(net.b.arrivals.size() == 3);
  CHECK(net.b.arrivals[1].first == microseconds(300));
  CHECK(net.b.arrivals[2].first == microseconds(400));  // waited for the end at 300
  CHECK(s.events_run() == 1 + 2 + 3);  // two sends, two arrivals, one end waited for
}

TEST_CASE("a port reports its queue length as a metric after each change, when asked") {
  struct Watch : TraceSink {
    bool wants_metrics() const override { return true; }
    void on_event(const TraceEvent& e) override {
      if (e.kind != TraceKind::Metric) return;
      CHECK(std::string(e.node) + ":" + std::string(e.iface) + " " + std::string(e.text) == "a:eth0 queue");
      lengths.push_back(e.number);
    }
    std::vector<int64_t> lengths;
  };
  LinkParams p;
  p.bandwidth_bps = 8'000'000;
  p.queue = 2;
  Pair net(p);
  Watch watch;
  net.ctx.trace().add_sink(&watch);
  for (int i = 0; i < 4; ++i) net.send(100);  // on the wire, queued, queued, dropped
  net.run();
  CHECK(watch.lengths == std::vector<int64_t>{1, 2, 1, 0});
}

TEST_CASE("a down link drops at the sender; frames in flight are lost") {
  Pair net(LinkParams{});
  net.link->set_up(false);
  net.send(60);
  net.link->set_up(true);
  net.send(60);
  net.link->set_up(false);  // goes down while the frame is on the wire
  net.run();
  CHECK(net.b.arrivals.empty());
  CHECK(net.rec.reasons == std::vector<DropReason>{DropReason::LinkDown, DropReason::LinkDown});
}

TEST_CASE("loss is seeded and close to its probability") {
  LinkParams p;
  p.loss = 0.5;
  p.queue = 2000;
  Pair net(p);
  for (int i = 0; i < 1000; ++i) net.send(60);
  net.run();
  CHECK(net.b.arrivals.size() > 430);
  CHECK(net.b.arrivals.size() < 570);
  Pair again(p);
  for (int i = 0; i < 1000; ++i) again.send(60);
  again.run();
  CHECK(again.b.arrivals.size() == net.b.arrivals.size());
}

TEST_CASE("a frame larger than the MTU is dropped by the port") {
  Pair net(LinkParams{});
  net.send(1514);
  net.send(1515);
  net.run();
  CHECK(net.b.arrivals.size() == 1);
  CHECK(net.rec.reasons == std::vector<DropReason>{DropReason::MtuExceeded});
}

TEST_CASE("the packet pool reuses buffers") {
  PacketPool pool;
  for (int i = 0; i < 100; ++i) {
    Packet p = pool.allocate(1514, i);
    Packet shared = p;
    CHECK_FALSE(p.unique());
  }
  CHECK(pool.buffers_created() == 1);
  Packet a = pool.allocate(10, 7);
  Packet b = a;
  pool.make_unique(b);
  CHECK(b.uid() == 7);
  CHECK(a.unique());
  CHECK(b.unique());
}

TEST_CASE("a background frame (a BPDU) keeps no run going, unless essential frames wait behind it") {
  Pair net(LinkParams{});
  Scheduler& s = net.ctx.scheduler();
  Packet bpdu = net.ctx.new_packet(60);
  bpdu.set_background();
  net.a.ports()[0]->send(bpdu);
  CHECK(s.essential_pending() == 0);
  CHECK_FALSE(s.empty());
  net.send(60);  // queued behind the BPDU: its transmission's end now counts
  CHECK(s.essential_pending() == 1);
  net.run();
  REQUIRE(net.b.arrivals.size() == 2);
  CHECK(s.essential_pending() == 0);
  // A copy (padding, a hub's clone) is as background as the original.
  Packet copy = net.ctx.pool().clone(bpdu);
  CHECK(copy.background());
  CHECK_FALSE(net.ctx.new_packet(60).background());
}
