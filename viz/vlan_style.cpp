// VLAN colours: the palette index is the VID modulo a prime (11), so the IDs
// people pick together (10, 20, 30, ...; 100, 200, ...; 2, 3, 4, ...; 99)
// get different colours. Paul Tol's muted and bright schemes, which stay
// apart for common colour blindness; none is the red of drops and blocked ports.
#include "viz/vlan_style.h"

#include <array>

namespace netsim::viz {

namespace {
constexpr std::array<Rgb, 11> kPalette = {{
    {68, 119, 170},   // blue     (VLAN 99, 11, ...)
    {136, 204, 238},  // cyan     (100, 12, ...)
    {17, 119, 51},    // green    (2, 200, ...)
    {221, 204, 119},  // sand     (3, 300, ...)
    {136, 34, 85},    // wine     (4, 70, ...)
    {230, 159, 0},    // orange   (5, 60, ...)
    {51, 34, 136},    // indigo   (6, 50, ...)
    {204, 102, 119},  // rose     (7, 40, ...)
    {153, 153, 51},   // olive    (8, 30, ...)
    {170, 68, 153},   // purple   (9, 20, ...)
    {68, 170, 153},   // teal     (10, ...)
}};
constexpr Rgb kNeutral{150, 156, 166};  // VLAN 1: the colour of a plain link
}  // namespace

Rgb vlan_colour(uint16_t vid) {
  if (vid == kDefaultVlan) return kNeutral;
  return kPalette[vid % kPalette.size()];
}

Rgb ink_on(Rgb c) {
  // Relative luminance, roughly (sRGB weights without linearising).
  const double y = 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
  return y < 140 ? Rgb{255, 255, 255} : Rgb{30, 34, 40};
}

std::vector<VlanLabelPiece> vlan_label(const PortVlans& vlans) {
  if (!vlans.is_trunk()) return {{"v" + std::to_string(vlans.access), vlans.access}};
  std::vector<VlanLabelPiece> pieces{{"T", std::nullopt}};
  for (uint16_t vid : vlans.trunk)
    if (vid != vlans.native) pieces.push_back({std::to_string(vid), vid});
  if (vlans.native) pieces.push_back({"n" + std::to_string(*vlans.native), *vlans.native});
  return pieces;
}

std::string vlan_words(const PortVlans& vlans) {
  if (!vlans.is_trunk()) return "access " + std::to_string(vlans.access);
  std::string text = "trunk";
  char separator = ' ';
  for (uint16_t vid : vlans.trunk) {
    if (vid == vlans.native) continue;
    (text += separator) += std::to_string(vid);
    separator = ',';
  }
  if (vlans.native) text += " native " + std::to_string(*vlans.native);
  return text;
}

}  // namespace netsim::viz
