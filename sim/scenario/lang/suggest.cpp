// Closeness is edit distance (with transpositions), case-insensitive, within a third of the
// word's length; a candidate that extends the word ("ConnectionRefused" ->
// "ConnectionRefusedError") also counts.
#include "sim/scenario/lang/suggest.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace netsim::lang {
namespace {

char fold(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Optimal string alignment distance: Levenshtein plus adjacent transpositions
// ("pnig" is one edit from "ping").
size_t distance(std::string_view a, std::string_view b) {
  const size_t w = b.size() + 1;
  std::vector<size_t> d((a.size() + 1) * w);
  for (size_t i = 0; i <= a.size(); ++i) d[i * w] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
      size_t best =
          std::min({d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + cost});
      if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1])) {
        best = std::min(best, d[(i - 2) * w + j - 2] + 1);
      }
      d[i * w + j] = best;
    }
  }
  return d[a.size() * w + b.size()];
}

bool extends(std::string_view candidate, std::string_view word) {
  if (word.size() < 4 || candidate.size() < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (fold(candidate[i]) != fold(word[i])) return false;
  }
  return true;
}

}  // namespace

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  const size_t limit = std::max<size_t>(1, word.size() / 3);
  std::string_view best;
  size_t best_distance = limit + 1;
  for (std::string_view c : candidates) {
    // The lengths alone bound the distance from below: a 5 MB word costs
    // nothing here instead of a 5 MB x length table.
    const size_t gap = word.size() > c.size() ? word.size() - c.size() : c.size() - word.size();
    if (gap >= best_distance) continue;
    const size_t d = distance(word, c);
    if (d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  if (best.empty()) {
    for (std::string_view c : candidates) {
      if (extends(c, word)) {
        best = c;
        break;
      }
    }
  }
  return best.empty() ? std::string() : "did you mean '" + std::string(best) + "'?";
}

}  // namespace netsim::lang
