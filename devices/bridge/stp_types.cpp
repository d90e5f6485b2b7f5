// Spanning-tree words, path costs and port numbers.
#include "devices/bridge/stp_types.h"

#include <algorithm>
#include <set>

namespace netsim::devices {

std::string_view to_string(StpMode mode) { return mode == StpMode::Rstp ? "rstp" : "stp"; }

std::string_view to_string(PortRole role) {
  switch (role) {
    case PortRole::Disabled: return "disabled";
    case PortRole::Root: return "root";
    case PortRole::Designated: return "designated";
    case PortRole::Alternate: return "alternate";
    case PortRole::Backup: return "backup";
  }
  return "disabled";
}

uint32_t stp_path_cost(uint64_t bandwidth_bps) {
  if (bandwidth_bps >= 10'000'000'000ull) return 2;
  if (bandwidth_bps >= 1'000'000'000ull) return 4;
  if (bandwidth_bps >= 100'000'000ull) return 19;
  return 100;
}

namespace {
constexpr uint32_t kMaxPortNumber = 0x0fff;  // 12 bits in an 802.1D-2004 port ID

// The number `name` ends with, or 0 when it ends with no digit.
uint32_t trailing_number(const std::string& name) {
  size_t start = name.size();
  while (start > 0 && name[start - 1] >= '0' && name[start - 1] <= '9') --start;
  uint32_t n = 0;
  for (size_t i = start; i < name.size() && n <= kMaxPortNumber; ++i)
    n = n * 10 + static_cast<uint32_t>(name[i] - '0');
  return n;
}
}  // namespace

std::vector<uint16_t> stp_port_numbers(const std::vector<std::string>& names) {
  std::vector<uint16_t> numbers(names.size(), 0);
  std::set<uint32_t> taken;
  std::vector<size_t> later;  // indices numbered after the rest, in name order
  for (size_t i = 0; i < names.size(); ++i) {
    const uint32_t n = trailing_number(names[i]);
    if (n == 0 || n > kMaxPortNumber || !taken.insert(n).second) {
      later.push_back(i);
      continue;
    }
    numbers[i] = static_cast<uint16_t>(n);
  }
  std::sort(later.begin(), later.end(), [&](size_t a, size_t b) { return names[a] < names[b]; });
  uint32_t next = taken.empty() ? 1 : *taken.rbegin() + 1;
  for (size_t i : later) numbers[i] = static_cast<uint16_t>(next++ & kMaxPortNumber);
  return numbers;
}

}  // namespace netsim::devices
