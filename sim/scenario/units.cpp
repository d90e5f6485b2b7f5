// Parsing of durations, rates, sizes and probabilities: a decimal number times
// a unit's integer factor, computed in integers so no value is ever rounded.
#include "sim/scenario/units.h"

#include <charconv>
#include <limits>

namespace netsim::scenario {

namespace {

using u128 = unsigned __int128;

struct Unit {
  std::string_view suffix;
  uint64_t factor;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// `number` (digits with at most one '.', at least one digit, no sign) times
// `factor`, when the product is a whole number no larger than `limit`.
std::optional<uint64_t> scale_decimal(std::string_view number, uint64_t factor, uint64_t limit) {
  const size_t dot = number.find('.');
  std::string_view whole = number.substr(0, dot);
  std::string_view fraction =
      dot == std::string_view::npos ? std::string_view{} : number.substr(dot + 1);
  if (whole.empty() && fraction.empty()) return std::nullopt;
  for (char c : whole)
    if (!is_digit(c)) return std::nullopt;
  for (char c : fraction)
    if (!is_digit(c)) return std::nullopt;
  while (!whole.empty() && whole.front() == '0') whole.remove_prefix(1);
  while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  // 19 digits keep every intermediate product below 2^128 (factor < 2^64).
  if (whole.size() > 19 || fraction.size() > 19) return std::nullopt;

  u128 value = 0;
  for (char c : whole) value = value * 10 + static_cast<unsigned>(c - '0');
  value *= factor;
  if (!fraction.empty()) {
    u128 digits = 0, denominator = 1;
    for (char c : fraction) {
      digits = digits * 10 + static_cast<unsigned>(c - '0');
      denominator *= 10;
    }
    const u128 scaled = digits * factor;
    if (scaled % denominator != 0) return std::nullopt;  // finer than the base unit
    value += scaled / denominator;
  }
  if (value > limit) return std::nullopt;
  return static_cast<uint64_t>(value);
}

// Splits "1.5ms" into number and unit at the first character that is neither
// a digit nor '.', then applies the unit named by the suffix (empty: `bare`).
std::optional<uint64_t> parse_with_units(std::string_view text, std::initializer_list<Unit> units,
                                         uint64_t bare, uint64_t limit) {
  size_t split = 0;
  while (split < text.size() && (is_digit(text[split]) || text[split] == '.')) ++split;
  const std::string_view number = text.substr(0, split), suffix = text.substr(split);
  if (suffix.empty()) return scale_decimal(number, bare, limit);
  for (const Unit& unit : units)
    if (unit.suffix == suffix) return scale_decimal(number, unit.factor, limit);
  return std::nullopt;
}

}  // namespace

std::optional<Time> parse_duration(std::string_view text) {
  constexpr uint64_t ns = 1, us = 1'000 * ns, ms = 1'000 * us, s = 1'000 * ms;
  const auto value = parse_with_units(text,
                                      {{"ns", ns},
                                       {"us", us},
                                       {"\u00b5s", us},
                                       {"ms", ms},
                                       {"s", s},
                                       {"m", 60 * s},
                                       {"h", 3600 * s}},
                                      s, static_cast<uint64_t>(kMaxDuration.count()));
  if (!value) return std::nullopt;
  return Time{static_cast<int64_t>(*value)};
}

std::optional<uint64_t> parse_rate(std::string_view text) {
  constexpr uint64_t k = 1'000, M = 1'000 * k, G = 1'000 * M, T = 1'000 * G;
  return parse_with_units(
      text, {{"bps", 1}, {"kbps", k}, {"Kbps", k}, {"Mbps", M}, {"Gbps", G}, {"Tbps", T}}, 1,
      std::numeric_limits<uint64_t>::max());
}

std::optional<uint64_t> parse_size(std::string_view text) {
  constexpr uint64_t k = 1'000, Ki = 1'024;
  return parse_with_units(text,
                          {{"B", 1},
                           {"KB", k},
                           {"kB", k},
                           {"KiB", Ki},
                           {"MB", k * k},
                           {"MiB", Ki * Ki},
                           {"GB", k * k * k},
                           {"GiB", Ki * Ki * Ki}},
                          1, std::numeric_limits<uint64_t>::max());
}

std::optional<double> parse_probability(std::string_view text) {
  const bool percent = !text.empty() && text.back() == '%';
  if (percent) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  for (char c : text)
    if (!is_digit(c) && c != '.') return std::nullopt;  // no sign, exponent, inf or nan
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  if (percent) value /= 100;
  if (!(value >= 0 && value <= 1)) return std::nullopt;
  return value;
}

}  // namespace netsim::scenario
