#include "sim/cli/manual.h"

namespace netsim::cli {
namespace {

// troff: a leading '.' or '\'' starts a request, '\' an escape, '-' is a hyphen.
std::string roff(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

}  // namespace

std::string command_help(const std::vector<CommandSpec>& commands) {
  std::string out = "commands:\n";
  for (const CommandSpec& c : commands) {
    std::string left = "  " + c.name + " " + c.synopsis;
    if (left.size() < 28) left.resize(28, ' ');
    out += left + c.summary + "\n";
  }
  return out;
}

std::string man_page(const std::vector<CommandSpec>& commands, const std::string& version) {
  std::string out = ".TH NETSIM 1 \"\" \"netsim " + roff(version) + "\" \"User Commands\"\n";
  out += ".SH NAME\nnetsim \\- packet\\-level discrete\\-event network simulator\n";
  out += ".SH SYNOPSIS\n";
  for (const CommandSpec& c : commands) out += ".B netsim " + c.name + "\n" + roff(c.synopsis) + "\n.br\n";
  out += ".B netsim \\-\\-version\n.SH DESCRIPTION\n"
         "netsim runs scenario files (YAML): hosts, switches, hubs and routers joined by links, "
         "socket programs in Python syntax, timed faults and expectations. Every frame is real bytes; "
         "the trace shows each one on each hop, \\-\\-pcap writes captures Wireshark reads.\n";
  out += ".SH COMMANDS\n";
  for (const CommandSpec& c : commands) {
    out += ".SS \"" + c.name + " " + roff(c.synopsis) + "\"\n" + roff(c.summary) + ".\n";
    for (const FlagSpec& f : *c.flags) {
      out += ".TP\n.B " + roff(f.name) + (f.value.empty() ? "" : " \\fI" + roff(f.value) + "\\fR") + "\n";
      out += roff(f.help) + "\n";
    }
  }
  out += ".SH EXIT STATUS\n0 every expectation held; 1 an expectation failed or an app ended with an "
         "uncaught error; 2 bad input (file:line:col, what is wrong, what would be right); "
         "130 interrupted (Ctrl\\-C).\n";
  out += ".SH FILES\n/usr/share/doc/netsim: the user guide and the scenario\\-format reference; "
         "/usr/share/netsim/netsim.schema.json: the JSON Schema of scenario files; "
         "/usr/share/netsim/scenarios: example scenarios.\n";
  return out;
}

std::string bash_completion(const std::vector<CommandSpec>& commands) {
  std::string names, cases;
  for (const CommandSpec& c : commands) {
    names += (names.empty() ? "" : " ") + c.name;
    std::string flags, valued;
    for (const FlagSpec& f : *c.flags) {
      flags += (flags.empty() ? "" : " ") + f.name;
      if (!f.value.empty()) valued += (valued.empty() ? "" : "|") + f.name;
    }
    cases += "    " + c.name + ") flags=\"" + flags + "\"; valued=\"" + valued + "\" ;;\n";
  }
  return "# bash completion for netsim (generated from its option tables)\n"
         "_netsim() {\n"
         "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} flags valued\n"
         "  if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
         "    COMPREPLY=($(compgen -W \"" + names + " --help --version\" -- \"$cur\")); return\n"
         "  fi\n"
         "  case ${COMP_WORDS[1]} in\n" + cases +
         "    *) return ;;\n"
         "  esac\n"
         "  # An option's value: a file or folder name (--pcap DIR, --stats-out FILE, ...).\n"
         "  if [ -n \"$valued\" ] && [[ \"|$valued|\" == *\"|$prev|\"* ]]; then\n"
         "    COMPREPLY=($(compgen -f -- \"$cur\")); return\n"
         "  fi\n"
         "  if [[ \"$cur\" == -* ]]; then\n"
         "    COMPREPLY=($(compgen -W \"$flags\" -- \"$cur\")); return\n"
         "  fi\n"
         "  # Scenario files and the folders that may hold them.\n"
         "  COMPREPLY=($(compgen -d -- \"$cur\") $(compgen -f -X '!*.yaml' -- \"$cur\") $(compgen -f -X '!*.yml' -- \"$cur\"))\n"
         "}\n"
         "complete -o filenames -F _netsim netsim\n";
}

}  // namespace netsim::cli
