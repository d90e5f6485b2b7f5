// Durations, rates, sizes and probabilities: exact values and refused text.
#include "sim/scenario/units.h"

#include <catch2/catch.hpp>

using namespace netsim;
using netsim::scenario::parse_duration;
using netsim::scenario::parse_probability;
using netsim::scenario::parse_rate;
using netsim::scenario::parse_size;

TEST_CASE("durations parse exactly in integer nanoseconds") {
  CHECK(parse_duration("250ns") == Time{250});
  CHECK(parse_duration("50us") == Time{50'000});
  CHECK(parse_duration("50\u00b5s") == Time{50'000});
  CHECK(parse_duration("1.5ms") == Time{1'500'000});
  CHECK(parse_duration("2s") == Time{2'000'000'000});
  CHECK(parse_duration("1m") == Time{60'000'000'000});
  CHECK(parse_duration("1h") == Time{3'600'000'000'000});
  CHECK(parse_duration("1.25h") == Time{4'500'000'000'000});
  CHECK(parse_duration("0") == Time{0});
  CHECK(parse_duration("0s") == Time{0});
  CHECK(parse_duration("3") == Time{3'000'000'000});
  CHECK(parse_duration("0.2") == Time{200'000'000});
  CHECK(parse_duration(".5s") == Time{500'000'000});
  CHECK(parse_duration("5.s") == Time{5'000'000'000});
  CHECK(parse_duration("1500ms") == Time{1'500'000'000});
  CHECK(parse_duration("0.000000001") == Time{1});
  CHECK(parse_duration("0.1") ==
        Time{100'000'000});  // 0.1 is not representable as a double; no matter
  CHECK(parse_duration("2.99s") == Time{2'990'000'000});
  CHECK(parse_duration("1.000000000000000000000s") ==
        Time{1'000'000'000});  // trailing zeros are exact
  CHECK(parse_duration("007ms") == Time{7'000'000});
  // The longest duration is 10 years; a nanosecond more is refused, so no
  // sum of a few durations can wrap past 2^63 ns.
  CHECK(parse_duration("87600h") == netsim::scenario::kMaxDuration);
  CHECK(parse_duration("315360000.000000000s") == netsim::scenario::kMaxDuration);
  CHECK_FALSE(parse_duration("315360000.000000001s"));
  CHECK_FALSE(parse_duration("9223372036.854775807s"));
}

TEST_CASE("durations refuse what they cannot hold exactly") {
  for (const char* bad : {"",
                          "s",
                          "ms",
                          ".",
                          ".s",
                          "5 parsecs",
                          "5 s",
                          " 5s",
                          "5s ",
                          "-1s",
                          "+1s",
                          "1e3",
                          "1e3ms",
                          "1.5.2s",
                          "1,5s",
                          "5sec",
                          "5S",
                          "5min",
                          "0.5ns",
                          "1.0000000001s",
                          "inf",
                          "nan",
                          "9223372036.854775808s",
                          "99999999999999999999h",
                          "1..2s",
                          "abc"}) {
    INFO(bad);
    CHECK_FALSE(parse_duration(bad));
  }
}

TEST_CASE("rates are decimal SI bits per second") {
  CHECK(parse_rate("100bps") == 100u);
  CHECK(parse_rate("64kbps") == 64'000u);
  CHECK(parse_rate("64Kbps") == 64'000u);
  CHECK(parse_rate("10Mbps") == 10'000'000u);
  CHECK(parse_rate("1Gbps") == 1'000'000'000u);
  CHECK(parse_rate("2.5Gbps") == 2'500'000'000u);
  CHECK(parse_rate("1.544Mbps") == 1'544'000u);
  CHECK(parse_rate("1Tbps") == 1'000'000'000'000u);
  CHECK(parse_rate("9600") == 9600u);
  CHECK(parse_rate("0") == 0u);
  for (const char* bad : {"", "Mbps", "10 Mbps", "10mbps", "10MBps", "10Mb", "1.5bps", "0.0001kbps",
                          "-1Mbps", "99999999999Gbps", "fast"}) {
    INFO(bad);
    CHECK_FALSE(parse_rate(bad));
  }
}

TEST_CASE("sizes: KB is 1000, KiB is 1024") {
  CHECK(parse_size("1500") == 1500u);
  CHECK(parse_size("1500B") == 1500u);
  CHECK(parse_size("2KB") == 2000u);
  CHECK(parse_size("2kB") == 2000u);
  CHECK(parse_size("64KiB") == 65'536u);
  CHECK(parse_size("1MB") == 1'000'000u);
  CHECK(parse_size("1MiB") == 1'048'576u);
  CHECK(parse_size("1.5KiB") == 1536u);
  CHECK(parse_size("1GB") == 1'000'000'000u);
  CHECK(parse_size("1GiB") == 1'073'741'824u);
  for (const char* bad : {"", "KB", "1 KB", "1kb", "1.5", "0.1KiB", "-1", "1TB", "big"}) {
    INFO(bad);
    CHECK_FALSE(parse_size(bad));
  }
}

TEST_CASE("probabilities lie in [0, 1]") {
  CHECK(parse_probability("0") == 0.0);
  CHECK(parse_probability("1") == 1.0);
  CHECK(parse_probability("0.01") == 0.01);
  CHECK(parse_probability("1%") == 0.01);
  CHECK(parse_probability("100%") == 1.0);
  CHECK(parse_probability(".5") == 0.5);
  for (const char* bad : {"", "%", "1.5", "101%", "-0.1", "1e-3", "nan", "inf", "half", "0.5 "}) {
    INFO(bad);
    CHECK_FALSE(parse_probability(bad));
  }
}
