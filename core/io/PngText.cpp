#include "io/PngText.h"

#include "util/Error.h"

#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <png.h>

namespace specedit::core {
namespace {

struct Reader {
    png_structp png = nullptr;
    png_infop info = nullptr;
    char message[200] = {};
};

void onError(png_structp png, png_const_charp text) {
    auto* r = static_cast<Reader*>(png_get_error_ptr(png));
    std::snprintf(r->message, sizeof r->message, "%s", text);
    png_longjmp(png, 1);
}

void onWarning(png_structp, png_const_charp) {} // a bad CRC on a chunk we skip is no concern

// libpng reports errors by longjmp: nothing here has a destructor to skip. False on an error,
// its text in r.message.
bool readInfo(std::FILE* file, Reader& r, PngText& out) {
    r.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &r, onError, onWarning);
    if (!r.png)
        return false;
    r.info = png_create_info_struct(r.png);
    if (!r.info)
        return false;
    if (setjmp(png_jmpbuf(r.png)))
        return false;
    png_init_io(r.png, file);
    png_read_info(r.png, r.info);
    png_textp texts = nullptr;
    int count = 0;
    png_get_text(r.png, r.info, &texts, &count);
    for (int i = 0; i < count; ++i)
        out.emplace_back(texts[i].key ? texts[i].key : "", texts[i].text ? texts[i].text : "");
    return true;
}

} // namespace

PngText readPngText(const std::string& path) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file)
        throw Error(path, "cannot be opened: " + std::string(std::strerror(errno)),
                    "a readable picture");
    unsigned char signature[8] = {};
    const bool png = std::fread(signature, 1, 8, file) == 8 && png_sig_cmp(signature, 0, 8) == 0;
    std::rewind(file);
    PngText out;
    Reader r;
    const bool ok = png && readInfo(file, r, out);
    png_destroy_read_struct(r.png ? &r.png : nullptr, r.info ? &r.info : nullptr, nullptr);
    std::fclose(file);
    if (png && !ok)
        throw Error(path, std::string("its PNG chunks are damaged: ") + r.message,
                    "a PNG file as written (saved again, or not cut short)");
    return out;
}

} // namespace specedit::core
