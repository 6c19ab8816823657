// Label imports (label/LabelFiles): CSV, Audacity label tracks, Raven selection tables and
// SigMF annotations, the first byte picking the file's name.

#include "FuzzUtil.h"
#include "label/LabelFiles.h"

#include <iterator>

using namespace specedit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const char* const kNames[] = {"l.csv", "l.txt", "l.selections.txt", "l.sigmf-meta"};
    const std::size_t choice = fuzz::takeChoice(data, size, std::size(kNames));
    const std::string path = fuzz::writeInput(kNames[choice], data, size);
    fuzz::refusalsOnly([&] { core::readLabelFile(path, {2e6, 433.92e6, "", "", 0}); });
    return 0;
}
