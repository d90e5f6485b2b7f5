// Table state at time T from TableChange replay, forwards and backwards.
#include "viz/table_history.h"

#include <catch2/catch.hpp>

#include "synthetic.h"

using namespace netsim;
using namespace netsim::viz;

namespace {
Time ms(int64_t n) { return milliseconds(n); }
}  // namespace

TEST_CASE("tables at T replay the changes up to T, removals included") {
  Recording r;
  synthetic::Events ev;
  r.add(ev.table(ms(1), "r1", "arp", "10.0.0.2", "02:00:00:00:00:02"));
  r.add(ev.table(ms(2), "r1", "route", "10.1.0.0/16", "via 10.0.0.2 dev g1"));
  r.add(ev.table(ms(2), "sw1", "mac", "02:00:00:00:00:01", "p1"));
  r.add(ev.table(ms(3), "r1", "arp", "10.0.0.3", "02:00:00:00:00:03"));
  r.add(ev.table(ms(4), "r1", "arp", "10.0.0.2", ""));  // aged out
  r.add(ev.table(ms(5), "r1", "arp", "10.0.0.3", "02:00:00:00:00:33"));
  r.finish(ms(10));

  TableHistory h(r, r.find_name("r1"), 2);
  CHECK(h.at(ms(0)).empty());
  CHECK(h.at(ms(1)).at("arp").at("10.0.0.2") == "02:00:00:00:00:02");
  const Tables at3 = h.at(ms(3));
  CHECK(at3.at("arp").size() == 2);
  CHECK(at3.at("route").at("10.1.0.0/16") == "via 10.0.0.2 dev g1");
  CHECK(at3.count("mac") == 0);  // another node's table
  const Tables at5 = h.at(ms(5));
  CHECK(at5.at("arp").size() == 1);
  CHECK(at5.at("arp").at("10.0.0.3") == "02:00:00:00:00:33");
  // Back in time, through the checkpoints.
  CHECK(h.at(ms(1)).at("arp").size() == 1);
  CHECK(h.at(ms(2)).size() == 2);
  CHECK(h.at(ms(0)).empty());
  // Any order of seeks agrees with a fresh replay.
  for (int64_t t : {5, 0, 3, 4, 1, 5, 2}) {
    TableHistory fresh(r, r.find_name("r1"));
    CHECK(h.at(ms(t)) == fresh.at(ms(t)));
  }
  TableHistory sw(r, r.find_name("sw1"));
  CHECK(sw.at(ms(9)).at("mac").at("02:00:00:00:00:01") == "p1");
}
