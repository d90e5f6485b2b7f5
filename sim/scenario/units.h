// Text forms of the scenario's quantities: durations, rates, sizes and
// probabilities. Exact decimal arithmetic: "1.5ms" is 1'500'000 ns, never a
// double rounded. Each parser returns nullopt on text it does not accept.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "sim/core/time.h"

namespace netsim::scenario {

// The longest duration anything may be given (a delay, a stop time, a sleep,
// a timeout, --max-time): 10 years. Every time the run computes is a sum of
// a few of these, so it stays far below 2^63 ns (292 years) and simulated
// time never wraps to the past.
inline constexpr Time kMaxDuration = seconds(int64_t{10} * 365 * 24 * 3600);
// The largest sum the run makes: now (at most the run's limit, a duration)
// plus the longest delay (a duration, or 32 bits of seconds off the wire: a
// DHCP lease, a DNS TTL). The scheduler adds without saturating because of it.
static_assert(kMaxDuration.count() + seconds(UINT32_MAX).count() < kTimeNever.count() / 2);

// "250ns" "50us" "1.5ms" "2s" "1m" "1h"; a bare number is seconds ("0.2", "3").
// No sign, no exponent; a value finer than 1 ns or beyond kMaxDuration (10
// years) is refused.
std::optional<Time> parse_duration(std::string_view text);

// Bits per second, decimal SI: "100bps" "64kbps" "10Mbps" "1Gbps" "1Tbps"; a bare number is bps.
std::optional<uint64_t> parse_rate(std::string_view text);

// Bytes: "1500" "1500B" "2KB" (1000) "64KiB" (1024) "1MB" "1MiB" "1GB" "1GiB".
std::optional<uint64_t> parse_size(std::string_view text);

// A probability in [0, 1]: "0.01", "1", or a percentage "1%".
std::optional<double> parse_probability(std::string_view text);

}  // namespace netsim::scenario
