// The command table behind `netsim --help`, the man page and the bash
// completion: one description of every command and option, three renderings.
#pragma once
#include <string>
#include <vector>

#include "sim/cli/options.h"

namespace netsim::cli {

struct CommandSpec {
  std::string name;      // "run"
  std::string synopsis;  // "FILE.yaml [options]"
  std::string summary;   // one line
  const std::vector<FlagSpec>* flags;
};

// The "commands:" block of `netsim --help`.
std::string command_help(const std::vector<CommandSpec>& commands);
// netsim(1) in troff (man -l reads it).
std::string man_page(const std::vector<CommandSpec>& commands, const std::string& version);
// A bash completion script: commands, each command's options, scenario files.
std::string bash_completion(const std::vector<CommandSpec>& commands);

}  // namespace netsim::cli
