// What apps parsed through one cache share: a statement text met again
// (W2's 1000 echo apps run the same steps) is not parsed again, and every
// expression tree equal to one already stored (same nodes, offsets, slots and
// literals) is replaced by the stored one, so the trees exist once.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/scenario/lang/lexer.h"
#include "sim/scenario/lang/program.h"

namespace netsim::lang {

class ParseCache {
 public:
  // parse_statement(text, origin, in_loop, names), or the step parsed from
  // the same text before when its names have the same slots in `names`.
  Step statement(std::string_view text, const TextOrigin& origin, bool in_loop,
                 std::vector<std::string>& names);
  // Every expression of these steps, their bodies, branches and handlers.
  void intern(std::vector<Step>& steps);

 private:
  ExprPtr intern(const ExprPtr& e);

  struct Parsed {
    Step step;                       // located where the text was first met
    std::vector<std::string> names;  // its names in order of appearance (repeats too)
    std::vector<uint32_t> slots;     // the slot each had there
  };
  std::unordered_map<std::string, Parsed> statements_;  // by in_loop and text
  std::unordered_map<std::string, ExprPtr> nodes_;      // by key(): fields and operand addresses
};

}  // namespace netsim::lang
