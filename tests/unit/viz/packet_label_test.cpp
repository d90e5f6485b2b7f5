// Packet labels and relative TCP numbers, as the text trace shows them.
#include "viz/packet_label.h"

#include <catch2/catch.hpp>

#include "synthetic.h"
#include "viz/recording.h"

using namespace netsim;
using namespace netsim::viz;
using namespace netsim::wire::tcp_flags;

namespace {
constexpr uint32_t kA = 0x0a000001, kB = 0x0a000002;
std::string label(const std::vector<uint8_t>& frame, const wire::TcpSequenceBases& bases = {}) {
  return packet_label(wire::decode_frame(frame), bases);
}
}  // namespace

TEST_CASE("a packet's label says what it is in a word or two") {
  CHECK(label(synthetic::arp_request(kA, kB)) == "ARP?");
  CHECK(label(synthetic::icmp_echo(kA, kB, 1)) == "ICMP echo");
  CHECK(label(synthetic::config_bpdu(1)) == "BPDU");
  CHECK(label(synthetic::udp_datagram(kA, 5000, kB, 7)) == "UDP 7");
  CHECK(label(synthetic::tcp_segment(kA, 1, kB, 2, 100, 0, Syn)) == "SYN");
  CHECK(label(synthetic::tcp_segment(kA, 1, kB, 2, 100, 5, Syn | Ack)) == "SYN-ACK");
  CHECK(label(synthetic::tcp_segment(kA, 1, kB, 2, 101, 506, Ack), {100, 500}) == "ACK 6");
  CHECK(label(synthetic::tcp_segment(kA, 1, kB, 2, 101, 506, Ack | Psh, 10), {100, 500}) ==
        "DATA 1:11");
}

TEST_CASE("the recording labels frames and summarises TCP with relative numbers") {
  Recording r;
  synthetic::Events ev;
  r.add(ev.sent(microseconds(0), "a", "eth0", "b", "eth0", microseconds(10),
                synthetic::tcp_segment(kA, 1000, kB, 80, 5000, 0, Syn), 1));
  r.add(ev.sent(microseconds(10), "b", "eth0", "a", "eth0", microseconds(20),
                synthetic::tcp_segment(kB, 80, kA, 1000, 9000, 5001, Syn | Ack), 2));
  r.add(ev.sent(microseconds(20), "a", "eth0", "b", "eth0", microseconds(30),
                synthetic::tcp_segment(kA, 1000, kB, 80, 5001, 9001, Ack | Psh, 5), 3));
  r.finish(microseconds(40));
  const RecordedEvent& data = r.event(2);
  CHECK(r.text(data.label) == "DATA 1:6");
  CHECK(r.text(r.event(0).label) == "SYN");
  const std::string s = r.summary(data);
  CHECK(s.find("seq 1:6, ack 1") != std::string::npos);
  CHECK(r.trace_line(2).find("seq 1:6, ack 1") != std::string::npos);
}
