// The heap's huge-page advice: blocks malloc hands out afterwards lie in a
// mapping the kernel may back with 2 MiB pages.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "sim/core/huge_pages.h"

namespace {
// The "THPeligible" line of the mapping holding `address` in /proc/self/smaps.
std::string thp_eligible(const void* address) {
  std::ifstream smaps("/proc/self/smaps");
  const auto at = reinterpret_cast<uintptr_t>(address);
  bool inside = false;
  for (std::string line; std::getline(smaps, line);) {
    uintptr_t from = 0, to = 0;
    char dash = 0;
    std::istringstream range(line);
    if (range >> std::hex >> from >> dash >> to && dash == '-' && line.find(':') > line.find(' ')) {
      inside = from <= at && at < to;
    } else if (inside && line.starts_with("THPeligible:")) {
      return line;
    }
  }
  return "";
}
bool thp_never() {
  std::ifstream mode("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string text((std::istreambuf_iterator<char>(mode)), std::istreambuf_iterator<char>());
  return text.empty() || text.find("[never]") != std::string::npos;
}
}  // namespace

TEST_CASE("after the advice, the heap's new blocks may be backed by huge pages") {
  if (!netsim::back_heap_with_huge_pages(size_t{64} << 20)) {
    SUCCEED("no glibc brk heap here (a sanitizer's allocator)");
    return;
  }
  // Its start may lie below the first huge page boundary of the advice; its end does not.
  char* volatile block = static_cast<char*>(std::malloc(size_t{3} << 20));
  const std::string line = thp_eligible(block + (size_t{3} << 20) - 1);
  if (!thp_never() && !line.empty()) CHECK(line.find('1') != std::string::npos);
  std::free(block);
}
