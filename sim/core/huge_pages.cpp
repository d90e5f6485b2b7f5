#include "sim/core/huge_pages.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace netsim {

bool back_heap_with_huge_pages(size_t bytes, size_t small) {
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  const int pad = static_cast<int>(bytes);
  // The heap grows by `bytes` at a time and is never trimmed below that, so
  // the one advice below covers all the memory a run takes from the heap;
  // blocks up to an eighth of it come from the heap too, not from mmap.
  // One arena: a helper thread's blocks (the YAML reader's) come from the
  // advised heap too, and its freed memory serves the run afterwards.
  if (mallopt(M_TOP_PAD, pad) != 1 || mallopt(M_TRIM_THRESHOLD, pad) != 1 ||
      mallopt(M_MMAP_THRESHOLD, pad / 8) != 1 || mallopt(M_ARENA_MAX, 1) != 1)
    return false;  // another allocator (a sanitizer's) stands in for glibc's
  const auto before = reinterpret_cast<uintptr_t>(sbrk(0));
  // More than the heap's free top, so malloc grows the heap now (by the pad).
  void* volatile grow = std::malloc(mallinfo2().keepcost + 4096);  // volatile: not elided
  std::free(grow);
  const auto after = reinterpret_cast<uintptr_t>(sbrk(0));
  // The first `small` bytes stay in 4 KiB pages: a run whose heap ends there
  // has few faults to save, and would pay up to a 2 MiB page of rounding.
  const uintptr_t from = (before + small + kHuge - 1) & ~(kHuge - 1);
  if (after <= from + kHuge) return false;
  return madvise(reinterpret_cast<void*>(from), after - from, MADV_HUGEPAGE) == 0;
}

}  // namespace netsim
