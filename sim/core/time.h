// Simulated time: integer nanoseconds since the start of the run. No floating
// point ever decides event order; text forms are parsed once, at load.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>

namespace netsim {

using Time = std::chrono::duration<int64_t, std::nano>;

constexpr Time nanoseconds(int64_t n) { return Time{n}; }
constexpr Time microseconds(int64_t n) { return Time{n * 1'000}; }
constexpr Time milliseconds(int64_t n) { return Time{n * 1'000'000}; }
constexpr Time seconds(int64_t n) { return Time{n * 1'000'000'000}; }

constexpr Time kTimeNever = Time{INT64_MAX};

// Time to serialize `bytes` at `bits_per_second`, rounded up to the next nanosecond.
constexpr Time transmission_time(uint64_t bytes, uint64_t bits_per_second) {
  if (bits_per_second == 0) return Time{0};
  const unsigned __int128 bits = static_cast<unsigned __int128>(bytes) * 8u * 1'000'000'000u;
  return Time{static_cast<int64_t>((bits + bits_per_second - 1) / bits_per_second)};
}

// "12.000340000": seconds with nine decimals, the trace's time column.
std::string format_time(Time t);
// Shortest readable form with a unit: "1.5ms", "2s", "250ns".
std::string format_duration(Time t);
// Seconds as a double, only for showing values to apps (time()) and people.
inline double to_seconds(Time t) { return static_cast<double>(t.count()) / 1e9; }

}  // namespace netsim
