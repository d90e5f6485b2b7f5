#include "sim/scenario/expect_checker.h"

#include <algorithm>
#include <cmath>

#include "devices/ip_node.h"
#include "devices/switch.h"
#include "sim/net/csma_cd.h"
#include "sim/scenario/lang/interpreter.h"
#include "sim/scenario/dns_expect.h"
#include "sim/scenario/stp_expect.h"

namespace netsim::scenario {

namespace {

using lang::Value;
using lang::ValueKind;

bool value_equals(const Value& v, const ExpectedValue& x) {
  using K = ExpectedValue::Kind;
  switch (x.kind) {
    case K::None: return v.kind() == ValueKind::None;
    case K::Bool: return v.kind() == ValueKind::Bool && v.as_bool() == x.boolean;
    case K::Int:
      if (v.kind() == ValueKind::Int) return v.as_int() == x.integer;
      if (v.kind() == ValueKind::Float) return v.as_float() == static_cast<double>(x.integer);
      return false;
    case K::Float:
      if (v.kind() == ValueKind::Float) return v.as_float() == x.real;
      if (v.kind() == ValueKind::Int) return static_cast<double>(v.as_int()) == x.real;
      return false;
    case K::String:  // a str is compared as its UTF-8 bytes, so it equals str and bytes alike
      return (v.kind() == ValueKind::Str || v.kind() == ValueKind::Bytes) && v.text() == x.text;
    case K::List: {
      if (v.kind() != ValueKind::Tuple && v.kind() != ValueKind::List) return false;
      const auto& items = v.items();
      if (items.size() != x.items.size()) return false;
      for (size_t i = 0; i < items.size(); ++i)
        if (!value_equals(items[i], x.items[i])) return false;
      return true;
    }
  }
  return false;
}

std::optional<double> numeric(const Value& v) {
  if (v.kind() == ValueKind::Int) return static_cast<double>(v.as_int());
  if (v.kind() == ValueKind::Float) return v.as_float();
  if (v.kind() == ValueKind::Bool) return v.as_bool() ? 1.0 : 0.0;
  return std::nullopt;
}

std::string format_number(double d) {
  if (d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<int64_t>(d));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", d);
  return buf;
}

// " count 3", " min 1 max 5": a count expectation's bounds (frames, collisions).
std::string count_bounds(const ExpectSpec& x) {
  std::string s;
  if (x.count) s += " count " + std::to_string(*x.count);
  if (x.min) s += " min " + format_number(*x.min);
  if (x.max) s += " max " + format_number(*x.max);
  return s;
}

bool count_holds(const ExpectSpec& x, uint64_t n) {
  if (x.count && n != *x.count) return false;
  if (x.min && static_cast<double>(n) < *x.min) return false;
  return !x.max || static_cast<double>(n) <= *x.max;
}

}  // namespace

FrameWords::FrameWords(std::span<const uint8_t> frame)
    : info(wire::decode_frame(frame)), op(info.op()), type(info.type()), flags(info.flags()) {}

std::string_view FrameWords::detail() const {
  if (!op.empty()) return op;
  return type.empty() ? std::string_view(flags) : std::string_view(type);
}

bool frame_matches(const FrameFilter& f, const FrameWords& frame) {
  const wire::FrameInfo& info = frame.info;
  if (!f.proto.empty() && !info.has_proto(f.proto)) return false;
  if (!f.op.empty() && frame.op != f.op) return false;
  if (!f.type.empty() && frame.type != f.type) return false;
  if (!f.flags.empty() && frame.flags != f.flags) return false;
  if (f.src || f.dst || f.ttl) {
    // ARP's sender and target protocol addresses are its src and dst, as for
    // tcpdump's `src host`/`dst host`; ARP has no TTL.
    const bool arp = info.arp && !info.ip;
    if (!info.ip && !(arp && !f.ttl)) return false;
    const wire::Ipv4Address src = arp ? info.arp->sender_ip : info.ip->src;
    const wire::Ipv4Address dst = arp ? info.arp->target_ip : info.ip->dst;
    if (f.src && src != *f.src) return false;
    if (f.dst && dst != *f.dst) return false;
    if (f.ttl && info.ip->ttl != *f.ttl) return false;
  }
  if (f.src_port && info.src_port() != f.src_port) return false;
  if (f.dst_port && info.dst_port() != f.dst_port) return false;
  if (!f.qname.empty() && (!info.dns || !wire::dns_name_equal(info.qname(), f.qname))) return false;
  if (!f.rcode.empty() && info.rcode() != f.rcode) return false;
  if (f.vlan) {
    const bool untagged_only = *f.vlan == FrameFilter::kUntagged;
    if (untagged_only ? info.eth.vlan.has_value() : info.eth.vlan != *f.vlan) return false;
  }
  return true;
}

std::string sequence_word(const FrameWords& frame) {
  std::string word(frame.info.proto());
  if (const std::string_view detail = frame.detail(); !detail.empty()) (word += ' ') += detail;
  return word;
}

bool sequence_item_matches(const SequenceItem& item, const FrameWords& frame) {
  if (!frame.info.has_proto(item.proto)) return false;
  return item.detail.empty() || frame.op == item.detail || frame.type == item.detail ||
         frame.flags == item.detail;
}

ExpectChecker::ExpectChecker(Simulation& sim) : sim_(sim) {
  const auto& expects = sim.scenario().expects;
  outcomes_.resize(expects.size());
  watches_.resize(expects.size());
  for (size_t i = 0; i < expects.size(); ++i) {
    outcomes_[i].spec = &expects[i];
    const auto kind = expects[i].kind;
    watches_frames_ = watches_frames_ || kind == ExpectSpec::Kind::Frames || kind == ExpectSpec::Kind::Sequence;
    watches_output_ = watches_output_ || kind == ExpectSpec::Kind::AppPrinted;
    if (expects[i].at) sim.add_probe(*expects[i].at, [this, i] { check(i); });
  }
  sim.ctx().trace().add_sink(this);
}

bool ExpectChecker::streamed(const ExpectSpec& x) {
  using K = ExpectSpec::Kind;
  return x.kind == K::Frames || x.kind == K::Sequence || x.kind == K::AppPrinted;
}

void ExpectChecker::on_event(const TraceEvent& e) {
  if (watches_frames_ && (e.kind == TraceKind::FrameSent || e.kind == TraceKind::FrameReceived))
    watch_frame(e);
  else if (watches_output_ && e.kind == TraceKind::AppOutput)
    watch_output(e);
}

void ExpectChecker::watch_output(const TraceEvent& e) {
  const auto& expects = sim_.scenario().expects;
  for (size_t i = 0; i < expects.size(); ++i) {
    const ExpectSpec& x = expects[i];
    if (x.kind != ExpectSpec::Kind::AppPrinted || outcomes_[i].checked || e.iface != x.app) continue;
    FrameWatch& w = watches_[i];
    if (e.text.find(x.printed) != std::string_view::npos) ++w.count;
    if (w.seen.size() < 8) w.seen.emplace_back(e.text);
  }
}

void ExpectChecker::watch_frame(const TraceEvent& e) {
  const FrameWords frame(e.frame);
  const auto& expects = sim_.scenario().expects;
  for (size_t i = 0; i < expects.size(); ++i) {
    const ExpectSpec& x = expects[i];
    if (outcomes_[i].checked) continue;  // a timed entry already decided
    auto here = [&](const std::optional<EndpointSpec>& at) {
      if (!at) return e.kind == TraceKind::FrameSent;  // once per link crossed
      return e.node == at->node && e.iface == at->iface;
    };
    if (x.kind == ExpectSpec::Kind::Frames && here(x.tables().filter.at) && frame_matches(x.tables().filter, frame)) {
      ++watches_[i].count;
    } else if (x.kind == ExpectSpec::Kind::Sequence && here(x.tables().sequence_at)) {
      FrameWatch& w = watches_[i];
      if (w.seen.size() < 64) w.seen.push_back(sequence_word(frame));
      if (w.next_item < x.tables().sequence.size() && sequence_item_matches(x.tables().sequence[w.next_item], frame)) ++w.next_item;
    }
  }
}

void ExpectChecker::finish(Time) {
  for (size_t i = 0; i < outcomes_.size(); ++i)
    if (!outcomes_[i].checked && !outcomes_[i].spec->at) check(i);
}

size_t ExpectChecker::failed() const {
  size_t n = 0;
  for (const auto& o : outcomes_) n += o.checked && !o.passed;
  return n;
}

void ExpectChecker::check(size_t index) {
  ExpectOutcome& out = outcomes_[index];
  const ExpectSpec& x = *out.spec;
  std::string found;
  const FrameWatch& w = watches_[index];
  out.passed = x.kind == ExpectSpec::Kind::AppPrinted ? check_printed(w, found)
               : streamed(x)                          ? check_frames(x, w, found)
                                                      : check_state(x, found);
  out.checked = true;
  if (!out.passed) {
    std::string when = x.at ? " at " + format_duration(*x.at) : "";
    out.message = ScenarioError::format(sim_.scenario().file, x.loc, "expected " + describe(x) + when, "") +
                  ": found " + found;
  }
}

std::string ExpectChecker::describe(const ExpectSpec& x) const {
  using K = ExpectSpec::Kind;
  switch (x.kind) {
    case K::AppStatus: return "app " + x.app + " status " + x.status + (x.error.empty() ? "" : " (" + x.error + ")");
    case K::AppPrinted: return "app " + x.app + " printed a line containing \"" + x.printed + "\"";
    case K::AppVar: {
      std::string s = "app " + x.app + " var " + x.var;
      if (x.equals) s += " == " + x.equals->to_string();
      if (x.min) s += " >= " + format_number(*x.min);
      if (x.max) s += " <= " + format_number(*x.max);
      return s;
    }
    case K::Arp: return x.node + (x.tables().arp.empty() ? " ARP: any resolved entry" : " ARP entries");
    case K::MacTable: return x.node + " MAC table entries";
    case K::Ip: return x.node + " interface addresses";
    case K::Stp: return x.node + " spanning tree " + scenario::describe(x.tables().stp);
    case K::Route:
      return x.node + " route to " + x.tables().route_to.to_string() +
             (x.tables().route_via ? " via " + x.tables().route_via->to_string() : "") + (x.tables().route_dev.empty() ? "" : " dev " + x.tables().route_dev);
    case K::Frames: return "frames {" + x.tables().filter.text() + "}" + count_bounds(x);
    case K::Collisions: return x.node + " collisions" + count_bounds(x);
    case K::NatEntries: return x.node + " NAT entries" + count_bounds(x);
    case K::VsConnections: return x.node + " virtual server connections";
    case K::DnsCache: return x.node + " DNS cache entries";
    case K::Sequence: {
      std::string s = "sequence at " + x.tables().sequence_at->text() + ": [";
      for (size_t i = 0; i < x.tables().sequence.size(); ++i)
        s += (i ? ", " : "") + x.tables().sequence[i].proto + (x.tables().sequence[i].detail.empty() ? "" : " " + x.tables().sequence[i].detail);
      return s + "]";
    }
  }
  return "?";
}

bool ExpectChecker::check_printed(const FrameWatch& w, std::string& found) const {
  if (w.count > 0) return true;
  if (w.seen.empty()) {
    found = "no line printed";
    return false;
  }
  found = "lines printed: [";
  for (size_t i = 0; i < w.seen.size(); ++i) found += (i ? ", \"" : "\"") + w.seen[i] + "\"";
  found += w.seen.size() == 8 ? ", ...]" : "]";
  return false;
}

bool ExpectChecker::check_frames(const ExpectSpec& x, const FrameWatch& w, std::string& found) const {
  if (x.kind == ExpectSpec::Kind::Sequence) {
    if (w.next_item == x.tables().sequence.size()) return true;
    const SequenceItem& missing = x.tables().sequence[w.next_item];
    found = "matched " + std::to_string(w.next_item) + " of " + std::to_string(x.tables().sequence.size()) +
            " items; no '" + missing.proto + (missing.detail.empty() ? "" : " " + missing.detail) +
            "' after them. Frames there: [";
    for (size_t i = 0; i < w.seen.size(); ++i) found += (i ? ", " : "") + w.seen[i];
    found += w.seen.size() == 64 ? ", ...]" : "]";
    return false;
  }
  found = std::to_string(w.count) + " frames";
  return count_holds(x, w.count);
}

bool ExpectChecker::check_state(const ExpectSpec& x, std::string& found) {
  using K = ExpectSpec::Kind;
  const Time now = sim_.ctx().now();
  switch (x.kind) {
    case K::AppStatus: {
      const lang::RunningApp* app = sim_.find_app(x.app);
      std::string status(lang::to_string(app->status()));
      if (app->status() == lang::AppStatus::Failed) status += " (" + app->error_name() + ")";
      found = status;
      if (x.status == "running")  // not started yet counts as not running
        return app->status() == lang::AppStatus::Running;
      if (std::string_view(lang::to_string(app->status())) != x.status) return false;
      return x.error.empty() || app->error_name() == x.error;
    }
    case K::AppVar: {
      const lang::RunningApp* app = sim_.find_app(x.app);
      const Value* v = app->variable(x.var);
      if (!v) {
        found = "no variable '" + x.var + "' (app " + std::string(lang::to_string(app->status())) + ")";
        return false;
      }
      found = v->repr();
      if (x.equals && !value_equals(*v, *x.equals)) return false;
      if (x.min || x.max) {
        const auto n = numeric(*v);
        if (!n) return false;
        if (x.min && *n < *x.min) return false;
        if (x.max && *n > *x.max) return false;
      }
      return true;
    }
    case K::Arp: {
      auto* stack = devices::ip_stack(*sim_.find_node(x.node));
      if (x.tables().arp.empty()) {  // `arp: any`
        const auto rows = stack->arp_rows();
        const auto resolved = std::count_if(rows.begin(), rows.end(), [](const devices::ArpRow& r) {
          return r.state != devices::ArpState::Incomplete;
        });
        found = std::to_string(resolved) + " resolved entries";
        return resolved > 0;
      }
      bool ok = true;
      for (const auto& [ip, mac] : x.tables().arp) {
        const auto entry = stack->arp_lookup(ip);
        if (!entry || (mac && *entry != *mac)) {
          ok = false;
          found += ip.to_string() + " -> " + (entry ? entry->to_string() : "no entry") + "; ";
        }
      }
      return ok;
    }
    case K::MacTable: {
      auto* sw = devices::as_switch(*sim_.find_node(x.node));
      bool ok = true;
      const auto rows = sw ? sw->mac_table_rows(now) : std::vector<devices::MacTableRow>{};
      for (const auto& [mac, port] : x.tables().mac_table) {
        // Without a VLAN, any VLAN's table that has the MAC on that port will do.
        auto where = [&](bool on_port) {
          return std::find_if(rows.begin(), rows.end(), [&](const devices::MacTableRow& r) {
            return r.mac == mac && (!x.tables().mac_table_vlan || r.vlan == *x.tables().mac_table_vlan) &&
                   (!on_port || r.port == port);
          });
        };
        if (where(true) != rows.end()) continue;
        ok = false;
        const auto other = where(false);
        found += mac.to_string() + " -> " +
                 (other == rows.end() ? "no entry"
                                      : other->port + " (VLAN " + std::to_string(other->vlan) + ")") +
                 "; ";
      }
      return ok;
    }
    case K::Ip: {
      auto* stack = devices::ip_stack(*sim_.find_node(x.node));
      bool ok = true;
      for (const auto& [iface, prefix] : x.tables().ip) {
        const auto have = stack->interface_address(iface);
        if (have != prefix) {
          ok = false;
          found += iface + " " + (have ? have->to_string() : "none") + "; ";
        }
      }
      return ok;
    }
    case K::Route: {
      auto* stack = devices::ip_stack(*sim_.find_node(x.node));
      const devices::Route* r = stack->route_lookup(x.tables().route_to);
      if (!r) {
        found = "no route";
        return false;
      }
      found = stack->describe_route(*r);
      if (x.tables().route_via && r->via != x.tables().route_via) return false;
      if (!x.tables().route_via && x.tables().route_dev.empty() && r->via) return false;
      return x.tables().route_dev.empty() || stack->route_port_name(*r) == x.tables().route_dev;
    }
    case K::Stp: {
      const auto* sw = devices::as_switch(*sim_.find_node(x.node));
      if (!sw || !sw->stp()) {
        found = "no spanning tree";
        return false;
      }
      return stp_holds(x.tables().stp, sw->stp()->engine(), found);
    }
    case K::DnsCache: return dns_cache_holds(x, *sim_.find_node(x.node), found);
    case K::Collisions: {
      const uint64_t n = collisions_of(*sim_.find_node(x.node));
      found = std::to_string(n) + " collisions";
      return count_holds(x, n);
    }
    case K::NatEntries: {
      const uint64_t n = static_cast<uint64_t>(devices::ip_host(*sim_.find_node(x.node))->netfilter()->nat_entries());
      found = std::to_string(n) + " NAT entries";
      return count_holds(x, n);
    }
    case K::VsConnections: {
      const auto& made = devices::ip_host(*sim_.find_node(x.node))->netfilter()->vs_bindings();
      bool holds = true;
      for (const auto& [server, expected] : x.tables().vs_connections) {
        const auto it = made.find({server.address.value, server.port});
        const uint64_t n = it == made.end() ? 0 : static_cast<uint64_t>(it->second);
        found += (found.empty() ? "" : ", ") + devices::endpoint_text(server.address, server.port) + ": " + std::to_string(n);
        holds = holds && n == expected;
      }
      return holds;
    }
    case K::AppPrinted:
    case K::Frames:
    case K::Sequence:
      break;  // streamed: see check()
  }
  return false;
}

}  // namespace netsim::scenario
