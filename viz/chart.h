// Line charts of values over simulated time (congestion window, throughput,
// queue length, RTT), drawn with SFML onto any render target: the same code
// makes `netsim plot`'s PNG and the animation's chart panel.
#pragma once
#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/RenderTarget.hpp>
#include <string>
#include <vector>

#include "viz/fonts.h"

namespace netsim::viz {

struct ChartSeries {
  std::string name;                  // legend words: a connection, a port
  std::vector<double> x, y;          // x: simulated seconds, ascending
  bool steps = false;                // a value that holds until the next (cwnd, queue)
};

struct Chart {
  std::string title, y_label;  // x is always "time (s)"
  std::vector<ChartSeries> series;
  bool empty() const;
};

// Axis ticks a person would choose: 1, 2 or 5 times a power of ten, about
// `target` of them over [low, high]. Returns the first tick, the step and the count.
struct Ticks {
  double first = 0, step = 1;
  int count = 0;
};
Ticks nice_ticks(double low, double high, int target = 6);
// "0.25", "1.5k", "20M": a tick's number in few characters.
std::string tick_text(double v);

// Draws the chart filling `area` (axes, ticks, grid, one line per series in
// its own colour, legend, title). `cursor`: a vertical line at that time (the playback's clock).
void draw_chart(sf::RenderTarget& target, const Fonts& fonts, const Chart& chart,
                sf::FloatRect area, double cursor = -1);
// The plot area inside `area` that draw_chart uses for the lines (for tests and the cursor).
sf::FloatRect chart_plot_area(sf::FloatRect area);
// Where time `t` (seconds) falls across `area`'s plot, in pixels.
float chart_x(const Chart& chart, sf::FloatRect area, double t);

// The chart alone as a PNG of width x height (an off-screen texture: needs an
// X display, as `netsim animate --snapshot` does).
void write_chart_png(const Chart& chart, const std::string& png, unsigned width, unsigned height);

}  // namespace netsim::viz
