// Charts by hand on SFML: axes, 1-2-5 ticks, grid and polylines are a few
// dozen lines here, where a plotting library packaged by Debian (PLplot,
// MathGL) would bring Qt, GTK and wxWidgets (MathGL also MPI and HDF5) into
// every CI install and still not draw into the animation's window.
#include "viz/chart.h"

#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/Graphics/Text.hpp>
#include <SFML/Graphics/VertexArray.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "viz/shapes.h"

namespace netsim::viz {

namespace {
const sf::Color kInk(30, 34, 40), kMuted(110, 116, 126), kGrid(228, 231, 236),
    kPaper(255, 255, 255);
// Okabe-Ito: distinct for common colour blindness, as the frame colours are.
const sf::Color kLines[] = {{0, 114, 178},  {213, 94, 0},  {0, 158, 115}, {204, 121, 167},
                            {230, 159, 0},  {86, 180, 233}, {120, 120, 120}};
constexpr float kLeft = 64, kRight = 16, kTop = 34, kBottom = 40;

sf::Text text(const sf::Font& font, const std::string& s, unsigned size, sf::Color colour) {
  sf::Text t(sf::String::fromUtf8(s.begin(), s.end()), font, size);
  t.setFillColor(colour);
  return t;
}

struct Range {
  double low = 0, high = 1;
};

Range x_range(const Chart& chart) {
  Range r{0, 0};
  for (const ChartSeries& s : chart.series)
    if (!s.x.empty()) r.high = std::max(r.high, s.x.back());
  if (r.high <= r.low) r.high = r.low + 1;
  return r;
}

constexpr float kLegendRow = 16;
constexpr size_t kLegendRows = 8;

// From zero (a window or a queue is read against nothing), with head room
// for the legend rows over the top of the lines.
Range y_range(const Chart& chart, float plot_height) {
  Range r{0, 0};
  for (const ChartSeries& s : chart.series)
    for (double v : s.y) r.high = std::max(r.high, v);
  const float legend = kLegendRow * static_cast<float>(std::min(chart.series.size(), kLegendRows)) + 8;
  const double free = std::clamp(1.0 - legend / std::max(plot_height, 1.0f), 0.5, 0.95);
  r.high = r.high <= 0 ? 1 : r.high / free;
  return r;
}
}  // namespace

bool Chart::empty() const {
  return std::all_of(series.begin(), series.end(),
                     [](const ChartSeries& s) { return s.x.empty(); });
}

Ticks nice_ticks(double low, double high, int target) {
  const double span = high - low;
  if (!(span > 0)) return {low, 1, 1};
  const double rough = span / std::max(target, 1);
  const double power = std::pow(10.0, std::floor(std::log10(rough)));
  // The 1-2-5 step nearest the rough one, on a log scale.
  double step = power;
  for (double m : {2.0, 5.0, 10.0})
    if (std::fabs(std::log(m * power / rough)) < std::fabs(std::log(step / rough))) step = m * power;
  const double first = std::ceil(low / step - 1e-9) * step;
  const int count = static_cast<int>(std::floor((high - first) / step + 1e-9)) + 1;
  return {first, step, count};
}

std::string tick_text(double v) {
  const char* suffix = "";
  const double a = std::fabs(v);
  if (a >= 1e9) {
    v /= 1e9;
    suffix = "G";
  } else if (a >= 1e6) {
    v /= 1e6;
    suffix = "M";
  } else if (a >= 1e4) {
    v /= 1e3;
    suffix = "k";
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g%s", std::round(v * 1e6) / 1e6, suffix);
  return buf;
}

sf::FloatRect chart_plot_area(sf::FloatRect area) {
  return {area.left + kLeft, area.top + kTop, std::max(10.0f, area.width - kLeft - kRight),
          std::max(10.0f, area.height - kTop - kBottom)};
}

float chart_x(const Chart& chart, sf::FloatRect area, double t) {
  const sf::FloatRect plot = chart_plot_area(area);
  const Range xr = x_range(chart);
  return plot.left +
         static_cast<float>(std::clamp((t - xr.low) / (xr.high - xr.low), 0.0, 1.0)) * plot.width;
}

void draw_chart(sf::RenderTarget& target, const Fonts& fonts, const Chart& chart,
                sf::FloatRect area, double cursor) {
  const sf::FloatRect plot = chart_plot_area(area);
  const Range xr = x_range(chart), yr = y_range(chart, plot.height);
  auto px = [&](double x) {
    return plot.left + static_cast<float>((x - xr.low) / (xr.high - xr.low)) * plot.width;
  };
  auto py = [&](double y) {
    return plot.top + plot.height -
           static_cast<float>((y - yr.low) / (yr.high - yr.low)) * plot.height;
  };
  sf::VertexArray shapes(sf::Triangles);
  add_rect(shapes, area, kPaper);
  std::vector<sf::Text> labels;
  const Ticks xt = nice_ticks(xr.low, xr.high), yt = nice_ticks(yr.low, yr.high, 5);
  for (int i = 0; i < xt.count; ++i) {
    const double v = xt.first + i * xt.step;
    const float x = std::round(px(v));
    add_rect(shapes, {x, plot.top, 1, plot.height}, kGrid);
    sf::Text t = text(fonts.sans, tick_text(v), 11, kMuted);
    t.setPosition(std::round(x - t.getLocalBounds().width / 2), plot.top + plot.height + 5);
    labels.push_back(t);
  }
  for (int i = 0; i < yt.count; ++i) {
    const double v = yt.first + i * yt.step;
    const float y = std::round(py(v));
    add_rect(shapes, {plot.left, y, plot.width, 1}, kGrid);
    sf::Text t = text(fonts.sans, tick_text(v), 11, kMuted);
    const sf::FloatRect b = t.getLocalBounds();
    t.setPosition(std::round(plot.left - b.width - 6 - b.left), std::round(y - 8));
    labels.push_back(t);
  }
  add_rect(shapes, {plot.left, plot.top + plot.height, plot.width, 1.5f}, kInk);
  add_rect(shapes, {plot.left - 1.5f, plot.top, 1.5f, plot.height}, kInk);
  // The lines, clipped to nothing: every point is inside the ranges by construction.
  for (size_t s = 0; s < chart.series.size(); ++s) {
    const ChartSeries& series = chart.series[s];
    const sf::Color colour = kLines[s % std::size(kLines)];
    for (size_t i = 1; i < series.x.size(); ++i) {
      const sf::Vector2f a{px(series.x[i - 1]), py(series.y[i - 1])}, b{px(series.x[i]),
                                                                        py(series.y[i])};
      if (series.steps) {
        add_line(shapes, a, {b.x, a.y}, 2, colour);
        add_line(shapes, {b.x, a.y}, b, 2, colour);
      } else {
        add_line(shapes, a, b, 2, colour);
      }
    }
    if (series.x.size() == 1) add_circle(shapes, {px(series.x[0]), py(series.y[0])}, 3, colour);
  }
  if (cursor >= xr.low && cursor <= xr.high)
    add_rect(shapes, {std::round(px(cursor)) - 1, plot.top, 2, plot.height}, kInk);
  // Legend: a swatch and the name per series, top right inside the plot.
  float y = plot.top + 4;
  for (size_t s = 0; s < chart.series.size() && s < kLegendRows; ++s) {
    sf::Text t = text(fonts.sans, chart.series[s].name, 11, kInk);
    const float w = t.getLocalBounds().width;
    const float x = plot.left + plot.width - w - 8;
    add_rect(shapes, {x - 22, y - 1, w + 28, 16}, sf::Color(255, 255, 255, 220));
    add_rect(shapes, {x - 18, y + 6, 14, 3}, kLines[s % std::size(kLines)]);
    t.setPosition(std::round(x), std::round(y - 1));
    labels.push_back(t);
    y += kLegendRow;
  }
  target.draw(shapes);
  for (const sf::Text& t : labels) target.draw(t);
  sf::Text title = text(fonts.sans, chart.title, 14, kInk);
  title.setStyle(sf::Text::Bold);
  title.setPosition(std::round(area.left + 10), std::round(area.top + 8));
  target.draw(title);
  sf::Text yl = text(fonts.sans, chart.y_label, 11, kMuted);
  yl.setPosition(std::round(area.left + area.width - kRight - yl.getLocalBounds().width),
                 std::round(area.top + 12));
  target.draw(yl);
  sf::Text xl = text(fonts.sans, "time (s)", 11, kMuted);
  xl.setPosition(std::round(plot.left + plot.width - xl.getLocalBounds().width),
                 std::round(plot.top + plot.height + 20));
  target.draw(xl);
  if (chart.empty()) {
    sf::Text none = text(fonts.sans, "nothing to plot in this run", 13, kMuted);
    none.setPosition(std::round(plot.left + 20), std::round(plot.top + plot.height / 2));
    target.draw(none);
  }
}

void write_chart_png(const Chart& chart, const std::string& png, unsigned width, unsigned height) {
  Fonts fonts;
  load_fonts(fonts);
  sf::ContextSettings settings;
  settings.antialiasingLevel = 4;
  sf::RenderTexture target;
  if (!target.create(width, height, settings))
    throw std::runtime_error("plot: cannot create an off-screen render texture (is there an X display?)");
  target.clear(kPaper);
  draw_chart(target, fonts, chart,
             {0, 0, static_cast<float>(width), static_cast<float>(height)});
  target.display();
  if (!target.getTexture().copyToImage().saveToFile(png))
    throw std::runtime_error("plot: cannot write '" + png + "'");
}

}  // namespace netsim::viz
