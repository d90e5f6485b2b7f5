// Checks a snapshot PNG for the snapshot test: its size, that it is not one
// flat colour, and that each node's kind colour is drawn at the position the
// positions file gives ("NAME KIND X Y R G B" per line). Each optional
// "A-B=R,G,B" says the link between nodes A and B is drawn in that colour
// halfway along (a VLAN's colour).
// usage: viz_snapshot_probe IMAGE.png POSITIONS WIDTH HEIGHT MIN_NODES [A-B=R,G,B ...]
#include <SFML/Graphics/Image.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

int main(int argc, char** argv) {
  if (argc < 6) {
    std::fprintf(stderr, "usage: %s IMAGE.png POSITIONS WIDTH HEIGHT MIN_NODES [A-B=R,G,B ...]\n",
                 argv[0]);
    return 2;
  }
  sf::Image image;
  if (!image.loadFromFile(argv[1])) return 1;
  const unsigned width = std::strtoul(argv[3], nullptr, 10),
                 height = std::strtoul(argv[4], nullptr, 10);
  const unsigned min_nodes = std::strtoul(argv[5], nullptr, 10);
  int failures = 0;
  if (image.getSize().x != width || image.getSize().y != height) {
    std::printf("FAIL size %ux%u, expected %ux%u\n", image.getSize().x, image.getSize().y, width,
                height);
    ++failures;
  }
  std::map<uint32_t, unsigned> colours;  // distinct colours, counted
  for (unsigned y = 0; y < image.getSize().y; y += 2)
    for (unsigned x = 0; x < image.getSize().x; x += 2) ++colours[image.getPixel(x, y).toInteger()];
  if (colours.size() < 20) {
    std::printf("FAIL only %zu distinct colours: the image looks blank\n", colours.size());
    ++failures;
  }
  // The colour within a pixel of (x, y), allowing for anti-aliasing.
  auto near = [&](int x, int y, int r, int g, int b) {
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        if (x + dx < 0 || y + dy < 0 || x + dx >= static_cast<int>(width) ||
            y + dy >= static_cast<int>(height))
          continue;
        const sf::Color c =
            image.getPixel(static_cast<unsigned>(x + dx), static_cast<unsigned>(y + dy));
        if (std::abs(c.r - r) <= 12 && std::abs(c.g - g) <= 12 && std::abs(c.b - b) <= 12)
          return true;
      }
    return false;
  };
  std::ifstream positions(argv[2]);
  std::string name, kind;
  int x, y, r, g, b;
  unsigned nodes = 0;
  std::map<std::string, std::pair<int, int>> centres;
  while (positions >> name >> kind >> x >> y >> r >> g >> b) {
    ++nodes;
    centres[name] = {x, y};
    if (!near(x, y, r, g, b)) {
      const sf::Color c = image.getPixel(static_cast<unsigned>(std::max(0, x)),
                                         static_cast<unsigned>(std::max(0, y)));
      std::printf("FAIL %s (%s) at %d,%d: colour %d,%d,%d, expected %d,%d,%d\n", name.c_str(),
                  kind.c_str(), x, y, c.r, c.g, c.b, r, g, b);
      ++failures;
    }
  }
  for (int i = 6; i < argc; ++i) {
    const std::string check = argv[i];
    const size_t dash = check.find('-'), equals = check.find('=');
    const auto a = centres.find(check.substr(0, dash)),
               z = centres.find(check.substr(dash + 1, equals - dash - 1));
    if (dash == std::string::npos || equals == std::string::npos || a == centres.end() ||
        z == centres.end() ||
        std::sscanf(check.c_str() + equals + 1, "%d,%d,%d", &r, &g, &b) != 3) {
      std::printf("FAIL cannot check '%s'\n", check.c_str());
      ++failures;
      continue;
    }
    x = (a->second.first + z->second.first) / 2;
    y = (a->second.second + z->second.second) / 2;
    if (!near(x, y, r, g, b)) {
      const sf::Color c = image.getPixel(static_cast<unsigned>(x), static_cast<unsigned>(y));
      std::printf("FAIL link %s at %d,%d: colour %d,%d,%d\n", check.c_str(), x, y, c.r, c.g, c.b);
      ++failures;
    }
  }
  if (nodes < min_nodes) {
    std::printf("FAIL %u nodes in the positions file, expected at least %u\n", nodes, min_nodes);
    ++failures;
  }
  if (failures == 0)
    std::printf("ok: %ux%u, %zu colours, %u nodes and %d link colours where expected\n", width,
                height, colours.size(), nodes, argc - 6);
  return failures == 0 ? 0 : 1;
}
