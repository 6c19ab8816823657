#pragma once
// Short printed text read by Tesseract (Debian's libtesseract-dev and tesseract-ocr-eng): a
// figure's tick labels and axis titles (io/FigureAxes.h). The text is given as ink, 0 (none)
// to 1 (full), whatever its colour on whatever background; it is scaled up (Leptonica,
// linearly) to letters about 40 pixels high, the size Tesseract reads best, framed in white and
// read as one line.

#include <memory>
#include <string>
#include <vector>

namespace specedit::core {

struct InkPatch {
    int width = 0, height = 0;
    std::vector<float> ink; // row-major, 0 .. 1
    int textHeight = 0;     // the letters' height in pixels (0: the patch's)
};

class TextReader {
public:
    // Throws Error when Tesseract's English data cannot be loaded.
    TextReader();
    ~TextReader();
    TextReader(const TextReader&) = delete;
    TextReader& operator=(const TextReader&) = delete;

    // A number as printed on an axis: digits, '.', '-' (matplotlib's minus sign reads as one).
    std::string readNumber(const InkPatch& patch);
    // Any text, turned a quarter to the left first when `upward` (a vertical axis title reads
    // from bottom to top).
    std::string readText(const InkPatch& patch, bool upward = false);

private:
    std::string read(const InkPatch& patch, bool upward);
    struct Engine;
    std::unique_ptr<Engine> m_engine;
};

} // namespace specedit::core
