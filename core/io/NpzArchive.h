#pragma once
// NumPy's .npz archives (numpy.savez, savez_compressed): a zip of .npy files, one per array,
// each named by its keyword (np.savez("s.npz", mag=m, phase=p): mag.npy, phase.npy) or arr_0,
// arr_1, ... Read with libarchive; the array asked for is unpacked into a private temporary
// file, read as any .npy (io/MatrixFile.h) and removed. The archive is never changed.

#include <optional>
#include <string>
#include <vector>

namespace specedit::core {

// "s.npz" or "s.npz:NAME" (an array in it, as numpy.load(...)["NAME"] names it).
bool isNpzPath(const std::string& path);

struct NpzMember {
    std::string archive; // the file
    std::string name;    // the array; "" for the archive's only one
};
NpzMember splitNpzPath(const std::string& path);

// The arrays' names in storage order. Throws Error naming the file for a missing, damaged or
// non-zip file.
std::vector<std::string> npzArrays(const std::string& archive);

// The array as a temporary .npy file, removed when the object goes. None named: the only one
// besides axes and parameters saved with it (f, t, freqs, times, fs, sr, hop, ...). Throws
// Error naming the file when the array is missing (listing those it holds) or when none is
// named and several remain ("s.npz holds 2 arrays (mag, phase)", expected "one of them named
// as FILE.npz:NAME, e.g. s.npz:mag").
class NpzExtract {
public:
    explicit NpzExtract(const std::string& path);
    ~NpzExtract();
    NpzExtract(const NpzExtract&) = delete;
    NpzExtract& operator=(const NpzExtract&) = delete;
    const std::string& npyPath() const { return m_path; }

private:
    std::string m_path;
};

// For an archive given alone as the magnitudes: its magnitude and phase arrays when it holds
// exactly two besides its axes and their names say which is which (mag, magnitude, abs,
// amplitude, S, spec ... / phase, angle, arg, P), or they are np.savez's positional arr_0 and
// arr_1 (magnitudes first); nullopt otherwise.
struct NpzPair {
    std::string magnitude, phase; // "s.npz:mag", "s.npz:phase"
};
std::optional<NpzPair> npzMagnitudeAndPhase(const std::string& archive);

} // namespace specedit::core
