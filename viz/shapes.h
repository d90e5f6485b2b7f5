// Geometry made in code and batched: every shape appends triangles to an
// sf::VertexArray (sf::Triangles), so a whole layer is one draw call.
#pragma once
#include <SFML/Graphics/Color.hpp>
#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/VertexArray.hpp>

#include "sim/net/node.h"

namespace netsim::viz {

void add_triangle(sf::VertexArray& va, sf::Vector2f a, sf::Vector2f b, sf::Vector2f c,
                  sf::Color colour);
void add_rect(sf::VertexArray& va, sf::FloatRect rect, sf::Color colour);
void add_circle(sf::VertexArray& va, sf::Vector2f centre, float radius, sf::Color colour,
                int segments = 16);
// A segment `thickness` wide from p to q.
void add_line(sf::VertexArray& va, sf::Vector2f p, sf::Vector2f q, float thickness,
              sf::Color colour);
// A line from `from` to `to` ending in a head at `to`.
void add_arrow(sf::VertexArray& va, sf::Vector2f from, sf::Vector2f to, float thickness,
               sf::Color colour);
// A circle outline.
void add_ring(sf::VertexArray& va, sf::Vector2f centre, float radius, float thickness,
              sf::Color colour);
// An X of two strokes, `size` from centre to each tip.
void add_cross(sf::VertexArray& va, sf::Vector2f centre, float size, float thickness,
               sf::Color colour);

// The fill a node kind is recognised by (also sampled by the snapshot test).
sf::Color node_colour(NodeKind kind);
// The node's icon, about 2 * size wide, centred on `centre`. The centre pixel is
// always node_colour(kind): host = monitor (screen centred), hub = small box
// with ports, switch = box with two opposite arrows, l3switch = box with
// four cross arrows, router = disc with four cross arrows.
void add_node_icon(sf::VertexArray& va, NodeKind kind, sf::Vector2f centre, float size);
// Half the icon's height below the centre (where the label goes).
float node_icon_bottom(NodeKind kind, float size);

}  // namespace netsim::viz
