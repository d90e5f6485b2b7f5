// --pcap DIR: one Ethernet capture per interface (DIR/NODE-IFACE.pcap), with
// nanosecond timestamps, holding every frame sent or received there, as
// tcpdump on that interface would see it. On a half-duplex link only frames
// that went out whole are captured: an attempt cut short by a collision is
// not (its FrameDropped names it), so the sender's capture shows each frame
// once, at the attempt that carried it.
#pragma once
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/trace/trace.h"

namespace netsim {

class PcapSink : public TraceSink {
 public:
  // `interfaces`: every node:iface pair, so interfaces with no traffic still get a file.
  PcapSink(std::string directory, const std::vector<std::pair<std::string, std::string>>& interfaces);
  ~PcapSink() override;
  void on_event(const TraceEvent& e) override;
  void finish(Time end) override;

 private:
  struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  using File = std::unique_ptr<std::FILE, FileCloser>;
  struct Capture {
    File file;
    // The last frame sent there, held back until it is known to have gone out
    // whole: written before the next record, dropped on a collision.
    std::vector<uint8_t> held;
    uint64_t held_uid = 0;
    bool holding = false;
  };
  Capture& capture_for(std::string_view node, std::string_view iface);
  static void write_held(Capture& c);

  std::string directory_;
  std::map<std::string, Capture, std::less<>> files_;  // "node-iface"
  std::string key_;                                  // reused lookup key
};

}  // namespace netsim
