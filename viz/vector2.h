// Small helpers on SFML's 2-D vectors shared by the scene geometry and the shapes.
#pragma once

#include <SFML/System/Vector2.hpp>
#include <cmath>

namespace netsim::viz {

// The unit vector along v; (1, 0) for a zero vector, so a degenerate segment still has a direction.
inline sf::Vector2f unit(sf::Vector2f v) {
  const float length = std::hypot(v.x, v.y);
  return length > 0 ? v / length : sf::Vector2f{1, 0};
}

}  // namespace netsim::viz
