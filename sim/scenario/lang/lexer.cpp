// Python's lexical analysis (Language Reference §2), restricted to one logical
// line: names (non-ASCII allowed, as in Python 3), integer and float literals,
// str and bytes literals with prefixes and escapes, operators, # comments.
#include "sim/scenario/lang/lexer.h"

#include <array>
#include <cctype>
#include <charconv>

#include "sim/scenario/lang/utf8.h"

namespace netsim::lang {
namespace {

constexpr std::array kKeywords{
    "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
    "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
    "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
    "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield",
};

// Longest first, so "//" wins over "/".
constexpr std::array<std::string_view, 26> kOperators{
    "//=", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "//", "(", ")",
    "[",   "]",  ",",  ".",  ":",  "=",  "+",  "-",  "*",  "/",  "%",  "<", ">",
};

bool name_start(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool name_char(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

class Lexer {
 public:
  Lexer(std::string_view text, const TextOrigin& origin) : s_(text), origin_(origin) {}

  std::vector<Token> run() {
    std::vector<Token> tokens;
    for (;;) {
      skip_space();
      Token t;
      t.offset = i_;
      if (i_ >= s_.size()) {
        tokens.push_back(t);
        return tokens;
      }
      const auto c = static_cast<unsigned char>(s_[i_]);
      if (name_start(c)) {
        read_name_or_string(t);
      } else if (std::isdigit(c) || (c == '.' && i_ + 1 < s_.size() &&
                                     std::isdigit(static_cast<unsigned char>(s_[i_ + 1])))) {
        read_number(t);
      } else if (c == '"' || c == '\'') {
        read_string(t, /*bytes=*/false, /*raw=*/false);
      } else {
        read_operator(t);
      }
      tokens.push_back(std::move(t));
    }
  }

 private:
  void skip_space() {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        ++i_;
      } else if (c == '#') {  // a comment runs to the end of the text
        i_ = s_.size();
      } else {
        return;
      }
    }
  }

  void read_name_or_string(Token& t) {
    const size_t start = i_;
    while (i_ < s_.size() && name_char(static_cast<unsigned char>(s_[i_]))) ++i_;
    const std::string_view word = s_.substr(start, i_ - start);
    if (i_ < s_.size() && (s_[i_] == '"' || s_[i_] == '\'') && word.size() <= 2) {
      std::string prefix;
      for (char c : word) prefix += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (prefix == "f" || prefix == "rf" || prefix == "fr") {
        origin_.fail(start, "f-strings are not supported",
                     "build the text with + and str(): \"n = \" + str(n)");
      }
      if (prefix == "b" || prefix == "r" || prefix == "br" || prefix == "rb" || prefix == "u") {
        read_string(t, prefix.find('b') != std::string::npos,
                    prefix.find('r') != std::string::npos);
        t.offset = start;
        return;
      }
    }
    if (utf8::first_invalid(word))
      origin_.fail(start, "invalid character in name", "the step must be UTF-8 text");
    t.kind = TokenKind::Name;
    t.text = word;
  }

  void read_number(Token& t) {
    const size_t start = i_;
    std::string digits;
    int base = 10;
    bool is_float = false;
    if (s_[i_] == '0' && i_ + 1 < s_.size() &&
        std::string_view("xXoObB").find(s_[i_ + 1]) != std::string_view::npos) {
      const char p = static_cast<char>(std::tolower(static_cast<unsigned char>(s_[i_ + 1])));
      base = p == 'x' ? 16 : p == 'o' ? 8 : 2;
      i_ += 2;
    }
    auto take_digits = [&] {
      while (i_ < s_.size()) {
        const auto c = static_cast<unsigned char>(s_[i_]);
        if (c == '_' && !digits.empty() && i_ + 1 < s_.size() &&
            std::isxdigit(static_cast<unsigned char>(s_[i_ + 1]))) {
          ++i_;
        } else if ((base == 16 && std::isxdigit(c)) || (base != 16 && std::isdigit(c))) {
          digits += static_cast<char>(c);
          ++i_;
        } else {
          return;
        }
      }
    };
    take_digits();
    if (base == 10) {
      if (i_ < s_.size() && s_[i_] == '.') {
        is_float = true;
        digits += s_[i_++];
        take_digits();
      }
      if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
        is_float = true;
        digits += s_[i_++];
        if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) digits += s_[i_++];
        const size_t before = digits.size();
        take_digits();
        if (digits.size() == before)
          origin_.fail(start, "invalid float literal", "an exponent needs digits: 1e3");
      }
    }
    if (i_ < s_.size() && name_char(static_cast<unsigned char>(s_[i_]))) {
      origin_.fail(start, "invalid " + std::string(base == 10 ? "decimal" : "number") + " literal",
                   "a name cannot start with a digit");
    }
    t.offset = start;
    if (is_float) {
      t.kind = TokenKind::Float;
      std::from_chars(digits.data(), digits.data() + digits.size(), t.real);
      return;
    }
    if (digits.empty()) origin_.fail(start, "invalid number literal", "0x needs hex digits: 0x1f");
    if (base == 10 && digits.size() > 1 && digits[0] == '0' &&
        digits.find_first_not_of('0') != std::string::npos) {
      origin_.fail(start, "leading zeros in decimal integer literals are not permitted",
                   "write 8, or 0o10 for octal");
    }
    // take_digits reads 8 and 9 in any base: Python rejects them in 0o and 0b literals.
    if (base == 8 || base == 2) {
      const size_t bad = digits.find_first_not_of(base == 8 ? "01234567" : "01");
      if (bad != std::string::npos) {
        origin_.fail(start,
                     "invalid digit '" + std::string(1, digits[bad]) + "' in " +
                         (base == 8 ? "octal" : "binary") + " literal",
                     base == 8 ? "octal digits are 0-7: 0o17" : "binary digits are 0 and 1: 0b101");
      }
    }
    t.kind = TokenKind::Int;
    const auto res = std::from_chars(digits.data(), digits.data() + digits.size(), t.integer, base);
    if (res.ec != std::errc())
      origin_.fail(start, "integer literal too large", "netsim ints are 64-bit");
  }

  uint32_t read_hex(size_t escape_start, size_t count) {
    uint32_t v = 0;
    for (size_t k = 0; k < count; ++k) {
      if (i_ >= s_.size() || !std::isxdigit(static_cast<unsigned char>(s_[i_]))) {
        origin_.fail(escape_start,
                     "truncated \\" + std::string(1, s_[escape_start + 1]) + " escape",
                     "write " + std::to_string(count) + " hex digits, e.g. \\x41");
      }
      const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(s_[i_++])));
      v = v * 16 + static_cast<uint32_t>(
                       std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : c - 'a' + 10);
    }
    return v;
  }

  // One escape after a backslash (Language Reference §2.4.1), appended to `out`.
  void read_escape(std::string& out, bool bytes) {
    const size_t start = i_ - 1;
    const char e = s_[i_++];
    auto put = [&](uint32_t cp) {
      if (bytes) {
        out += static_cast<char>(cp & 0xff);
      } else {
        utf8::append(out, cp);
      }
    };
    switch (e) {
      case '\n':
        return;  // a backslash-newline continues the literal
      case '\\':
        put('\\');
        return;
      case '\'':
        put('\'');
        return;
      case '"':
        put('"');
        return;
      case 'a':
        put('\a');
        return;
      case 'b':
        put('\b');
        return;
      case 'f':
        put('\f');
        return;
      case 'n':
        put('\n');
        return;
      case 'r':
        put('\r');
        return;
      case 't':
        put('\t');
        return;
      case 'v':
        put('\v');
        return;
      case 'x':
        put(read_hex(start, 2));
        return;
      default:
        break;
    }
    if (e >= '0' && e <= '7') {
      uint32_t v = static_cast<uint32_t>(e - '0');
      for (int k = 0; k < 2 && i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '7'; ++k) {
        v = v * 8 + static_cast<uint32_t>(s_[i_++] - '0');
      }
      put(v);
      return;
    }
    if (!bytes && (e == 'u' || e == 'U')) {
      const uint32_t cp = read_hex(start, e == 'u' ? 4 : 8);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        origin_.fail(start, "escape \\" + std::string(1, e) + " is not a Unicode character",
                     "surrogates and values above \\U0010ffff cannot be held in a str");
      }
      put(cp);
      return;
    }
    if (!bytes && e == 'N')
      origin_.fail(start, "\\N{...} escapes are not supported", "write \\uXXXX");
    // Python keeps an unknown escape as written (with a warning).
    out += '\\';
    out += e;
  }

  void read_string(Token& t, bool bytes, bool raw) {
    const char quote = s_[i_];
    const size_t start = i_++;
    std::string out;
    for (;;) {
      if (i_ >= s_.size()) {
        origin_.fail(start, "unterminated string literal",
                     "close it with " + std::string(1, quote) +
                         "; in YAML, quote a step that holds quotes with the other kind");
      }
      const char c = s_[i_];
      if (c == quote) {
        ++i_;
        break;
      }
      if (bytes && static_cast<unsigned char>(c) >= 0x80) {
        origin_.fail(i_, "bytes can only contain ASCII literal characters",
                     "write the text as a str and encode it: \"...\".encode(\"utf-8\")");
      }
      ++i_;
      if (c == '\\' && i_ < s_.size()) {
        if (raw) {  // a raw literal keeps the backslash; \" still does not close it
          out += c;
          out += s_[i_++];
        } else {
          read_escape(out, bytes);
        }
      } else {
        out += c;
      }
    }
    if (!bytes && utf8::first_invalid(out)) {
      origin_.fail(start, "string literal is not valid UTF-8",
                   "write raw bytes in a bytes literal: b\"\\xff\"");
    }
    t.kind = bytes ? TokenKind::Bytes : TokenKind::Str;
    t.text = std::move(out);
  }

  void read_operator(Token& t) {
    if (s_.substr(i_, 2) == "**") origin_.fail(i_, "'**' is not supported", "multiply: x * x");
    for (std::string_view op : kOperators) {
      if (s_.substr(i_, op.size()) == op) {
        t.kind = TokenKind::Op;
        t.text = op;
        i_ += op.size();
        return;
      }
    }
    const char c = s_[i_];
    if (c == ';') {
      origin_.fail(i_, "one statement per step", "put the next statement in its own step");
    }
    if (c == '{') {
      origin_.fail(i_, "dicts and sets are not supported", "use a tuple or a list");
    }
    origin_.fail(i_, "unexpected character '" + std::string(1, c) + "'",
                 "operators: + - * / // % == != < <= > >= and or not in");
  }

  std::string_view s_;
  const TextOrigin& origin_;
  size_t i_ = 0;
};

}  // namespace

std::vector<Token> tokenize(std::string_view text, const TextOrigin& origin) {
  return Lexer(text, origin).run();
}

bool is_keyword(std::string_view name) {
  for (std::string_view k : kKeywords) {
    if (k == name) return true;
  }
  return false;
}

}  // namespace netsim::lang
