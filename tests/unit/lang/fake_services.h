// Test double for AppServices: a real Scheduler, a resolver and ping/traceroute
// that answer after scheduled delays, and a record of prints and statuses.
// Also RunApp: parse steps from YAML text and run one App to the end.
#pragma once
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/scenario/lang/interpreter.h"
#include "sim/scenario/lang/parser.h"
#include "sim/scenario/lang/services.h"
#include "sim/scenario/yaml_tree.h"

namespace netsim::lang::test {

class FakeServices : public AppServices {
 public:
  Scheduler sched;
  std::vector<std::string> lines;     // "time app: line"
  std::vector<std::string> statuses;  // "time app: status"
  std::map<std::string, wire::Ipv4Address> names;
  Time resolve_delay = milliseconds(10);
  int ping_lost = 0;  // replies missing from each ping
  std::vector<std::string> hops{"192.168.1.1", "*", "10.0.0.2"};
  std::vector<std::string> ping_log;  // "dst count" per ping

  Scheduler& scheduler() override { return sched; }
  void print(std::string_view app, std::string_view line) override {
    lines.push_back(format_time(sched.now()) + " " + std::string(app) + ": " + std::string(line));
  }
  void app_status(std::string_view app, std::string_view status) override {
    statuses.push_back(format_time(sched.now()) + " " + std::string(app) + ": " +
                       std::string(status));
  }
  void resolve(std::string_view name, ResolveDone done) override {
    const auto it = names.find(std::string(name));
    std::optional<wire::Ipv4Address> answer;
    if (it != names.end()) answer = it->second;
    const size_t i = resolves_.size();
    resolves_.push_back(std::move(done));
    sched.schedule_in(resolve_delay, [this, i, answer] { resolves_[i](answer); });
  }
  // Echo requests one second apart, each answered or given up after a second.
  void ping(wire::Ipv4Address dst, int count, PingDone done) override {
    ping_log.push_back(dst.to_string() + " " + std::to_string(count));
    const size_t i = pings_.size();
    pings_.push_back(std::move(done));
    const int replies = std::max(0, count - ping_lost);
    sched.schedule_in(seconds(count), [this, i, replies] { pings_[i](replies); });
  }
  void traceroute(wire::Ipv4Address, int, TracerouteDone done) override {
    const size_t i = traceroutes_.size();
    traceroutes_.push_back(std::move(done));
    sched.schedule_in(seconds(static_cast<int64_t>(hops.size())),
                      [this, i] { traceroutes_[i](hops); });
  }

  // No sockets here: the socket tests run on real nodes (tests/unit/scenario).
  devices::SocketTable* sockets() override { return nullptr; }

  void run_until_idle() {
    while (sched.run_next()) {
    }
  }
  void run_until(Time t) {
    while (sched.next_time() <= t && sched.run_next()) {
    }
    sched.advance_to(t);
  }

 private:
  // Callbacks are too large to capture in an event: events carry an index.
  std::deque<ResolveDone> resolves_;
  std::deque<PingDone> pings_;
  std::deque<TracerouteDone> traceroutes_;
};

// One app parsed from YAML steps ("- x = 1\n- ...") and started at time 0.
struct RunApp {
  FakeServices services;
  Program program;
  std::unique_ptr<App> app;

  explicit RunApp(const std::string& steps_yaml, bool run_to_end = true)
      : RunApp(scenario::parse_yaml_tree(steps_yaml, "test.yaml").root(), run_to_end) {}
  // Statements as they are, with no YAML quoting to get right.
  explicit RunApp(const std::vector<std::string>& statements, bool run_to_end = true)
      : RunApp(sequence(statements).root(), run_to_end) {}

  RunApp(const scenario::YamlNode& steps, bool run_to_end) {
    program = parse_program(steps, "test.yaml");
    app = std::make_unique<App>("app", program, services);
    services.sched.schedule_at(Time{0}, [this] { app->start(); });
    if (run_to_end) services.run_until_idle();
  }

  // A sequence of untagged scalars with no place in a file.
  static scenario::YamlDocument sequence(const std::vector<std::string>& statements) {
    scenario::YamlDocument doc;
    scenario::YamlTree& t = doc.tree();
    using Kind = scenario::YamlTree::Kind;
    t.items.push_back({YAML::Mark::null_mark(), Kind::Sequence, YAML::EmitterStyle::Block, 0, 0,
                       static_cast<uint32_t>(statements.size())});
    for (const std::string& s : statements) {
      t.kids.push_back(static_cast<uint32_t>(t.items.size()));
      t.items.push_back({YAML::Mark::null_mark(), Kind::Scalar, YAML::EmitterStyle::Default, 0,
                         static_cast<uint32_t>(t.scalars.size()), 0});
      t.scalars.push_back(s);
    }
    return doc;
  }

  const Value& var(std::string_view name) const {
    const Value* v = app->variable(name);
    if (v == nullptr) throw std::runtime_error("no variable " + std::string(name));
    return *v;
  }
};

}  // namespace netsim::lang::test
