#include "sim/trace/pcap_sink.h"

#include <cstdint>
#include <stdexcept>


namespace netsim {

namespace {
constexpr uint32_t kMagicNanoseconds = 0xa1b23c4d;
constexpr uint32_t kLinkTypeEthernet = 1;
constexpr uint32_t kSnapLength = 262144;

// pcap headers are in the writer's byte order; we write little-endian explicitly.
void put_le32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}
void put_le16(uint8_t* p, uint16_t v) {
  p[0] = static_cast<uint8_t>(v);
  p[1] = static_cast<uint8_t>(v >> 8);
}
}  // namespace

PcapSink::PcapSink(std::string directory, const std::vector<std::pair<std::string, std::string>>& interfaces)
    : directory_(std::move(directory)) {
  for (const auto& [node, iface] : interfaces) capture_for(node, iface);
}

PcapSink::~PcapSink() = default;

PcapSink::Capture& PcapSink::capture_for(std::string_view node, std::string_view iface) {
  key_.assign(node);
  (key_ += '-') += iface;
  auto it = files_.find(key_);
  if (it != files_.end()) return it->second;
  const std::string path = directory_ + "/" + key_ + ".pcap";
  File f(std::fopen(path.c_str(), "wb"));
  if (!f) throw std::runtime_error("cannot write " + path);
  uint8_t header[24];
  put_le32(header, kMagicNanoseconds);
  put_le16(header + 4, 2);   // version 2.4
  put_le16(header + 6, 4);
  put_le32(header + 8, 0);   // thiszone
  put_le32(header + 12, 0);  // sigfigs
  put_le32(header + 16, kSnapLength);
  put_le32(header + 20, kLinkTypeEthernet);
  std::fwrite(header, 1, sizeof header, f.get());
  Capture c;
  c.file = std::move(f);
  return files_.emplace(key_, std::move(c)).first->second;
}

void PcapSink::write_held(Capture& c) {
  if (c.holding) std::fwrite(c.held.data(), 1, c.held.size(), c.file.get());
  c.holding = false;
}

void PcapSink::on_event(const TraceEvent& e) {
  if (e.kind == TraceKind::FrameDropped) {
    if (e.reason != DropReason::Collision && e.reason != DropReason::ExcessiveCollisions) return;
    Capture& c = capture_for(e.node, e.iface);
    if (c.holding && c.held_uid == e.frame_uid) c.holding = false;  // never went out whole
    return;
  }
  if (e.kind != TraceKind::FrameSent && e.kind != TraceKind::FrameReceived) return;
  Capture& c = capture_for(e.node, e.iface);
  write_held(c);
  const int64_t ns = e.time.count();
  uint8_t record[16];
  put_le32(record, static_cast<uint32_t>(ns / 1'000'000'000));
  put_le32(record + 4, static_cast<uint32_t>(ns % 1'000'000'000));
  put_le32(record + 8, static_cast<uint32_t>(e.frame.size()));
  put_le32(record + 12, static_cast<uint32_t>(e.frame.size()));
  if (e.kind == TraceKind::FrameReceived) {
    std::fwrite(record, 1, sizeof record, c.file.get());
    std::fwrite(e.frame.data(), 1, e.frame.size(), c.file.get());
    return;
  }
  c.held.assign(record, record + sizeof record);  // keeps its capacity: no allocation per frame
  c.held.insert(c.held.end(), e.frame.begin(), e.frame.end());
  c.held_uid = e.frame_uid;
  c.holding = true;
}

void PcapSink::finish(Time) {
  for (auto& [name, c] : files_) {
    write_held(c);
    std::fflush(c.file.get());
  }
}

}  // namespace netsim
