// .npy (io/Npy): as a signal (io/NpySignalSource, as `specedit-cli stft` reads it) and as a
// matrix of STFT data (io/MatrixFile).

#include "FuzzUtil.h"
#include "io/MatrixFile.h"
#include "io/NpySignalSource.h"

using namespace specedit;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = fuzz::writeInput("x.npy", data, size);
    fuzz::refusalsOnly([&] { fuzz::readAround(core::NpySignalSource(path, 2e6)); });
    fuzz::refusalsOnly([&] { core::readMatrix(path); });
    return 0;
}
