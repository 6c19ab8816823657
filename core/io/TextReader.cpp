#include "io/TextReader.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>

namespace specedit::core {
namespace {

// Tesseract reads letters about this many pixels high best (its documentation: 20 pixels of
// x-height or more); a 100-dpi figure's labels are 7 to 10.
constexpr double kReadHeight = 24;
constexpr int kBorder = 20;

struct PixDeleter {
    void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// Black ink on white, scaled and framed for reading.
PixPtr pixOf(const InkPatch& patch, bool upward) {
    PixPtr pix(pixCreate(patch.width, patch.height, 8));
    for (int r = 0; r < patch.height; ++r)
        for (int c = 0; c < patch.width; ++c) {
            const float ink = patch.ink[std::size_t(r) * std::size_t(patch.width) + std::size_t(c)];
            pixSetPixel(pix.get(), c, r,
                        l_uint32(std::lround(255 * (1 - std::clamp(ink, 0.f, 1.f)))));
        }
    if (upward)
        pix.reset(pixRotate90(pix.get(), 1));
    const int height =
        patch.textHeight > 0 ? patch.textHeight : (upward ? patch.width : patch.height);
    const float scale = float(std::max(1.0, kReadHeight / std::max(height, 1)));
    if (scale > 1)
        pix.reset(pixScale(pix.get(), scale, scale));
    return PixPtr(pixAddBorder(pix.get(), kBorder, 255));
}

std::string trimmed(const char* text) {
    std::string s = text ? text : "";
    s.erase(std::remove_if(s.begin(), s.end(), [](char ch) { return ch == '\n' || ch == '\r'; }),
            s.end());
    while (!s.empty() && s.back() == ' ')
        s.pop_back();
    while (!s.empty() && s.front() == ' ')
        s.erase(s.begin());
    return s;
}

} // namespace

struct TextReader::Engine {
    tesseract::TessBaseAPI api;
};

TextReader::TextReader() : m_engine(std::make_unique<Engine>()) {
    auto& api = m_engine->api;
    api.SetVariable("debug_file", "/dev/null");
    if (api.Init(nullptr, "eng", tesseract::OEM_LSTM_ONLY) != 0)
        throw Error("tesseract", "could not load its English data",
                    "the Debian package tesseract-ocr-eng (scripts/setup-debian.sh installs it)");
    api.SetVariable("debug_file", "/dev/null");
    api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
}

TextReader::~TextReader() {
    m_engine->api.End();
}

std::string TextReader::read(const InkPatch& patch, bool upward) {
    if (patch.width <= 0 || patch.height <= 0)
        return {};
    PixPtr pix = pixOf(patch, upward);
    auto& api = m_engine->api;
    api.SetImage(pix.get());
    api.SetSourceResolution(300);
    std::unique_ptr<char[]> text(api.GetUTF8Text());
    api.Clear();
    return trimmed(text.get());
}

std::string TextReader::readNumber(const InkPatch& patch) {
    auto& api = m_engine->api;
    api.SetVariable("tessedit_char_whitelist", "0123456789.-");
    std::string text = read(patch, false);
    if (text.empty()) { // a lone digit ("1") is often missed as a line, rarely as a character
        api.SetPageSegMode(tesseract::PSM_SINGLE_CHAR);
        text = read(patch, false);
        api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    }
    return text;
}

std::string TextReader::readText(const InkPatch& patch, bool upward) {
    m_engine->api.SetVariable("tessedit_char_whitelist", "");
    return read(patch, upward);
}

} // namespace specedit::core
