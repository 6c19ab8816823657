#include "render/Colormap.h"

#include <QFile>
#include <QTextStream>
#include <cmath>

namespace specedit::ui {
namespace {

// The published 256-entry tables (resources/colormaps, written by scripts/colormap-tables.py
// from the authors' data), built into the program. Empty if the resource is missing.
std::vector<std::array<double, 3>> publishedTable(const QString& name) {
    QFile file(":/resources/colormaps/" + name + ".csv");
    std::vector<std::array<double, 3>> rows;
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return rows;
    QTextStream in(&file);
    while (!in.atEnd()) {
        const QString line = in.readLine().trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QStringList v = line.split(' ', Qt::SkipEmptyParts);
        if (v.size() == 3)
            rows.push_back({v[0].toDouble(), v[1].toDouble(), v[2].toDouble()});
    }
    return rows;
}

int byte(double v) {
    return int(std::lround(std::clamp(v, 0.0, 1.0) * 255.0));
}

} // namespace

Colormap::Colormap(ColormapId id) {
    const auto rows = id == ColormapId::Grayscale ? std::vector<std::array<double, 3>>{}
                                                  : publishedTable(name(id));
    for (int i = 0; i < kSize; ++i) {
        if (rows.size() == std::size_t(kSize)) {
            const auto& c = rows[std::size_t(i)];
            m_table[std::size_t(i)] = qRgb(byte(c[0]), byte(c[1]), byte(c[2]));
        } else { // grayscale (and the fallback should a table be missing from the build)
            m_table[std::size_t(i)] = qRgb(i, i, i);
        }
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
