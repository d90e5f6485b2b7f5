// Conversions and text methods, worded as CPython words its errors.
#include "sim/scenario/lang/pure_calls.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

#include "sim/scenario/lang/py_error.h"
#include "sim/scenario/lang/utf8.h"

namespace netsim::lang {
namespace {

constexpr std::string_view kWhitespace = " \t\n\r\x0b\x0c";

enum class Codec { Utf8, Ascii, Latin1 };
enum class ErrorMode { Strict, Ignore, Replace };

std::string_view codec_name(Codec c) {
  switch (c) {
    case Codec::Utf8:
      return "utf-8";
    case Codec::Ascii:
      return "ascii";
    case Codec::Latin1:
      return "latin-1";
  }
  return "?";
}

const std::string& str_argument(const Value& v, std::string_view function, std::string_view param) {
  if (v.kind() != ValueKind::Str) {
    throw PyError(ErrorKind::TypeError, std::string(function) + "() argument " + quoted(param) +
                                            " must be str, not " + std::string(v.type_name()));
  }
  return v.text();
}

// Python normalises codec names: case, '_' and '-' do not matter.
Codec codec_from(const Value* arg, std::string_view function) {
  if (arg == nullptr) return Codec::Utf8;
  std::string name;
  for (char c : str_argument(*arg, function, "encoding")) {
    name += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (name == "utf-8" || name == "utf8" || name == "u8") return Codec::Utf8;
  if (name == "ascii" || name == "us-ascii") return Codec::Ascii;
  if (name == "latin-1" || name == "latin1" || name == "iso-8859-1" || name == "iso8859-1" ||
      name == "l1") {
    return Codec::Latin1;
  }
  throw PyError(ErrorKind::LookupError, "unknown encoding: " + arg->text());
}

ErrorMode error_mode_from(const Value* arg, std::string_view function) {
  if (arg == nullptr) return ErrorMode::Strict;
  const std::string& name = str_argument(*arg, function, "errors");
  if (name == "strict") return ErrorMode::Strict;
  if (name == "ignore") return ErrorMode::Ignore;
  if (name == "replace") return ErrorMode::Replace;
  throw PyError(ErrorKind::LookupError, "unknown error handler name " + quoted(name));
}

std::string byte_range_text(size_t position, size_t length) {
  return length == 1
             ? "position " + std::to_string(position)
             : "position " + std::to_string(position) + "-" + std::to_string(position + length - 1);
}

std::string encode(const std::string& text, Codec codec, ErrorMode mode) {
  if (codec == Codec::Utf8) return text;  // a str is held as UTF-8 already
  const uint32_t limit = codec == Codec::Ascii ? 0x80 : 0x100;
  std::string out;
  size_t i = 0;
  size_t index = 0;
  while (i < text.size()) {
    const uint32_t cp = utf8::next(text, i);
    if (cp < limit) {
      out += static_cast<char>(cp);
    } else if (mode == ErrorMode::Replace) {
      out += '?';
    } else if (mode == ErrorMode::Strict) {
      char buf[16];
      std::snprintf(buf, sizeof buf,
                    cp <= 0xff     ? "\\x%02x"
                    : cp <= 0xffff ? "\\u%04x"
                                   : "\\U%08x",
                    cp);
      throw PyError(ErrorKind::UnicodeEncodeError,
                    quoted(codec_name(codec)) + " codec can't encode character '" + buf +
                        "' in position " + std::to_string(index) + ": ordinal not in range(" +
                        std::to_string(limit) + ")");
    }
    ++index;
  }
  return out;
}

std::string decode(const std::string& data, Codec codec, ErrorMode mode) {
  std::string out;
  if (codec != Codec::Utf8) {
    for (size_t i = 0; i < data.size(); ++i) {
      const auto b = static_cast<uint8_t>(data[i]);
      if (codec == Codec::Latin1 || b < 0x80) {
        utf8::append(out, b);
      } else if (mode == ErrorMode::Replace) {
        utf8::append(out, 0xfffd);
      } else if (mode == ErrorMode::Strict) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "0x%02x", b);
        throw PyError(ErrorKind::UnicodeDecodeError,
                      "'ascii' codec can't decode byte " + std::string(buf) + " in position " +
                          std::to_string(i) + ": ordinal not in range(128)");
      }
    }
    return out;
  }
  size_t from = 0;
  while (auto bad = utf8::first_invalid(data, from)) {
    if (mode == ErrorMode::Strict) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "0x%02x", static_cast<uint8_t>(data[bad->position]));
      const std::string what = bad->length == 1 ? "byte " + std::string(buf) + " in " : "bytes in ";
      throw PyError(ErrorKind::UnicodeDecodeError, "'utf-8' codec can't decode " + what +
                                                       byte_range_text(bad->position, bad->length) +
                                                       ": " + std::string(bad->reason));
    }
    out.append(data, from, bad->position - from);
    if (mode == ErrorMode::Replace) utf8::append(out, 0xfffd);
    from = bad->position + bad->length;
  }
  out.append(data, from);
  return out;
}

const Value* optional_arg(std::span<const Value> args, size_t i) {
  return i < args.size() ? &args[i] : nullptr;
}

// The argument of a text method: the receiver's own kind.
const std::string& same_kind_argument(const Value& receiver, const Value& arg) {
  if (arg.kind() == receiver.kind()) return arg.text();
  if (receiver.kind() == ValueKind::Bytes) {
    throw PyError(ErrorKind::TypeError,
                  "a bytes-like object is required, not " + quoted(arg.type_name()));
  }
  throw PyError(ErrorKind::TypeError, "must be str, not " + std::string(arg.type_name()));
}

Value same_kind(const Value& receiver, std::string text) {
  return receiver.kind() == ValueKind::Str ? Value::str(std::move(text))
                                           : Value::bytes(std::move(text));
}

// Code points (str) or bytes (bytes) of a text, one string each.
std::vector<std::string_view> units(const Value& v) {
  std::vector<std::string_view> out;
  const std::string& t = v.text();
  size_t i = 0;
  while (i < t.size()) {
    const size_t start = i;
    if (v.kind() == ValueKind::Str) {
      utf8::next(t, i);
    } else {
      ++i;
    }
    out.push_back(std::string_view(t).substr(start, i - start));
  }
  return out;
}

Value strip(const Value& receiver, const Value* chars) {
  const std::vector<std::string_view> text = units(receiver);
  std::vector<std::string_view> strip_set;
  if (chars == nullptr || chars->kind() == ValueKind::None) {
    for (size_t i = 0; i < kWhitespace.size(); ++i) strip_set.push_back(kWhitespace.substr(i, 1));
  } else {
    same_kind_argument(receiver, *chars);
    strip_set = units(*chars);
  }
  auto stripped = [&](std::string_view u) {
    return std::find(strip_set.begin(), strip_set.end(), u) != strip_set.end();
  };
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && stripped(text[begin])) ++begin;
  while (end > begin && stripped(text[end - 1])) --end;
  std::string out;
  for (size_t i = begin; i < end; ++i) out += text[i];
  return same_kind(receiver, std::move(out));
}

Value split(const Value& receiver, const Value* separator) {
  const std::string& t = receiver.text();
  std::vector<Value> parts;
  if (separator == nullptr || separator->kind() == ValueKind::None) {
    // Runs of whitespace separate; leading and trailing whitespace give no empty parts.
    size_t i = t.find_first_not_of(kWhitespace);
    while (i != std::string::npos) {
      const size_t end = t.find_first_of(kWhitespace, i);
      parts.push_back(
          same_kind(receiver, t.substr(i, end == std::string::npos ? std::string::npos : end - i)));
      i = end == std::string::npos ? end : t.find_first_not_of(kWhitespace, end);
    }
    return Value::list(std::move(parts));
  }
  const std::string& sep = same_kind_argument(receiver, *separator);
  if (sep.empty()) throw PyError(ErrorKind::ValueError, "empty separator");
  size_t from = 0;
  for (size_t at; (at = t.find(sep, from)) != std::string::npos; from = at + sep.size()) {
    parts.push_back(same_kind(receiver, t.substr(from, at - from)));
  }
  parts.push_back(same_kind(receiver, t.substr(from)));
  return Value::list(std::move(parts));
}

Value replace(const Value& receiver, const Value& old_arg, const Value& new_arg) {
  const std::string& old_text = same_kind_argument(receiver, old_arg);
  const std::string& new_text = same_kind_argument(receiver, new_arg);
  std::string out;
  if (old_text.empty()) {  // Python inserts the replacement around every element
    out = new_text;
    for (std::string_view u : units(receiver)) {
      out += u;
      out += new_text;
    }
    return same_kind(receiver, std::move(out));
  }
  const std::string& t = receiver.text();
  size_t from = 0;
  for (size_t at; (at = t.find(old_text, from)) != std::string::npos; from = at + old_text.size()) {
    out.append(t, from, at - from);
    out += new_text;
  }
  out.append(t, from);
  return same_kind(receiver, std::move(out));
}

Value find(const Value& receiver, const Value& sub) {
  const size_t at = receiver.text().find(same_kind_argument(receiver, sub));
  if (at == std::string::npos) return Value::from_int(-1);
  const std::string_view before = std::string_view(receiver.text()).substr(0, at);
  return Value::from_int(static_cast<int64_t>(
      receiver.kind() == ValueKind::Str ? utf8::count_code_points(before) : before.size()));
}

std::string ascii_case(std::string text, bool upper) {
  for (char& c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80) c = static_cast<char>(upper ? std::toupper(u) : std::tolower(u));
  }
  return text;
}

Value length(const Value& v) {
  if (v.kind() == ValueKind::Str)
    return Value::from_int(static_cast<int64_t>(utf8::count_code_points(v.text())));
  if (v.is_text()) return Value::from_int(static_cast<int64_t>(v.text().size()));
  if (v.is_sequence()) return Value::from_int(static_cast<int64_t>(v.items().size()));
  throw PyError(ErrorKind::TypeError, "object of type " + quoted(v.type_name()) + " has no len()");
}

Value to_bytes(std::span<const Value> args) {
  if (args.empty()) return Value::bytes("");
  const Value& x = args[0];
  if (args.size() > 1) {
    if (x.kind() != ValueKind::Str)
      throw PyError(ErrorKind::TypeError, "encoding without a string argument");
    return Value::bytes(encode(x.text(), codec_from(&args[1], "bytes"), ErrorMode::Strict));
  }
  switch (x.kind()) {
    case ValueKind::Bool:
    case ValueKind::Int: {
      const int64_t n = x.as_int();
      if (n < 0) throw PyError(ErrorKind::ValueError, "negative count");
      reserve_value_bytes(static_cast<uint64_t>(n));
      return Value::bytes(std::string(static_cast<size_t>(n), '\0'));
    }
    case ValueKind::Str:
      throw PyError(ErrorKind::TypeError, "string argument without an encoding");
    case ValueKind::Bytes:
      return x;
    case ValueKind::Tuple:
    case ValueKind::List: {
      std::string out;
      for (const Value& item : x.items()) {
        if (!item.is_integer()) {
          throw PyError(ErrorKind::TypeError,
                        quoted(item.type_name()) + " object cannot be interpreted as an integer");
        }
        if (item.as_int() < 0 || item.as_int() > 255) {
          throw PyError(ErrorKind::ValueError, "bytes must be in range(0, 256)");
        }
        out += static_cast<char>(item.as_int());
      }
      return Value::bytes(std::move(out));
    }
    default:
      throw PyError(ErrorKind::TypeError,
                    "cannot convert " + quoted(x.type_name()) + " object to bytes");
  }
}

Value to_str(std::span<const Value> args) {
  if (args.empty()) return Value::str("");
  if (args.size() == 1) return Value::str(args[0].to_str());
  const Value& x = args[0];
  if (x.kind() != ValueKind::Bytes) {
    throw PyError(ErrorKind::TypeError, x.kind() == ValueKind::Str
                                            ? std::string("decoding str is not supported")
                                            : "decoding to str: need a bytes-like object, " +
                                                  std::string(x.type_name()) + " found");
  }
  return Value::str(decode(x.text(), codec_from(&args[1], "str"), ErrorMode::Strict));
}

std::string_view trimmed(std::string_view s) {
  const size_t b = s.find_first_not_of(kWhitespace);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(kWhitespace) - b + 1);
}

// Python's int() literal: optional sign, decimal digits, single underscores between digits.
std::optional<int64_t> parse_decimal(std::string_view s) {
  std::string digits;
  size_t i = 0;
  const bool negative = !s.empty() && s[0] == '-';
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) i = 1;
  if (i >= s.size()) return std::nullopt;
  for (; i < s.size(); ++i) {
    if (s[i] == '_' && !digits.empty() && i + 1 < s.size() &&
        std::isdigit(static_cast<unsigned char>(s[i + 1])))
      continue;
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
    digits += s[i];
  }
  if (negative) digits.insert(digits.begin(), '-');
  int64_t value = 0;
  const auto res = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (res.ec == std::errc::result_out_of_range) {
    throw PyError(ErrorKind::OverflowError, "integer overflow (netsim ints are 64-bit)");
  }
  return value;
}

Value to_int(std::span<const Value> args) {
  if (args.empty()) return Value::from_int(0);
  const Value& x = args[0];
  if (x.is_integer()) return Value::from_int(x.as_int());
  if (x.kind() == ValueKind::Float) {
    const double f = x.as_float();
    if (std::isnan(f)) throw PyError(ErrorKind::ValueError, "cannot convert float NaN to integer");
    if (std::isinf(f))
      throw PyError(ErrorKind::OverflowError, "cannot convert float infinity to integer");
    const double t = std::trunc(f);
    if (t < -9.2233720368547758e18 || t >= 9.2233720368547758e18) {
      throw PyError(ErrorKind::OverflowError, "integer overflow (netsim ints are 64-bit)");
    }
    return Value::from_int(static_cast<int64_t>(t));
  }
  if (x.is_text()) {
    if (auto v = parse_decimal(trimmed(x.text()))) return Value::from_int(*v);
    throw PyError(ErrorKind::ValueError, "invalid literal for int() with base 10: " + x.repr());
  }
  throw PyError(ErrorKind::TypeError,
                "int() argument must be a string, a bytes-like object or a real number, not " +
                    quoted(x.type_name()));
}

Value to_float(std::span<const Value> args) {
  if (args.empty()) return Value::from_float(0.0);
  const Value& x = args[0];
  if (x.is_number()) return Value::from_float(x.as_float());
  if (x.is_text()) {
    std::string s(trimmed(x.text()));
    std::string lower = ascii_case(s, false);
    const bool negative = !lower.empty() && lower[0] == '-';
    const std::string_view body =
        std::string_view(lower).substr(!lower.empty() && (lower[0] == '-' || lower[0] == '+'));
    if (body == "inf" || body == "infinity") {
      return Value::from_float(negative ? -std::numeric_limits<double>::infinity()
                                        : std::numeric_limits<double>::infinity());
    }
    if (body == "nan") return Value::from_float(std::numeric_limits<double>::quiet_NaN());
    double f = 0;
    const std::string_view digits = std::string_view(s).substr(!s.empty() && s[0] == '+');
    const auto res = std::from_chars(digits.data(), digits.data() + digits.size(), f);
    if (!digits.empty() && res.ec == std::errc() && res.ptr == digits.data() + digits.size()) {
      return Value::from_float(f);
    }
    throw PyError(ErrorKind::ValueError, "could not convert string to float: " + x.repr());
  }
  throw PyError(ErrorKind::TypeError,
                "float() argument must be a string or a real number, not " + quoted(x.type_name()));
}

}  // namespace

int64_t integer_argument(const Value& v) {
  if (!v.is_integer()) {
    throw PyError(ErrorKind::TypeError,
                  quoted(v.type_name()) + " object cannot be interpreted as an integer");
  }
  return v.as_int();
}

bool is_conversion(Builtin id) {
  return id == Builtin::Len || id == Builtin::Bytes || id == Builtin::Str || id == Builtin::Int ||
         id == Builtin::Float;
}

Value call_conversion(Builtin id, std::span<const Value> args) {
  switch (id) {
    case Builtin::Len:
      return length(args[0]);
    case Builtin::Bytes:
      return to_bytes(args);
    case Builtin::Str:
      return to_str(args);
    case Builtin::Int:
      return to_int(args);
    case Builtin::Float:
      return to_float(args);
    default:
      break;
  }
  assert(false && "call_conversion: not a conversion");
  return Value::none();
}

Value call_text_method(Method id, const Value& receiver, std::span<const Value> args) {
  assert(has_method(receiver.kind(), id));
  switch (id) {
    case Method::Encode:
      return Value::bytes(encode(receiver.text(), codec_from(optional_arg(args, 0), "encode"),
                                 error_mode_from(optional_arg(args, 1), "encode")));
    case Method::Decode:
      return Value::str(decode(receiver.text(), codec_from(optional_arg(args, 0), "decode"),
                               error_mode_from(optional_arg(args, 1), "decode")));
    case Method::Upper:
      return same_kind(receiver, ascii_case(receiver.text(), true));
    case Method::Lower:
      return same_kind(receiver, ascii_case(receiver.text(), false));
    case Method::Strip:
      return strip(receiver, optional_arg(args, 0));
    case Method::Startswith:
      return Value::from_bool(receiver.text().starts_with(same_kind_argument(receiver, args[0])));
    case Method::Endswith:
      return Value::from_bool(receiver.text().ends_with(same_kind_argument(receiver, args[0])));
    case Method::Split:
      return split(receiver, optional_arg(args, 0));
    case Method::Find:
      return find(receiver, args[0]);
    case Method::Replace:
      return replace(receiver, args[0], args[1]);
    default:
      break;
  }
  assert(false && "call_text_method: not a str/bytes method");
  return Value::none();
}

}  // namespace netsim::lang
