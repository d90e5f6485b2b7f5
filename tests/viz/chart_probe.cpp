// Checks a chart PNG for the plot test: its size, and that its plot area
// (inside the margins draw_chart leaves) holds a line of the first series'
// colour spanning at least a third of the width, not a blank frame. With
// "rising", the line's highest pixel in the right half is above the one in
// the left half (a window that grows, a queue that fills).
// usage: viz_chart_probe IMAGE.png WIDTH HEIGHT [rising]
#include <SFML/Graphics/Image.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s IMAGE.png WIDTH HEIGHT [rising]\n", argv[0]);
    return 2;
  }
  sf::Image image;
  if (!image.loadFromFile(argv[1])) return 1;
  const unsigned width = std::strtoul(argv[2], nullptr, 10),
                 height = std::strtoul(argv[3], nullptr, 10);
  const bool rising = argc > 4 && std::strcmp(argv[4], "rising") == 0;
  if (image.getSize().x != width || image.getSize().y != height) {
    std::printf("FAIL size %ux%u, expected %ux%u\n", image.getSize().x, image.getSize().y, width,
                height);
    return 1;
  }
  // viz/chart.cpp's margins: left 64, right 16, top 34, bottom 40.
  const unsigned left = 66, right = width - 18, top = 36, bottom = height - 42;
  const sf::Color line(0, 114, 178);  // the first series
  auto near = [](sf::Color a, sf::Color b) {
    return std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b) < 40;
  };
  unsigned pixels = 0, first_x = width, last_x = 0;
  unsigned top_left = height, top_right = height;  // highest line pixel per half
  for (unsigned x = left; x < right; ++x)
    for (unsigned y = top; y < bottom; ++y) {
      if (!near(image.getPixel(x, y), line)) continue;
      ++pixels;
      if (x < first_x) first_x = x;
      if (x > last_x) last_x = x;
      unsigned& highest = x < (left + right) / 2 ? top_left : top_right;
      if (y < highest) highest = y;
    }
  std::printf("line pixels %u from x=%u to x=%u; highest left %u right %u\n", pixels, first_x,
              last_x, top_left, top_right);
  if (pixels < 100 || last_x < first_x || last_x - first_x < (right - left) / 3) {
    std::printf("FAIL no line across the plot area\n");
    return 1;
  }
  if (rising && !(top_right < top_left)) {
    std::printf("FAIL the line does not rise\n");
    return 1;
  }
  std::printf("ok\n");
  return 0;
}
