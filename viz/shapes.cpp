// Shapes as triangles. Icons leave their centre pixel in the kind's colour so
// a sampled snapshot can tell which node is drawn where.
#include "viz/shapes.h"

#include <cmath>

#include "viz/vector2.h"

namespace netsim::viz {

namespace {
sf::Vector2f normal(sf::Vector2f v) { return {-v.y, v.x}; }
sf::Color darker(sf::Color c) {
  return {static_cast<sf::Uint8>(c.r * 0.55), static_cast<sf::Uint8>(c.g * 0.55),
          static_cast<sf::Uint8>(c.b * 0.55), c.a};
}

const sf::Color kSymbol(255, 255, 255);
const sf::Color kFrame(60, 64, 72);

// Four arrows pointing out from the centre, starting clear of it.
void add_cross_arrows(sf::VertexArray& va, sf::Vector2f c, float reach, float thickness) {
  const float start = reach * 0.35f;
  for (sf::Vector2f d :
       {sf::Vector2f{1, 0}, sf::Vector2f{-1, 0}, sf::Vector2f{0, 1}, sf::Vector2f{0, -1}})
    add_arrow(va, c + d * start, c + d * reach, thickness, kSymbol);
}
}  // namespace

void add_triangle(sf::VertexArray& va, sf::Vector2f a, sf::Vector2f b, sf::Vector2f c,
                  sf::Color colour) {
  va.append({a, colour});
  va.append({b, colour});
  va.append({c, colour});
}

void add_rect(sf::VertexArray& va, sf::FloatRect r, sf::Color colour) {
  const sf::Vector2f a{r.left, r.top}, b{r.left + r.width, r.top},
      c{r.left + r.width, r.top + r.height}, d{r.left, r.top + r.height};
  add_triangle(va, a, b, c, colour);
  add_triangle(va, a, c, d, colour);
}

void add_circle(sf::VertexArray& va, sf::Vector2f centre, float radius, sf::Color colour,
                int segments) {
  constexpr float kTau = 6.28318530718f;
  sf::Vector2f previous = centre + sf::Vector2f{radius, 0};
  for (int i = 1; i <= segments; ++i) {
    const float angle = kTau * static_cast<float>(i) / static_cast<float>(segments);
    const sf::Vector2f next =
        centre + sf::Vector2f{radius * std::cos(angle), radius * std::sin(angle)};
    add_triangle(va, centre, previous, next, colour);
    previous = next;
  }
}

void add_line(sf::VertexArray& va, sf::Vector2f p, sf::Vector2f q, float thickness,
              sf::Color colour) {
  const sf::Vector2f n = normal(unit(q - p)) * (thickness / 2);
  add_triangle(va, p + n, q + n, q - n, colour);
  add_triangle(va, p + n, q - n, p - n, colour);
}

void add_arrow(sf::VertexArray& va, sf::Vector2f from, sf::Vector2f to, float thickness,
               sf::Color colour) {
  const sf::Vector2f d = unit(to - from);
  const float head = thickness * 2.2f;
  const sf::Vector2f base = to - d * head;
  add_line(va, from, base, thickness, colour);
  const sf::Vector2f n = normal(d) * head;
  add_triangle(va, to, base + n, base - n, colour);
}

void add_ring(sf::VertexArray& va, sf::Vector2f centre, float radius, float thickness,
              sf::Color colour) {
  constexpr int kSegments = 28;
  constexpr float kTau = 6.28318530718f;
  const float inner = radius - thickness / 2, outer = radius + thickness / 2;
  for (int i = 0; i < kSegments; ++i) {
    const float a0 = kTau * static_cast<float>(i) / kSegments,
                a1 = kTau * static_cast<float>(i + 1) / kSegments;
    const sf::Vector2f d0{std::cos(a0), std::sin(a0)}, d1{std::cos(a1), std::sin(a1)};
    add_triangle(va, centre + d0 * inner, centre + d0 * outer, centre + d1 * outer, colour);
    add_triangle(va, centre + d0 * inner, centre + d1 * outer, centre + d1 * inner, colour);
  }
}

void add_cross(sf::VertexArray& va, sf::Vector2f c, float size, float thickness, sf::Color colour) {
  add_line(va, c + sf::Vector2f{-size, -size}, c + sf::Vector2f{size, size}, thickness, colour);
  add_line(va, c + sf::Vector2f{-size, size}, c + sf::Vector2f{size, -size}, thickness, colour);
}

sf::Color node_colour(NodeKind kind) {
  switch (kind) {
    case NodeKind::Host:
      return {66, 120, 200};
    case NodeKind::Hub:
      return {150, 150, 150};
    case NodeKind::Switch:
      return {40, 150, 90};
    case NodeKind::L3Switch:
      return {20, 140, 150};
    case NodeKind::Router:
      return {130, 80, 180};
  }
  return {0, 0, 0};
}

float node_icon_bottom(NodeKind kind, float s) {
  switch (kind) {
    case NodeKind::Host:
      return s * 1.0f;
    case NodeKind::Hub:
      return s * 0.45f;
    case NodeKind::Switch:
    case NodeKind::L3Switch:
      return s * 0.65f;
    case NodeKind::Router:
      return s * 1.0f;
  }
  return s;
}

void add_node_icon(sf::VertexArray& va, NodeKind kind, sf::Vector2f c, float s) {
  const sf::Color fill = node_colour(kind);
  const float line = std::max(1.5f, s * 0.14f);
  switch (kind) {
    case NodeKind::Host: {  // a monitor: framed screen, neck and foot
      add_rect(va, {c.x - s, c.y - s * 0.8f, 2 * s, s * 1.45f}, kFrame);
      add_rect(va, {c.x - s * 0.82f, c.y - s * 0.62f, s * 1.64f, s * 1.1f}, fill);
      add_rect(va, {c.x - s * 0.15f, c.y + s * 0.65f, s * 0.3f, s * 0.2f}, kFrame);
      add_rect(va, {c.x - s * 0.55f, c.y + s * 0.85f, s * 1.1f, s * 0.15f}, kFrame);
      break;
    }
    case NodeKind::Hub: {  // a small box with a row of ports
      add_rect(va, {c.x - s * 0.85f - 1, c.y - s * 0.45f - 1, s * 1.7f + 2, s * 0.9f + 2},
               darker(fill));
      add_rect(va, {c.x - s * 0.85f, c.y - s * 0.45f, s * 1.7f, s * 0.9f}, fill);
      for (int i = 0; i < 4; ++i)
        add_rect(
            va,
            {c.x - s * 0.7f + static_cast<float>(i) * s * 0.4f, c.y + s * 0.1f, s * 0.2f, s * 0.2f},
            kFrame);
      break;
    }
    case NodeKind::Switch:
    case NodeKind::L3Switch: {  // a box; switch: two opposite arrows, l3switch: cross arrows
      add_rect(va, {c.x - s * 1.2f - 1, c.y - s * 0.65f - 1, s * 2.4f + 2, s * 1.3f + 2},
               darker(fill));
      add_rect(va, {c.x - s * 1.2f, c.y - s * 0.65f, s * 2.4f, s * 1.3f}, fill);
      if (kind == NodeKind::Switch) {
        add_arrow(va, {c.x - s * 0.9f, c.y - s * 0.3f}, {c.x + s * 0.9f, c.y - s * 0.3f}, line,
                  kSymbol);
        add_arrow(va, {c.x + s * 0.9f, c.y + s * 0.3f}, {c.x - s * 0.9f, c.y + s * 0.3f}, line,
                  kSymbol);
      } else {
        add_cross_arrows(va, c, s * 0.6f, line);
      }
      break;
    }
    case NodeKind::Router: {  // a disc with four arrows pointing out
      add_circle(va, c, s + 1.5f, darker(fill), 24);
      add_circle(va, c, s, fill, 24);
      add_cross_arrows(va, c, s * 0.8f, line);
      break;
    }
  }
}

}  // namespace netsim::viz
