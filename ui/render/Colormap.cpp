#include "render/Colormap.h"

#include <cmath>
#include <vector>

namespace specedit::ui {
namespace {

struct Stop {
    double at;
    int r, g, b;
};

// Perceptually ordered ramps given by a few colour stops each (dark to light), interpolated
// linearly in RGB. The stops follow the look of the matplotlib maps of the same name.
std::vector<Stop> stopsOf(ColormapId id) {
    switch (id) {
    case ColormapId::Inferno:
        return {{0.00, 0, 0, 4},      {0.15, 31, 12, 72},   {0.30, 85, 15, 109},
                {0.45, 136, 34, 106}, {0.60, 186, 54, 85},  {0.75, 227, 89, 51},
                {0.87, 249, 140, 10}, {1.00, 252, 255, 164}};
    case ColormapId::Magma:
        return {{0.00, 0, 0, 4},      {0.15, 28, 16, 68},   {0.30, 79, 18, 123},
                {0.45, 129, 37, 129}, {0.60, 181, 54, 122}, {0.75, 229, 80, 100},
                {0.87, 251, 135, 97}, {1.00, 252, 253, 191}};
    case ColormapId::Viridis:
        return {{0.00, 68, 1, 84},    {0.15, 72, 40, 120},  {0.30, 62, 74, 137},
                {0.45, 49, 104, 142}, {0.60, 38, 130, 142}, {0.75, 31, 158, 137},
                {0.87, 110, 206, 88}, {1.00, 253, 231, 37}};
    case ColormapId::Grayscale:
        return {{0.0, 0, 0, 0}, {1.0, 255, 255, 255}};
    }
    return {{0.0, 0, 0, 0}, {1.0, 255, 255, 255}};
}

} // namespace

Colormap::Colormap(ColormapId id) {
    const auto stops = stopsOf(id);
    for (int i = 0; i < kSize; ++i) {
        const double t = double(i) / (kSize - 1);
        std::size_t k = 1;
        while (k + 1 < stops.size() && stops[k].at < t)
            ++k;
        const Stop& a = stops[k - 1];
        const Stop& b = stops[k];
        const double u = (t - a.at) / (b.at - a.at);
        auto mix = [u](int x, int y) { return int(std::lround(x + (y - x) * u)); };
        m_table[std::size_t(i)] = qRgb(mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b));
    }
}

QStringList Colormap::names() {
    return {"inferno", "magma", "viridis", "grayscale"};
}

QString Colormap::name(ColormapId id) {
    return names().at(int(id));
}

} // namespace specedit::ui
