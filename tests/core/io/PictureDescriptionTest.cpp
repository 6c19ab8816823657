// Pictures SpecEdit exports describe themselves (io/PictureDescription, io/PngText): the
// description survives a PNG written by libpng, is checked field by field, and a picture of a
// known IQ signal drawn here as the editor draws one (a pixel per bin and frame, inferno,
// white margins, the axes' lines over the plot's first column and last row) is rebuilt with
// no option given: the tones come back at their frequencies, levels and times.

#include "io/PictureDescription.h"

#include "TestUtil.h"
#include "apply/PictureAxes.h"
#include "apply/Rebuild.h"
#include "apply/RebuildLevel.h"
#include "dsp/Stft.h"
#include "io/Colormaps.h"
#include "io/PngText.h"
#include "util/JobControl.h"

#include <cmath>
#include <complex>
#include <csetjmp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <numbers>
#include <png.h>
#include <random>

using namespace specedit::core;
using specedit::test::TempDir;
using specedit::test::writeText;

namespace {

using Rgb8 = std::array<std::uint8_t, 3>;

// An 8-bit RGB PNG with one text chunk (none for an empty key), as Qt writes the editor's.
void writePng(const std::string& path, int w, int h, const std::vector<Rgb8>& pixels,
              const std::string& key, const std::string& text) {
    FILE* file = std::fopen(path.c_str(), "wb");
    ASSERT_NE(file, nullptr);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png)))
        FAIL() << "libpng could not write " << path;
    png_init_io(png, file);
    png_set_IHDR(png, info, png_uint_32(w), png_uint_32(h), 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_text chunk{};
    chunk.compression = PNG_TEXT_COMPRESSION_zTXt;
    chunk.key = const_cast<char*>(key.c_str());
    chunk.text = const_cast<char*>(text.c_str());
    if (!key.empty())
        png_set_text(png, info, &chunk, 1);
    png_write_info(png, info);
    for (int r = 0; r < h; ++r)
        png_write_row(png, reinterpret_cast<png_const_bytep>(&pixels[std::size_t(r * w)]));
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    std::fclose(file);
}

PictureDescription described() {
    PictureDescription d;
    d.left = 50;
    d.top = 20;
    d.width = 300;
    d.height = 256;
    d.t0 = -3.2e-5;
    d.t1 = 299.5 * 64e-6; // a column per frame: frame j at j hop / fs
    d.f0 = -500e3 - 1953.125;
    d.f1 = 500e3 - 1953.125;
    d.dbMin = -110;
    d.dbMax = 0;
    d.colormap = "inferno";
    d.sampleRate = 1e6;
    d.centerFrequency = 433.92e6;
    d.complex = true;
    d.nperseg = d.nfft = 256;
    d.noverlap = 192;
    d.source = "burst.wav";
    d.shows = "original";
    return d;
}

// Tone A: +100 kHz, amplitude 0.5, from 5 to 12 ms; tone B: -250 kHz, amplitude 0.1, all
// along; noise 1e-4 (fs 1 MHz, 19.2 ms).
std::vector<std::complex<double>> twoTones() {
    std::mt19937 rng(7);
    std::normal_distribution<double> noise(0, 1e-4);
    std::vector<std::complex<double>> x(19200);
    for (std::size_t n = 0; n < x.size(); ++n) {
        const double t = double(n) / 1e6;
        const double a = t >= 0.005 && t < 0.012 ? 0.5 : 0.0;
        x[n] = a * std::polar(1.0, 2 * std::numbers::pi * 100e3 * t) +
               0.1 * std::polar(1.0, -2 * std::numbers::pi * 250e3 * t) +
               std::complex<double>(noise(rng), noise(rng));
    }
    return x;
}

StftParams params() {
    return StftParams::make(parseWindow("hann"), 256, 192, 256, 1e6);
}

// The spectrogram drawn as the editor draws it: the highest frequency at the top, a column
// per frame, each dB level to the nearest of inferno's 256 colours; white margins; the axes'
// black lines over the plot's first column and last row.
std::vector<Rgb8> drawPicture(const PictureDescription& d, int w, int h) {
    const auto z = stft(twoTones(), params());
    const ColormapTable& map = *findColormap("inferno");
    std::vector<Rgb8> px(std::size_t(w * h), Rgb8{255, 255, 255});
    for (int c = 0; c < d.width && c < z.frames; ++c)
        for (int r = 0; r < d.height; ++r) {
            const int k = (d.height - 1 - r + 128) % 256; // row 0 at the top: bin 127
            const double db = 20 * std::log10(std::abs(z.at(k, c)) + 1e-300);
            const double t = std::clamp((db - d.dbMin) / (d.dbMax - d.dbMin), 0.0, 1.0);
            const auto& rgb = map.rgb[std::size_t(std::lround(t * 255))];
            px[std::size_t((d.top + r) * w + d.left + c)] = {
                std::uint8_t(std::lround(rgb[0] * 255)), std::uint8_t(std::lround(rgb[1] * 255)),
                std::uint8_t(std::lround(rgb[2] * 255))};
        }
    for (int r = 0; r < d.height; ++r)
        px[std::size_t((d.top + r) * w + d.left)] = {0, 0, 0};
    for (int c = 0; c < d.width; ++c)
        px[std::size_t((d.top + d.height - 1) * w + d.left + c)] = {0, 0, 0};
    return px;
}

// The magnitude of bin k in the frame nearest t seconds.
double magnitudeAt(const Spectrogram<double>& z, double hz, double seconds) {
    const int k = int(std::lround(hz / 1e6 * 256 + 256)) % 256;
    const auto j = std::int64_t(std::lround(seconds * 1e6 / 64));
    return std::abs(z.at(k, j));
}

std::string errorOf(const std::string& json) {
    try {
        parsePictureDescription(json, "p.png");
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST(PictureDescription, RoundTripsThroughJson) {
    const PictureDescription d = described();
    const PictureDescription back = parsePictureDescription(toJson(d), "p.png");
    EXPECT_EQ(back.left, 50);
    EXPECT_EQ(back.height, 256);
    EXPECT_DOUBLE_EQ(back.f0, d.f0);
    EXPECT_DOUBLE_EQ(back.t1, d.t1);
    EXPECT_EQ(back.colormap, "inferno");
    EXPECT_EQ(back.centerFrequency, 433.92e6);
    EXPECT_TRUE(back.complex);
    EXPECT_EQ(back.noverlap, 192);
    EXPECT_EQ(back.origin(), "exported by SpecEdit from burst.wav (original)");
}

TEST(PictureDescription, AWrongFieldIsNamed) {
    auto changed = [](const char* field, const nlohmann::json& value) {
        nlohmann::json j = nlohmann::json::parse(toJson(described()));
        if (std::string(field) == "noverlap")
            j["stft"][field] = value;
        else
            j[field] = value;
        return j.dump();
    };
    EXPECT_EQ(errorOf("not json"), "p.png: its SpecEdit description (PNG text \"SpecEdit "
                                   "spectrogram\") is not a JSON object (expected the picture "
                                   "as SpecEdit exported it)");
    EXPECT_EQ(errorOf(changed("time_s", {0.05, 0.01})),
              "p.png: its SpecEdit description (PNG text \"SpecEdit spectrogram\") has no valid "
              "\"time_s\" (expected two increasing numbers (the picture as SpecEdit exported "
              "it; or give every axis, which wins over the description))");
    EXPECT_NE(errorOf(changed("version", 2)).find("a newer SpecEdit"), std::string::npos);
    EXPECT_NE(errorOf(changed("noverlap", 256)).find("\"noverlap\" (expected fewer than nperseg"),
              std::string::npos);
    EXPECT_NE(errorOf(changed("frequency_scale", "bark")).find("linear, log or mel"),
              std::string::npos);
}

TEST(PictureDescription, ReadFromAPngsTextAndOnlyFromIt) {
    TempDir dir;
    const std::vector<Rgb8> px(64, Rgb8{1, 2, 3});
    writePng(dir.file("d.png"), 8, 8, px, kPictureDescriptionKey, toJson(described()));
    writePng(dir.file("plain.png"), 8, 8, px, "Software", "elsewhere");
    writeText(dir.file("not.png"), "no picture");
    const auto d = readPictureDescription(dir.file("d.png"));
    ASSERT_TRUE(d);
    EXPECT_EQ(d->nperseg, 256);
    EXPECT_EQ(readPngText(dir.file("plain.png")), (PngText{{"Software", "elsewhere"}}));
    EXPECT_FALSE(readPictureDescription(dir.file("plain.png")));
    EXPECT_FALSE(readPictureDescription(dir.file("not.png")));
}

// Read where and as described: no plot searched for (inferno's quiet end is near black, the
// axes' lines would be read as silence), the lines filled from their neighbours.
TEST(PictureDescription, APictureOfAKnownSignalIsRebuiltWithNothingGiven) {
    TempDir dir;
    const PictureDescription d = described();
    const std::string path = dir.file("burst.png");
    writePng(path, 400, 300, drawPicture(d, 400, 300), kPictureDescriptionKey, toJson(d));

    const PictureAxes axes = pictureAxes(path, "auto", {});
    ASSERT_TRUE(axes.description);
    EXPECT_EQ(axes.note, "time -0.00003 to 0.01917 s; frequency -501953 to 498047 Hz; levels "
                         "-110.0 to 0.0 dB");
    // Tone B's row (bin -64) is loud in every frame: the black line over the first column
    // takes its neighbour's level, not the map's quietest.
    const auto read = readPictureOnce(path, "auto");
    EXPECT_NEAR(read->levels.levels.at(191, 0), read->levels.levels.at(191, 1), 0.02);
    EXPECT_GT(read->levels.levels.at(191, 0), 0.75);
    RebuildSpec spec;
    spec.magnitudePath = path;
    spec.image = axes.axes;
    spec.analysis.fs = axes.description->sampleRate;
    JobControl job;
    const RebuildOutcome r = rebuildSignal(spec, job);
    EXPECT_EQ(r.params.nperseg, 256);
    EXPECT_EQ(r.params.hop(), 64);
    EXPECT_TRUE(r.complexSignal);
    EXPECT_EQ(r.centerFrequency, 433.92e6);
    EXPECT_NE(r.pictureNote.find("as its SpecEdit description says; 100 % of the plot's"),
              std::string::npos)
        << r.pictureNote;

    const auto z = stft(r.iq, params());
    // The tones at their levels (spectrum scaling: a complex tone's amplitude) within 1 dB;
    // tone A off before 5 ms and after 12 ms (40 dB down, more than a frame away).
    EXPECT_NEAR(20 * std::log10(magnitudeAt(z, 100e3, 0.008)), 20 * std::log10(0.5), 1.0);
    EXPECT_NEAR(20 * std::log10(magnitudeAt(z, -250e3, 0.008)), 20 * std::log10(0.1), 1.0);
    EXPECT_NEAR(20 * std::log10(magnitudeAt(z, -250e3, 0.017)), 20 * std::log10(0.1), 1.0);
    EXPECT_LT(magnitudeAt(z, 100e3, 0.0045), 0.5 * 0.01);
    EXPECT_LT(magnitudeAt(z, 100e3, 0.0125), 0.5 * 0.01);
}

TEST(PictureDescription, APlotBeyondThePictureOrOnALogAxisIsRefused) {
    TempDir dir;
    PictureDescription d = described();
    d.left = 200; // 200 + 300 > 400
    writePng(dir.file("cut.png"), 400, 300, drawPicture(described(), 400, 300),
             kPictureDescriptionKey, toJson(d));
    EXPECT_THROW(
        {
            try {
                pictureAxes(dir.file("cut.png"), "auto", {});
            } catch (const Error& e) {
                EXPECT_EQ(std::string(e.what()),
                          dir.file("cut.png") +
                              ": its SpecEdit description puts the plot at columns 201 to 500 "
                              "and rows 21 to 276, beyond the 400 x 300 picture (expected the "
                              "picture as SpecEdit exported it (not cropped or scaled))");
                throw;
            }
        },
        Error);
    d = described();
    d.frequencyScale = "log";
    writePng(dir.file("log.png"), 400, 300, drawPicture(d, 400, 300), kPictureDescriptionKey,
             toJson(d));
    try {
        pictureAxes(dir.file("log.png"), "auto", {});
        FAIL() << "a log axis was read";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("shows a log frequency axis"), std::string::npos);
    }
}

// A described picture's levels are dB of full scale: a result above it is blamed on the
// rebuilt phase and, drawn zoomed out, on the loudest-of-many rows and columns, not on levels
// that might be wrong.
TEST(PictureDescription, AResultAboveFullScaleIsNotBlamedOnItsLevels) {
    RebuildOutcome o;
    o.params = params();
    o.iq = {{2.0, 0.0}};
    o.pictureDescribed = true;
    o.picturePooled = true;
    EXPECT_EQ(levelWarning(o, "--image-db"),
              "the result peaks at 2 (+6.0 dB above full scale), where integer samples clip. The "
              "picture's levels are dB of full scale (its SpecEdit description says so): the "
              "rebuilt phase added up higher than the original's, and the picture's rows and "
              "columns show the loudest of several bins and frames (above); write a float WAV "
              "or a .npy file to keep every value");
    o.pictureDescribed = false;
    EXPECT_NE(levelWarning(o, "--image-db").find("Either the picture's levels are not dB"),
              std::string::npos);
}
