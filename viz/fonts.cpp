// Font loading with a message that says what to install.
#include "viz/fonts.h"

#include <filesystem>
#include <stdexcept>
#include <string>

namespace netsim::viz {

namespace {
void load(sf::Font& font, const std::string& path) {
  if (!std::filesystem::exists(path) || !font.loadFromFile(path))
    throw std::runtime_error("animate: cannot load the font " + path +
                             " (install the Debian package fonts-dejavu-core)");
}
}  // namespace

void load_fonts(Fonts& fonts) {
  const std::string dir = "/usr/share/fonts/truetype/dejavu";
  load(fonts.sans, dir + "/DejaVuSans.ttf");
  load(fonts.mono, dir + "/DejaVuSansMono.ttf");
}

}  // namespace netsim::viz
