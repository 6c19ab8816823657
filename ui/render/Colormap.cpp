#include "render/Colormap.h"

#include "io/Colormaps.h"

#include <algorithm>
#include <cmath>

namespace specedit::ui {
namespace {

int byte(double v) {
    return int(std::lround(std::clamp(v, 0.0, 1.0) * 255.0));
}

} // namespace

// The published tables (core/io/Colormaps.h); "grayscale" is core's "gray".
Colormap::Colormap(ColormapId id) {
    const QString n = name(id);
    const core::ColormapTable* table =
        core::findColormap(id == ColormapId::Grayscale ? "gray" : n.toStdString());
    for (int i = 0; i < kSize; ++i) {
        const auto& c = table->rgb[std::size_t(i)];
        m_table[std::size_t(i)] = qRgb(byte(c[0]), byte(c[1]), byte(c[2]));
    }
}

QStringList Colormap::names() {
    // Index = ColormapId; new maps go at the end so that indices stay stable.
    return {"inferno", "magma", "viridis", "grayscale", "cividis", "plasma", "turbo"};
}

QString Colormap::name(ColormapId id) {
    return names().at(int(id));
}

} // namespace specedit::ui
