#pragma once
// Colour lookup tables for the spectrogram and the mapping of dB values onto them. A
// ColorParams change recolours cached data tiles; it never recomputes an FFT.

#include <QColor>
#include <QString>
#include <QStringList>
#include <array>

namespace specedit::ui {

// Perceptually uniform maps (inferno, magma, viridis, cividis, plasma), turbo (rainbow-like but
// smooth) and grayscale, each from its published 256-entry table.
enum class ColormapId { Inferno, Magma, Viridis, Grayscale, Cividis, Plasma, Turbo };

struct ColorParams {
    ColormapId map = ColormapId::Inferno;
    float minDb = -120.0f; // maps to the first colour
    float maxDb = 0.0f;    // maps to the last colour

    bool operator==(const ColorParams&) const = default;
};

class Colormap {
public:
    static constexpr int kSize = 256;

    explicit Colormap(ColormapId id);
    QRgb color(int index) const { return m_table[std::size_t(index)]; }
    // Colour of a dB value under the given range (clamped at both ends: -inf gives the first
    // colour, +inf the last; NaN or an empty range the first), never an index outside the
    // table.
    QRgb colorOf(float db, float minDb, float maxDb) const {
        const float t = (db - minDb) / (maxDb - minDb);
        const int i = !(t > 0) ? 0 : (t >= 1 ? kSize - 1 : int(t * (kSize - 1) + 0.5f));
        return m_table[std::size_t(i)];
    }

    static QStringList names();
    static QString name(ColormapId id);

private:
    std::array<QRgb, kSize> m_table{};
};

} // namespace specedit::ui
