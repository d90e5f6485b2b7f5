// Turns an app's `steps:` YAML into a Program, or throws a ScenarioError that
// points at the file, line and column of the problem with a hint.
#pragma once
#include <string>

#include "sim/scenario/lang/parse_cache.h"
#include "sim/scenario/lang/program.h"

namespace netsim::scenario {
class YamlNode;
}

namespace netsim::lang {

// `steps`: the YAML sequence under an app's `steps:` key. `file`: the scenario
// file's name, for messages. Step forms: a string statement; {while: COND,
// do: [...]}; {repeat: N, do: [...]}; {if: COND, do: [...], else: [...]};
// {try: [...], except: {ErrorName: [...]}} (or except: [...] for any error);
// {thread: [...]}.
// `cache`: when given, programs parsed through it share statements and trees.
Program parse_program(const scenario::YamlNode& steps, const std::string& file,
                      ParseCache* cache = nullptr);

}  // namespace netsim::lang
