// What the simulation and the expectations see of a running app, whatever
// runs it: the step interpreter (App) or an embedded Python program
// (sim/python). Both reach the node only through AppServices.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/scenario/error.h"
#include "sim/scenario/lang/value.h"

namespace netsim::lang {

enum class AppStatus : uint8_t { Waiting /*not started*/, Running, Finished, Failed };
std::string_view to_string(AppStatus status);  // "waiting", "running", "finished", "failed"

class RunningApp {
 public:
  virtual ~RunningApp() = default;
  // At the app's start time (from an event): runs the program until it blocks.
  virtual void start() = 0;
  virtual const std::string& name() const = 0;
  virtual AppStatus status() const = 0;
  // Failed: the Python error name ("ConnectionRefusedError") and its message.
  virtual const std::string& error_name() const = 0;
  virtual const std::string& error_message() const = 0;
  // Failed: where in the scenario file it failed, when the program is written
  // there (a step); a Python program's place is in its traceback instead.
  virtual std::optional<SourceLoc> failed_at() const { return std::nullopt; }
  // A variable of the program's main line (what `expect var:` reads); null when unset.
  virtual const Value* variable(std::string_view name) const = 0;
};

}  // namespace netsim::lang
