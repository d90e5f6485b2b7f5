// The statement and expression grammar of one step's text: a Pratt parser
// over the lexer's tokens. Calls are checked against the builtin and method
// tables here, so a typo is a load-time error with a hint, not a failed run.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/lang/lexer.h"
#include "sim/scenario/lang/program.h"

namespace netsim::lang {

// How deep an expression or a one-line `if` may nest, as Python's parser
// refuses 200 nested parentheses: far beyond any real step, and far within
// the stack that parsing, evaluating and destroying it use.
inline constexpr int kMaxNesting = 200;

// A string step: `x = expr`, `a, b = expr`, `x += expr`, `expr`, `pass`,
// `break`, `continue`, `if COND: STATEMENT`, and `import socket` (a no-op:
// every name is already there). `in_loop`: whether break/continue may appear.
// `names`: the program's variables by slot; names the text uses first are appended.
Step parse_statement(std::string_view text, const TextOrigin& origin, bool in_loop,
                     std::vector<std::string>& names);
Step parse_statement(std::string_view text, const TextOrigin& origin, bool in_loop);

// A text that is one expression (a while/if condition, a repeat count). Its
// calls are numbered from 0; `call_sites` receives their count.
ExprPtr parse_expression(std::string_view text, const TextOrigin& origin, int& call_sites,
                         std::vector<std::string>& names);
ExprPtr parse_expression(std::string_view text, const TextOrigin& origin, int& call_sites);

}  // namespace netsim::lang
