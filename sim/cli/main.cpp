// netsim: run, check and test scenario files. Exit codes: 0 all expectations
// held, 1 an expectation failed, 2 the input (file or command line) is wrong.

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sim/core/huge_pages.h"
#include "sim/cli/manual.h"
#include "sim/cli/options.h"
#include "sim/cli/plugins.h"
#include "sim/cli/run_watch.h"
#include "sim/cli/stats_output.h"
#include "sim/cli/viz_flags.h"
#include "sim/scenario/app_failures.h"
#include "sim/scenario/expect_checker.h"
#include "sim/scenario/loader.h"
#include "sim/scenario/simulation.h"
#include "sim/scenario/units.h"
#include "sim/trace/fingerprint_sink.h"
#include "sim/trace/jsonl_sink.h"
#include "sim/trace/pcap_sink.h"
#include "sim/trace/text_sink.h"

namespace netsim::cli {

namespace {

#ifdef NETSIM_VIZ
// `animate` and `plot` run in the SFML plug-in netsim-viz.so (sim/cli/viz_plugin.cpp).
int run_viz_command(const char* symbol, const std::string& command, const std::vector<std::string>& args) {
  using Entry = int (*)(const std::vector<std::string>*);
  const auto entry = reinterpret_cast<Entry>(plugin_function(
      "netsim-viz.so", symbol, "netsim " + command,
      "install netsim whole (cmake --install, or the Debian package), built with SFML 2.5 (-DNETSIM_VIZ=ON)"));
  return entry(&args);
}
#endif

constexpr int kExitOk = 0, kExitFailed = 1, kExitBadInput = 2;

const std::vector<FlagSpec> kRunFlags = {
    {"--stop", "T", "stop at simulated time T (e.g. 30s), overriding the file's stop"},
    {"--seed", "N", "random seed, overriding the file's seed"},
    {"--trace", "FORMAT", "text (default), jsonl or none"},
    {"--explain", "", "add each device's decision to the trace"},
    {"--pcap", "DIR", "write one pcap per interface: DIR/NODE-IFACE.pcap"},
    {"--max-events", "N", "stop after N events"},
    {"--keep-files", "DIR", "keep what Python programs write in DIR (default: a scratch folder, removed)"},
    {"--max-time", "T", "never run past simulated time T (default 1h)"},
    {"--fingerprint", "", "print a hash of every frame sent, received and dropped (regression checks)"},
    {"--stats", "", "print per-link, per-port, per-TCP-connection and per-app numbers at the end"},
    {"--stats-out", "FILE", "write those numbers to FILE.csv or FILE.json"},
    {"--help", "", "show this help"},
};

const std::vector<FlagSpec> kCheckFlags = {{"--help", "", "show this help"}};
const std::vector<FlagSpec> kTestFlags = {
    {"--timeout", "T", "fail a scenario whose run takes longer than T of wall-clock time (e.g. 60s)"},
    {"--help", "", "show this help"},
};

// Every command: --help, the man page and the bash completion are made from this table.
std::vector<CommandSpec> commands() {
  std::vector<CommandSpec> c = {
      {"run", "FILE.yaml [options]", "run a scenario, print its trace, check its expectations", &kRunFlags},
      {"check", "FILE.yaml", "validate a scenario without running it", &kCheckFlags},
      {"test", "[PATH...]", "run every scenario with `expect` under PATHs (default: ./scenarios, else the installed examples)", &kTestFlags},
  };
#ifdef NETSIM_VIZ
  c.push_back({"animate", "FILE.yaml", "watch the packets flow (SFML window)", &animate_flags()});
  c.push_back({"plot", "FILE.yaml --what W", "chart cwnd, throughput, queue or rtt over time (PNG)", &plot_flags()});
#endif
  return c;
}

const char* kUsageTail =
    "\n"
    "`netsim COMMAND --help` shows a command's options; `netsim --version` the version.\n"
    "exit codes: 0 every expectation held, 1 an expectation failed or an app died of an uncaught error,\n"
    "            2 bad input, 130 interrupted\n"
    "documentation: docs/README.md (scenario format, app language) in the source tree,\n"
    "               /usr/share/doc/netsim when installed; man netsim\n";

scenario::RunOptions run_options(const ParsedArgs& args) {
  scenario::RunOptions o;
  auto duration = [&](const char* flag) -> std::optional<Time> {
    auto v = args.get(flag);
    if (!v) return std::nullopt;
    auto t = scenario::parse_duration(*v);
    if (!t)
      throw UsageError{std::string(flag) + " '" + clip(*v) +
                       "' is not a duration (e.g. 30s, 1.5ms, 2m; at most 87600h, 10 years)"};
    return t;
  };
  // Digits only: stoull would take "-1" as 2^64-1 and " 7" as 7.
  auto number = [&](const char* flag) -> std::optional<uint64_t> {
    auto v = args.get(flag);
    if (!v) return std::nullopt;
    uint64_t n = 0;
    const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (v->empty() || !std::isdigit(static_cast<unsigned char>(v->front())) ||
        end != v->data() + v->size() || ec != std::errc{})
      throw UsageError{std::string(flag) + " '" + clip(*v) +
                       "' is not a whole number from 0 to 18446744073709551615"};
    return n;
  };
  o.stop = duration("--stop");
  o.seed = number("--seed");
  if (auto t = duration("--max-time")) o.max_time = *t;
  if (auto n = number("--max-events")) o.max_events = *n;
  if (auto dir = args.get("--keep-files")) o.keep_files = *dir;
  return o;
}

int report(const scenario::ExpectChecker& checker, const scenario::Simulation& sim, std::FILE* out) {
  size_t passed = 0;
  for (const auto& o : checker.outcomes()) {
    if (o.passed) {
      ++passed;
    } else {
      std::fprintf(out, "FAIL %s\n", o.message.c_str());
    }
  }
  const size_t failed = checker.outcomes().size() - passed;
  if (!checker.outcomes().empty()) std::fprintf(out, "expect: %zu passed, %zu failed\n", passed, failed);
  const auto uncaught = scenario::unexpected_app_failures(sim);
  for (const std::string& m : uncaught) std::fprintf(out, "FAIL %s\n", m.c_str());
  return failed == 0 && uncaught.empty() ? kExitOk : kExitFailed;
}

// Ctrl-C or SIGTERM ended the run: no expectation was decided.
int report_interrupted(const scenario::Scenario& sc, Time at, std::FILE* out) {
  for (const auto& e : sc.expects)
    std::fprintf(out, "NOT REACHED %s:%d:%d: expectation not checked (run interrupted at %s)\n",
                 sc.file.c_str(), e.loc.line, e.loc.col, format_time(at).c_str());
  std::fprintf(out, "# interrupted at simulated %s\n", format_time(at).c_str());
  return kExitInterrupted;
}

int cmd_run(const std::vector<std::string>& argv) {
  const ParsedArgs args = parse_args(argv, kRunFlags);
  if (args.has("--help")) {
    std::printf("usage: netsim run FILE.yaml [options]\n\n%s", flag_help(kRunFlags).c_str());
    return kExitOk;
  }
  if (args.positional.size() != 1) throw UsageError{"run takes exactly one scenario file"};
  const std::string format = args.get("--trace").value_or("text");
  if (format != "text" && format != "jsonl" && format != "none")
    throw UsageError{"--trace '" + clip(format) + "' is not one of text, jsonl, none"};
  const scenario::RunOptions options = run_options(args);

  const scenario::Scenario sc = scenario::load_scenario_file(args.positional[0]);
  for (const std::string& w : sc.warnings) std::fprintf(stderr, "%s\n", w.c_str());
  // The progress line would tear a trace printed on the same terminal.
  RunWatch watch(std::nullopt, format == "none" || isatty(STDOUT_FILENO) == 0);
  scenario::Simulation sim(sc, with_watch(options, watch));
  sim.ctx().trace().add_sink(&watch);
  const bool explain = args.has("--explain");
  TextTraceSink text(stdout, format == "text", explain);
  JsonlTraceSink jsonl(stdout, explain);
  if (format == "jsonl") {
    sim.ctx().trace().add_sink(&jsonl);
  } else {
    sim.ctx().trace().add_sink(&text);
  }
  std::unique_ptr<PcapSink> pcap;
  if (auto dir = args.get("--pcap")) {
    std::error_code ec;
    std::filesystem::create_directories(*dir, ec);
    if (ec) throw UsageError{"--pcap: cannot create directory '" + *dir + "': " + ec.message()};
    pcap = std::make_unique<PcapSink>(*dir, sim.interfaces());
    sim.ctx().trace().add_sink(pcap.get());
  }
  FingerprintSink fingerprint;
  if (args.has("--fingerprint")) sim.ctx().trace().add_sink(&fingerprint);
  StatsSink stats;
  const auto stats_file = args.get("--stats-out");
  if (stats_file) check_stats_file(*stats_file);
  if (args.has("--stats") || stats_file) sim.ctx().trace().add_sink(&stats);
  scenario::ExpectChecker checker(sim);
  std::FILE* info = format == "jsonl" ? stderr : stdout;
  if (format == "text") {
    std::fprintf(info, "# %s\n", sc.name.c_str());
  }
  const scenario::StopReason reason = sim.run();
  std::fprintf(info, "# ended at %s: %s (%llu events)\n", format_time(sim.end_time()).c_str(),
               std::string(to_string(reason)).c_str(),
               static_cast<unsigned long long>(sim.ctx().scheduler().events_run()));
  if (args.has("--fingerprint")) std::fprintf(info, "# fingerprint %s\n", fingerprint.hex().c_str());
  if (args.has("--stats") || stats_file)
    write_stats(stats, sim.end_time(), args.has("--stats") ? info : nullptr, stats_file);
  if (reason == scenario::StopReason::Interrupted) return report_interrupted(sc, sim.end_time(), info);
  return report(checker, sim, info);
}

int cmd_check(const std::vector<std::string>& argv) {
  const ParsedArgs args = parse_args(argv, kCheckFlags);
  if (args.has("--help") || args.positional.size() != 1) {
    std::printf("usage: netsim check FILE.yaml\n\nValidates the scenario (and builds its network) without running it.\n");
    if (!args.has("--help")) throw UsageError{"check takes exactly one scenario file"};
    return kExitOk;
  }
  const scenario::Scenario sc = scenario::load_scenario_file(args.positional[0]);
  for (const std::string& w : sc.warnings) std::fprintf(stderr, "%s\n", w.c_str());
  scenario::Simulation sim(sc, {});
  std::printf("%s: ok (%zu nodes, %zu links, %zu apps, %zu expectations)\n", args.positional[0].c_str(),
              sc.nodes.size(), sc.links.size(), sc.apps.size(), sc.expects.size());
  return kExitOk;
}

std::vector<std::string> scenario_files(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (const auto& entry : std::filesystem::recursive_directory_iterator(p))
        if (entry.is_regular_file() && (entry.path().extension() == ".yaml" || entry.path().extension() == ".yml"))
          found.push_back(entry.path().string());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (std::filesystem::exists(p, ec)) {
      files.push_back(p);
    } else {
      throw UsageError{"no such file or directory: '" + clip(p) + "'"};
    }
  }
  return files;
}

// `netsim test` alone: ./scenarios in a source tree, else the examples a
// package installed beside the binary (BIN/../share/netsim/scenarios).
std::string default_scenarios() {
  std::error_code ec;
  if (std::filesystem::is_directory("scenarios", ec)) return "scenarios";
  const auto installed =
      std::filesystem::read_symlink("/proc/self/exe", ec).parent_path().parent_path() / "share/netsim/scenarios";
  return !ec && std::filesystem::is_directory(installed, ec) ? installed.string() : "scenarios";
}

int cmd_test(const std::vector<std::string>& argv) {
  const ParsedArgs args = parse_args(argv, kTestFlags);
  if (args.has("--help")) {
    std::printf("usage: netsim test [PATH...] [options]\n\nRuns every scenario with `expect` found under the PATHs "
                "(default: ./scenarios, else the installed examples), one line each,\nthen 'N passed, N failed'.\n\n%s",
                flag_help(kTestFlags).c_str());
    return kExitOk;
  }
  std::optional<std::chrono::nanoseconds> timeout;
  if (const auto v = args.get("--timeout")) {
    const auto t = scenario::parse_duration(*v);
    if (!t || *t == Time{0})
      throw UsageError{"--timeout '" + clip(*v) + "' is not a positive duration (e.g. 60s)"};
    timeout = *t;
  }
  bool interrupted = false;
  const auto files = scenario_files(args.positional.empty() ? std::vector<std::string>{default_scenarios()} : args.positional);
  size_t passed = 0, failed = 0, invalid = 0;
  for (const std::string& file : files) {
    const auto started = std::chrono::steady_clock::now();
    try {
      const scenario::Scenario sc = scenario::load_scenario_file(file);
      if (sc.expects.empty()) continue;
      RunWatch watch(timeout, false);
      scenario::Simulation sim(sc, with_watch({}, watch));
      scenario::ExpectChecker checker(sim);
      const scenario::StopReason reason = sim.run();
      const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      if (reason == scenario::StopReason::Interrupted) {
        ++failed;
        if (!watch.timed_out()) {
          std::printf("INTERRUPTED %s (at simulated %s)\n", file.c_str(), format_time(sim.end_time()).c_str());
          interrupted = true;
          break;
        }
        std::printf("FAIL %s (timed out: %.1fs of wall-clock time, at simulated %s)\n", file.c_str(), wall,
                    format_time(sim.end_time()).c_str());
      } else if (const auto uncaught = scenario::unexpected_app_failures(sim);
                 checker.failed() == 0 && uncaught.empty()) {
        ++passed;
        std::printf("PASS %s (%zu checks, %.2fs)\n", file.c_str(), checker.outcomes().size(), wall);
      } else {
        ++failed;
        std::printf("FAIL %s (%zu of %zu checks failed%s)\n", file.c_str(), checker.failed(),
                    checker.outcomes().size(), uncaught.empty() ? "" : ", an app failed");
        for (const auto& o : checker.outcomes())
          if (!o.passed) std::printf("     %s\n", o.message.c_str());
        for (const std::string& m : uncaught) std::printf("     %s\n", m.c_str());
      }
    } catch (const ScenarioError& e) {
      ++failed;
      ++invalid;
      std::printf("FAIL %s (invalid)\n     %s\n", file.c_str(), e.what());
    } catch (const std::exception& e) {  // one broken run never hides the others' results
      ++failed;
      std::printf("FAIL %s (error)\n     %s\n", file.c_str(), e.what());
    }
    std::fflush(stdout);
  }
  std::printf("%zu passed, %zu failed\n", passed, failed);
  if (interrupted) return kExitInterrupted;
  if (invalid) return kExitBadInput;
  return failed == 0 ? kExitOk : kExitFailed;
}

int dispatch(const std::vector<std::string>& args) {
  if (args.size() == 1 && args[0] == "--version") {
    std::printf("netsim %s\n", NETSIM_VERSION);
    return kExitOk;
  }
  // For the build: the man page and the bash completion, from the command table.
  if (args.size() == 2 && args[0] == "help" && args[1] == "--man") {
    std::fputs(man_page(commands(), NETSIM_VERSION).c_str(), stdout);
    return kExitOk;
  }
  if (args.size() == 2 && args[0] == "help" && args[1] == "--bash-completion") {
    std::fputs(bash_completion(commands()).c_str(), stdout);
    return kExitOk;
  }
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    const std::string usage = "usage: netsim COMMAND [ARGS]\n\n" + command_help(commands()) + kUsageTail;
    std::fputs(usage.c_str(), args.empty() ? stderr : stdout);
    return args.empty() ? kExitBadInput : kExitOk;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "run") return cmd_run(rest);
  if (args[0] == "check") return cmd_check(rest);
  if (args[0] == "test") return cmd_test(rest);
  if (args[0] == "animate") {
#ifdef NETSIM_VIZ
    return run_viz_command("netsim_viz_animate", "animate", rest);
#else
    throw UsageError{"this netsim was built without the animation (configure with -DNETSIM_VIZ=ON and SFML 2.5)"};
#endif
  }
  if (args[0] == "plot") {
#ifdef NETSIM_VIZ
    return run_viz_command("netsim_viz_plot", "plot", rest);
#else
    throw UsageError{"this netsim was built without the charts (configure with -DNETSIM_VIZ=ON and SFML 2.5)"};
#endif
  }
  throw UsageError{"unknown command '" + clip(args[0]) + "' (commands: run, check, test, animate, plot)"};
}

}  // namespace
}  // namespace netsim::cli

int main(int argc, char** argv) {
  using namespace netsim;
  // A run touches tens of MiB of fresh heap: past its first 16 MiB in 2 MiB
  // pages, W1's 10,400 page faults become ~4,600 (sim/core/huge_pages.h).
  back_heap_with_huge_pages(size_t{256} << 20, size_t{16} << 20);
  cli::install_python_plugin();  // `python:` apps: the interpreter's plug-in opens when one is loaded
  try {
    return cli::dispatch(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const cli::UsageError& e) {
    std::fprintf(stderr, "netsim: %s\n(see netsim --help)\n", e.message.c_str());
    return cli::kExitBadInput;
  } catch (const ScenarioError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return cli::kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "netsim: %s\n", e.what());
    return cli::kExitBadInput;
  }
}
