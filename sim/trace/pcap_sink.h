// --pcap DIR: one Ethernet capture per interface (DIR/NODE-IFACE.pcap), with
// nanosecond timestamps, holding every frame sent or received there, as
// tcpdump on that interface would see it.
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
  std::FILE* file_for(std::string_view node, std::string_view iface);

  std::string directory_;
  std::map<std::string, File, std::less<>> files_;  // "node-iface"
  std::string key_;                                  // reused lookup key
};

}  // namespace netsim
