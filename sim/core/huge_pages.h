// Backs the malloc heap with transparent huge pages where the kernel offers
// them only on request (THP "madvise" mode, Debian's default): a run touches
// tens of megabytes of fresh heap, and on a virtual machine each 4 KiB first
// touch is a costly trap. glibc's own switch for this (the tunable
// glibc.malloc.hugetlb=1) can only be set in the environment of a process
// before it starts.
#pragma once
#include <cstddef>

namespace netsim {

// Reserves `bytes` of address space at the heap's top (virtual: nothing is
// touched) and advises huge pages for it, past its first `small` bytes.
// Returns whether the advice took.
bool back_heap_with_huge_pages(size_t bytes, size_t small = 0);

}  // namespace netsim
