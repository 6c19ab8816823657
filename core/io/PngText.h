#pragma once
// The text chunks of a PNG file (tEXt, zTXt, iTXt: keyword and text), read with libpng
// (Debian's libpng-dev). Only the chunks before the image data are read, where writers put
// them (Qt's QImage::setText, matplotlib's metadata=, Pillow's PngInfo): the pixels are not
// decoded. Pictures SpecEdit exports describe themselves in one (io/PictureDescription.h).

#include <string>
#include <utility>
#include <vector>

namespace specedit::core {

using PngText = std::vector<std::pair<std::string, std::string>>; // keyword, text (UTF-8)

// Empty for a file that is no PNG or holds no text before its image data. Throws Error naming
// the file when it cannot be opened, or when its chunks are damaged before the image data.
PngText readPngText(const std::string& path);

} // namespace specedit::core
