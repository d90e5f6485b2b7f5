#include "sim/core/time.h"

#include <cstdio>

namespace netsim {

std::string format_time(Time t) {
  const int64_t ns = t.count();
  const char* sign = ns < 0 ? "-" : "";
  const uint64_t abs = ns < 0 ? static_cast<uint64_t>(-ns) : static_cast<uint64_t>(ns);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s%llu.%09llu", sign,
                static_cast<unsigned long long>(abs / 1'000'000'000),
                static_cast<unsigned long long>(abs % 1'000'000'000));
  return buf;
}

std::string format_duration(Time t) {
  struct Unit { int64_t ns; const char* name; };
  static constexpr Unit units[] = {{3'600'000'000'000, "h"}, {60'000'000'000, "m"},
                                   {1'000'000'000, "s"},     {1'000'000, "ms"},
                                   {1'000, "us"},            {1, "ns"}};
  const int64_t ns = t.count();
  if (ns == 0) return "0s";
  for (const Unit& u : units) {
    if (ns % u.ns == 0) return std::to_string(ns / u.ns) + u.name;
    if (ns >= u.ns && u.ns >= 1'000 && u.ns <= 1'000'000'000) {
      // Not a whole number of this unit: show up to three decimals of it.
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(ns) / static_cast<double>(u.ns));
      std::string s = buf;
      while (s.back() == '0') s.pop_back();
      if (s.back() == '.') s.pop_back();
      return s + u.name;
    }
  }
  return std::to_string(ns) + "ns";
}

}  // namespace netsim
