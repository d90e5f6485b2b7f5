// Layout: deterministic, inside its box, and `pos:` respected.
#include "viz/layout.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace netsim;
using namespace netsim::viz;

namespace {
// A small office: two LANs behind two routers.
Topology office(bool reversed = false) {
  Topology t;
  std::vector<std::pair<std::string, NodeKind>> nodes = {
      {"pc1", NodeKind::Host},   {"pc2", NodeKind::Host},  {"sw1", NodeKind::Switch},
      {"sw2", NodeKind::Switch}, {"r1", NodeKind::Router}, {"r2", NodeKind::Router}};
  if (reversed) std::reverse(nodes.begin(), nodes.end());
  for (auto& [name, kind] : nodes) t.nodes.push_back({name, kind, {}, {}});
  auto link = [&](const char* a, const char* ai, const char* b, const char* bi) {
    t.links.push_back({{*t.find_node(a), ai}, {*t.find_node(b), bi}});
  };
  link("pc1", "eth0", "sw1", "p1");
  link("sw1", "p2", "r1", "g0");
  link("r1", "g1", "r2", "g1");
  link("r2", "g0", "sw2", "p1");
  link("sw2", "p2", "pc2", "eth0");
  return t;
}
double distance(Point a, Point b) { return std::hypot(a.x - b.x, a.y - b.y); }
}  // namespace

TEST_CASE("layout is the same on every run and for any node order") {
  const Topology a = office(), b = office(true);
  const auto la = compute_layout(a, 1), la2 = compute_layout(a, 1), lb = compute_layout(b, 1);
  REQUIRE(la.size() == 6);
  for (size_t i = 0; i < la.size(); ++i) {
    CHECK(la[i].x == la2[i].x);
    CHECK(la[i].y == la2[i].y);
    const auto j = *b.find_node(a.nodes[i].name);
    CHECK(la[i].x == lb[j].x);
    CHECK(la[i].y == lb[j].y);
  }
}

TEST_CASE("layout spreads nodes apart and keeps neighbours closer than strangers") {
  const Topology t = office();
  const auto l = compute_layout(t, 1);
  double closest = INFINITY;
  for (size_t i = 0; i < l.size(); ++i)
    for (size_t j = i + 1; j < l.size(); ++j) closest = std::min(closest, distance(l[i], l[j]));
  CHECK(closest > 10);
  auto at = [&](const char* n) { return l[*t.find_node(n)]; };
  CHECK(distance(at("pc1"), at("sw1")) < distance(at("pc1"), at("pc2")));
}

TEST_CASE("fit_to_box keeps every point inside the box and the aspect ratio") {
  const std::vector<Point> points = {{-5, 0}, {5, 0}, {0, 2}, {1, -2}};
  const Box box{100, 50, 400, 300};
  const auto fitted = fit_to_box(points, box);
  for (const Point& p : fitted) {
    CHECK(p.x >= box.left - 1e-9);
    CHECK(p.x <= box.left + box.width + 1e-9);
    CHECK(p.y >= box.top - 1e-9);
    CHECK(p.y <= box.top + box.height + 1e-9);
  }
  // width 10 -> 400 px sets the scale (40); height 4 -> 160 px, centred.
  CHECK(fitted[0].x == Approx(100));
  CHECK(fitted[1].x == Approx(500));
  CHECK(fitted[2].y == Approx(280));
  CHECK(fitted[3].y == Approx(120));
  const auto single = fit_to_box({{7, 7}}, box);
  CHECK(single[0].x == Approx(300));
  CHECK(single[0].y == Approx(200));
}

TEST_CASE("pos: places every node when all have one") {
  Topology t = office();
  for (size_t i = 0; i < t.nodes.size(); ++i)
    t.nodes[i].pos = std::pair<double, double>{i * 10.0, i % 2 * 5.0};
  const auto l = compute_layout(t, 1);
  for (size_t i = 0; i < t.nodes.size(); ++i) {
    CHECK(l[i].x == i * 10.0);
    CHECK(l[i].y == i % 2 * 5.0);
  }
}

TEST_CASE("nodes without pos: land in the frame of those with one") {
  Topology t = office();
  t.nodes[*t.find_node("pc1")].pos = std::pair<double, double>{0, 0};
  t.nodes[*t.find_node("pc2")].pos = std::pair<double, double>{1000, 0};
  const auto l = compute_layout(t, 1);
  CHECK(l[*t.find_node("pc1")].x == 0);
  CHECK(l[*t.find_node("pc2")].x == 1000);
  // The routers sit between the two hosts in the force layout, so they do here too.
  for (const char* n : {"r1", "r2"}) {
    CHECK(l[*t.find_node(n)].x > 0);
    CHECK(l[*t.find_node(n)].x < 1000);
  }
}

TEST_CASE("a large network lays out deterministically with distinct positions") {
  Topology t;
  for (int i = 0; i < 300; ++i)
    t.nodes.push_back({"n" + std::to_string(i), NodeKind::Host, {}, {}});
  for (uint32_t i = 1; i < 300; ++i) t.links.push_back({{(i - 1) / 3, "up"}, {i, "eth0"}});
  const auto a = compute_layout(t, 7), b = compute_layout(t, 7);
  for (size_t i = 0; i < a.size(); ++i) CHECK((a[i].x == b[i].x && a[i].y == b[i].y));
  size_t coincident = 0;
  for (size_t i = 0; i < a.size(); ++i)
    for (size_t j = i + 1; j < a.size(); ++j) coincident += distance(a[i], a[j]) < 1e-6;
  CHECK(coincident == 0);
}

TEST_CASE("separate networks are laid out apart, each opened up") {
  // Two stars: hub1 with a1..a3, sw1 with b1..b3 (the hub-vs-switch scenario).
  Topology t;
  for (const char* n : {"a1", "a2", "a3", "b1", "b2", "b3", "hub1", "sw1"})
    t.nodes.push_back({n, NodeKind::Host, {}, {}});
  for (uint32_t i = 0; i < 3; ++i) t.links.push_back({{i, "eth0"}, {6, "p"}});
  for (uint32_t i = 3; i < 6; ++i) t.links.push_back({{i, "eth0"}, {7, "p"}});
  const auto l = compute_layout(t, 1);
  // No leaf hides behind another: the three spokes of a star point different ways.
  for (uint32_t hub : {6u, 7u}) {
    const uint32_t first = hub == 6 ? 0 : 3;
    for (uint32_t i = first; i < first + 3; ++i)
      for (uint32_t j = i + 1; j < first + 3; ++j) {
        const double ax = l[i].x - l[hub].x, ay = l[i].y - l[hub].y, bx = l[j].x - l[hub].x,
                     by = l[j].y - l[hub].y;
        const double cosine = (ax * bx + ay * by) / (std::hypot(ax, ay) * std::hypot(bx, by));
        CHECK(cosine < 0.9);
      }
  }
  // The two parts do not overlap.
  double a_right = -INFINITY, b_left = INFINITY;
  for (uint32_t i : {0u, 1u, 2u, 6u}) a_right = std::max(a_right, l[i].x);
  for (uint32_t i : {3u, 4u, 5u, 7u}) b_left = std::min(b_left, l[i].x);
  CHECK(a_right < b_left);
}

TEST_CASE("a chain comes out straight and left to right in name order") {
  Topology t = office();
  const auto l = compute_layout(t, 1);
  auto at = [&](const char* n) { return l[*t.find_node(n)]; };
  CHECK(at("pc1").x < at("pc2").x);
  double spread_y = 0;
  for (const Point& p : l) spread_y = std::max(spread_y, std::fabs(p.y - l[0].y));
  CHECK(spread_y < 0.1 * distance(at("pc1"), at("pc2")));
}

TEST_CASE("a symmetric loop of switches lays out in bounded time, its nodes apart") {
  // The spanning-tree failover example: Boost's tolerance alone never stops on it.
  Topology t;
  for (const char* n : {"h1", "h2", "s1", "s2", "s3"}) t.nodes.push_back({n, NodeKind::Host});
  auto link = [&](const char* a, const char* b) {
    t.links.push_back({{*t.find_node(a), "x"}, {*t.find_node(b), "y"}});
  };
  link("h1", "s2");
  link("h2", "s3");
  link("s1", "s2");
  link("s2", "s3");
  link("s3", "s1");
  const auto l = compute_layout(t, 1);
  for (size_t i = 0; i < l.size(); ++i)
    for (size_t j = i + 1; j < l.size(); ++j) CHECK(distance(l[i], l[j]) > 30);
  const auto again = compute_layout(t, 1);
  for (size_t i = 0; i < l.size(); ++i) CHECK((l[i].x == again[i].x && l[i].y == again[i].y));
}
