// json_quote: every string that reaches the JSONL trace becomes a JSON string,
// whatever bytes it holds.
#include <catch2/catch.hpp>

#include "sim/trace/jsonl_sink.h"

using netsim::json_quote;

TEST_CASE("json_quote escapes what JSON requires and keeps valid UTF-8") {
  CHECK(json_quote("a\"b\\c\n\t\x01") == "\"a\\\"b\\\\c\\n\\t\\u0001\"");
  CHECK(json_quote("我是客户端") == "\"我是客户端\"");
  CHECK(json_quote("\xF0\x9F\x98\x80") == "\"\xF0\x9F\x98\x80\"");  // U+1F600, 4 bytes
}

TEST_CASE("json_quote turns bytes that are not UTF-8 into U+FFFD") {
  CHECK(json_quote("caf\xE9!") == "\"caf\\ufffd!\"");         // Latin-1 é
  CHECK(json_quote("\xFF\xFE") == "\"\\ufffd\\ufffd\"");     // never in UTF-8
  CHECK(json_quote("\xC0\xAF") == "\"\\ufffd\\ufffd\"");     // overlong '/'
  CHECK(json_quote("\xED\xA0\x80") == "\"\\ufffd\\ufffd\\ufffd\"");  // a surrogate
  CHECK(json_quote("\xE4\xB8") == "\"\\ufffd\\ufffd\"");     // cut short at the end
  CHECK(json_quote("\xF4\x90\x80\x80") == "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");  // past U+10FFFF
}
