// Conntrack: the flat tuple map, both directions found, TCP close through
// FIN/RST with conntrack's 120 s, UDP idle timeout, lazy expiry.
#include "devices/netfilter/conntrack.h"

#include <catch2/catch.hpp>
#include <vector>

#include "sim/wire/tcp.h"

using namespace netsim;
using namespace netsim::devices;

namespace {

ConnTuple tuple(uint32_t src, uint16_t src_port, wire::IpProtocol protocol = wire::IpProtocol::Tcp) {
  return {wire::Ipv4Address{src}, wire::Ipv4Address{0xcb007114}, src_port, 8999, protocol};
}

// An inside flow and its masqueraded reply tuple.
Connection masqueraded(const ConnTuple& original, uint16_t outside_port) {
  return {original,
          {original.dst, wire::Ipv4Address{0xcb007101}, original.dst_port, outside_port, original.protocol}};
}

}  // namespace

TEST_CASE("TupleMap: inserts, finds, erases and grows past its first array", "[conntrack]") {
  TupleMap map;
  for (uint32_t i = 0; i < 5000; ++i) map.insert(tuple(0xc0a80100 + i, static_cast<uint16_t>(i)), i);
  CHECK(map.size() == 5000);
  for (uint32_t i = 0; i < 5000; i += 7) CHECK(map.find(tuple(0xc0a80100 + i, static_cast<uint16_t>(i))) == i);
  for (uint32_t i = 0; i < 5000; i += 2) map.erase(tuple(0xc0a80100 + i, static_cast<uint16_t>(i)));
  CHECK(map.size() == 2500);
  CHECK_FALSE(map.find(tuple(0xc0a80100, 0)));
  CHECK(map.find(tuple(0xc0a80101, 1)) == 1u);
  // Tombstones are reused: erasing and inserting forever stays correct.
  for (uint32_t round = 0; round < 20000; ++round) {
    const ConnTuple t = tuple(0x0a000000 + round, 1);
    map.insert(t, round);
    CHECK(map.find(t) == round);
    map.erase(t);
  }
  CHECK(map.size() == 2500);
}

TEST_CASE("ConnTrack: both directions, TCP close and its 120 s", "[conntrack]") {
  std::vector<ConnTuple> ended;
  ConnTrack track(ConnTimeouts{}, [&](const Connection& c) { ended.push_back(c.original); });
  const ConnTuple inside = tuple(0xc0a8010a, 40000);
  const uint32_t id = track.insert(masqueraded(inside, 40000), Time{0});
  track.observe(id, false, wire::tcp_flags::Syn, Time{0});
  const auto forward = track.find(inside, seconds(1));
  REQUIRE(forward);
  CHECK_FALSE(forward->reply);
  const auto back = track.find(track.at(id).reply, seconds(1));
  REQUIRE(back);
  CHECK(back->reply);
  CHECK(track.at(id).expires_at == seconds(7200));

  CHECK_FALSE(track.observe(id, false, wire::tcp_flags::Fin | wire::tcp_flags::Ack, seconds(2)));
  CHECK(track.observe(id, true, wire::tcp_flags::Fin | wire::tcp_flags::Ack, seconds(2)));
  CHECK(track.at(id).closed);
  CHECK(track.at(id).expires_at == seconds(122));
  CHECK(track.find(inside, seconds(121)));
  CHECK(ended.empty());
  CHECK_FALSE(track.find(inside, seconds(122)));  // met expired: ended then
  REQUIRE(ended.size() == 1);
  CHECK(ended[0] == inside);
}

TEST_CASE("ConnTrack: a RST closes; UDP idles out; inserting sweeps", "[conntrack]") {
  int ended = 0;
  ConnTrack track(ConnTimeouts{}, [&](const Connection&) { ++ended; });
  const uint32_t tcp = track.insert(masqueraded(tuple(0xc0a8010a, 1), 1), Time{0});
  CHECK(track.observe(tcp, true, wire::tcp_flags::Rst, Time{0}));
  const uint32_t udp = track.insert(masqueraded(tuple(0xc0a8010b, 2, wire::IpProtocol::Udp), 2), Time{0});
  track.observe(udp, false, 0, Time{0});
  track.observe(udp, true, 0, seconds(10));
  CHECK(track.at(udp).expires_at == seconds(40));
  // Nothing looks them up again: the next inserts reclaim them.
  for (uint16_t i = 0; i < 4; ++i)
    track.observe(track.insert(masqueraded(tuple(0xc0a8010c, i), i), seconds(200)), false, 0, seconds(200));
  CHECK(ended == 2);
}
