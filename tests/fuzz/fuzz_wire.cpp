// libFuzzer harness over every wire parser: the first byte picks one, the rest
// is its input. Parsers must reject anything malformed without UB (ASan and
// UBSan watch); the whole-frame decode and its text forms run on every input.
// Messages with variable structure (DHCP options, DNS sections) must also
// survive a round trip: what parses, emits to bytes that parse to the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "sim/wire/arp.h"
#include "sim/wire/bytes.h"
#include "sim/wire/dhcp.h"
#include "sim/wire/dns.h"
#include "sim/wire/ethernet.h"
#include "sim/wire/frame_info.h"
#include "sim/wire/icmp.h"
#include "sim/wire/ipv4.h"
#include "sim/wire/llc.h"
#include "sim/wire/stp.h"
#include "sim/wire/tcp.h"
#include "sim/wire/udp.h"

using namespace netsim::wire;

namespace {
// parse(emit(m)) == m for a message `m` that parsed.
template <typename Repr>
void round_trip(const std::optional<Repr>& m) {
  if (!m) return;
  std::vector<uint8_t> bytes(m->buffer_len());
  m->emit(bytes);
  const std::optional<Repr> again = Repr::parse(bytes);
  if (!again || !(*again == *m)) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::span<const uint8_t> in(data + 1, size - 1);
  // UDP and TCP: the pseudo header's addresses lead the input, so a seed from
  // a real packet keeps a valid checksum and the fuzzer gets past it.
  auto address = [&](size_t at) {
    return Ipv4Address{in.size() >= at + 4 ? load_be32(in.data() + at) : 0};
  };
  const Ipv4Address src = address(0), dst = address(4);
  const std::span<const uint8_t> segment = in.size() >= 8 ? in.subspan(8) : in.subspan(in.size());
  ParseError why{};
  switch (data[0] % 12) {
    case 0: (void)EthernetRepr::parse(in, &why); break;
    case 1: (void)ArpRepr::parse(in, &why); break;
    case 2: (void)Ipv4Repr::parse(in, &why); break;
    case 3: (void)Ipv4Repr::parse_quoted(in, &why); break;
    case 4: (void)IcmpRepr::parse(in, &why); break;
    case 5: (void)UdpRepr::parse(segment, src, dst, &why); break;
    case 6: (void)TcpRepr::parse(segment, src, dst, &why); break;
    case 7: (void)LlcRepr::parse(in, &why); break;
    case 8: (void)BpduRepr::parse(in, &why); break;
    case 9: round_trip(DhcpRepr::parse(in, &why)); break;
    case 10: round_trip(DnsMessage::parse(in, &why)); break;
    case 11:
      (void)DnsSummary::parse(in, &why);
      (void)dns_summary(in);
      (void)dns_line(in);
      break;
  }
  // The trace's path: one decode of the whole frame, then its summary and layers.
  const FrameInfo info = decode_frame(in);
  (void)summarize(in);
  (void)describe_layers(in);
  (void)info;
  return 0;
}
