// Tokens of one step's text (Python's lexical rules for names, numbers and
// string/bytes literals with escapes), and TextOrigin, which turns an offset
// in that text into the file:line:col of a ScenarioError.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/error.h"

namespace netsim::lang {

// Where a step's text sits in the scenario file.
struct TextOrigin {
  std::string file;
  SourceLoc start;    // the location of the text's first character
  bool exact = true;  // false when offsets do not map to columns (a multi-line scalar)

  SourceLoc at(size_t offset) const {
    return exact ? SourceLoc{start.line, start.col + static_cast<int>(offset)} : start;
  }
  [[noreturn]] void fail(size_t offset, std::string what, std::string hint = {}) const {
    throw ScenarioError(file, at(offset), std::move(what), std::move(hint));
  }
};

enum class TokenKind : uint8_t { Name, Int, Float, Str, Bytes, Op, End };

struct Token {
  TokenKind kind = TokenKind::End;
  std::string text;  // Name, Op: the spelling; Str: UTF-8 content; Bytes: raw content
  int64_t integer = 0;
  double real = 0;
  size_t offset = 0;  // in the step's text

  bool is_op(std::string_view op) const { return kind == TokenKind::Op && text == op; }
  bool is_name(std::string_view name) const { return kind == TokenKind::Name && text == name; }
};

// Always ends with an End token. Errors are ScenarioErrors located through `origin`.
std::vector<Token> tokenize(std::string_view text, const TextOrigin& origin);

// Python's reserved words: never a variable or function name.
bool is_keyword(std::string_view name);

}  // namespace netsim::lang
