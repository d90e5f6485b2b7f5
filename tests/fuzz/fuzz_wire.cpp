// libFuzzer harness over every wire parser: the first byte picks one, the rest
// is its input. Parsers must reject anything malformed without UB (ASan and
// UBSan watch); the whole-frame decode and its text forms run on every input.
#include <cstddef>
#include <cstdint>
#include <span>

#include "sim/wire/arp.h"
#include "sim/wire/bytes.h"
#include "sim/wire/ethernet.h"
#include "sim/wire/frame_info.h"
#include "sim/wire/icmp.h"
#include "sim/wire/ipv4.h"
#include "sim/wire/llc.h"
#include "sim/wire/stp.h"
#include "sim/wire/tcp.h"
#include "sim/wire/udp.h"

using namespace netsim::wire;

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
  switch (data[0] % 9) {
    case 0: (void)EthernetRepr::parse(in, &why); break;
    case 1: (void)ArpRepr::parse(in, &why); break;
    case 2: (void)Ipv4Repr::parse(in, &why); break;
    case 3: (void)Ipv4Repr::parse_quoted(in, &why); break;
    case 4: (void)IcmpRepr::parse(in, &why); break;
    case 5: (void)UdpRepr::parse(segment, src, dst, &why); break;
    case 6: (void)TcpRepr::parse(segment, src, dst, &why); break;
    case 7: (void)LlcRepr::parse(in, &why); break;
    case 8: (void)BpduRepr::parse(in, &why); break;
  }
  // The trace's path: one decode of the whole frame, then its summary and layers.
  const FrameInfo info = decode_frame(in);
  (void)summarize(in);
  (void)describe_layers(in);
  (void)info;
  return 0;
}
