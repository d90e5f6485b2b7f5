// The two TrueType faces the animation writes with, from the Debian package
// fonts-dejavu-core (SFML cannot draw text without a font file).
#pragma once
#include <SFML/Graphics/Font.hpp>

namespace netsim::viz {

struct Fonts {
  sf::Font sans;  // labels and headings
  sf::Font mono;  // the trace, panels, the clock
};

// From /usr/share/fonts/truetype/dejavu. Throws std::runtime_error naming the
// missing file and the package to install.
void load_fonts(Fonts& fonts);

}  // namespace netsim::viz
