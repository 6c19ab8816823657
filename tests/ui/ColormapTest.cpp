#include "render/Colormap.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace specedit::ui;

namespace {

// CIE L* (D65) of an sRGB colour.
double lightness(QRgb c) {
    auto linear = [](int v) {
        const double s = v / 255.0;
        return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    const double y =
        0.2126 * linear(qRed(c)) + 0.7152 * linear(qGreen(c)) + 0.0722 * linear(qBlue(c));
    return y > 216.0 / 24389 ? 116 * std::cbrt(y) - 16 : y * 24389.0 / 27;
}

} // namespace

// First and last entries of the published tables (matplotlib's _cm_listed, Nunez et al. 2018
// for cividis), rounded to 8 bits.
TEST(Colormap, TablesAreThePublishedOnes) {
    struct Case {
        ColormapId id;
        QRgb first, last;
    };
    const Case cases[] = {
        {ColormapId::Viridis, qRgb(68, 1, 84), qRgb(253, 231, 37)},
        {ColormapId::Inferno, qRgb(0, 0, 4), qRgb(252, 255, 164)},
        {ColormapId::Magma, qRgb(0, 0, 4), qRgb(252, 253, 191)},
        {ColormapId::Cividis, qRgb(0, 34, 78), qRgb(254, 232, 56)},
        {ColormapId::Plasma, qRgb(13, 8, 135), qRgb(240, 249, 33)},
        {ColormapId::Turbo, qRgb(48, 18, 59), qRgb(122, 4, 3)},
        {ColormapId::Grayscale, qRgb(0, 0, 0), qRgb(255, 255, 255)},
    };
    for (const auto& c : cases) {
        const Colormap map(c.id);
        EXPECT_EQ(map.color(0), c.first) << Colormap::name(c.id).toStdString();
        EXPECT_EQ(map.color(Colormap::kSize - 1), c.last) << Colormap::name(c.id).toStdString();
    }
    // viridis at 0.5: the published row 128 is (0.127568, 0.566949, 0.550556).
    EXPECT_EQ(Colormap(ColormapId::Viridis).color(128), qRgb(33, 145, 140));
}

// What makes these maps perceptually ordered: lightness rises through the whole table.
TEST(Colormap, PerceptualMapsRiseInLightnessEverywhere) {
    for (auto id : {ColormapId::Inferno, ColormapId::Magma, ColormapId::Viridis,
                    ColormapId::Cividis, ColormapId::Plasma, ColormapId::Grayscale}) {
        const Colormap map(id);
        for (int i = 1; i < Colormap::kSize; ++i)
            ASSERT_GT(lightness(map.color(i)), lightness(map.color(i - 1)) - 0.05)
                << Colormap::name(id).toStdString() << " at " << i;
        EXPECT_GT(lightness(map.color(255)) - lightness(map.color(0)), 50)
            << Colormap::name(id).toStdString();
    }
}

TEST(Colormap, EveryNameRoundTrips) {
    const QStringList names = Colormap::names();
    EXPECT_EQ(names.size(), 7);
    for (int i = 0; i < names.size(); ++i)
        EXPECT_EQ(Colormap::name(ColormapId(i)), names[i]);
}
