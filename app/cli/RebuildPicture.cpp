#include "cli/RebuildArgs.h"
#include "phase/SpectrumImport.h"
#include "util/Error.h"

#include <cmath>
#include <iostream>
#include <tuple>

namespace specedit::cli {
namespace {

// "; sample rate 2000000 Hz, centre frequency 433920000 Hz" as the description gives them and
// no option replaces them.
std::string describedRate(const RebuildArgs& a, const core::PictureDescription& d) {
    std::string out;
    if (!a.analysis.fs)
        out += "; sample rate " + core::exactNumber(d.sampleRate) + " Hz";
    if (!a.center && d.centerFrequency)
        out += "; centre frequency " + core::exactNumber(*d.centerFrequency) + " Hz";
    return out;
}

} // namespace

bool given(const RebuildArgs& a, const std::string& option) {
    for (const CLI::Option* o : a.readingOptions)
        if (o->count() > 0 && o->get_name() == option)
            return true;
    return false;
}

std::optional<core::PictureAxes> imageAxes(const RebuildArgs& a) {
    if (!core::isImagePath(a.input.magnitude))
        return std::nullopt;
    const std::tuple<const char*, const std::vector<double>*, const char*> parts[] = {
        {"--image-db", &a.imageDb, "-100,0"},
        {"--image-time", &a.imageTime, "0,2.5"},
        {"--image-freq", &a.imageFreq, "0,8000"}};
    for (const auto& [name, values, example] : parts)
        if (!values->empty() && values->size() != 2)
            throw core::Error(name, "takes two numbers",
                              "e.g. " + std::string(name) + " " + example);
    auto range = [](const std::vector<double>& v) {
        return v.empty() ? core::AxisRange{} : core::AxisRange{{v[0], v[1]}};
    };
    const auto read = core::pictureAxes(a.input.magnitude, a.imageColormap,
                                        {range(a.imageDb), range(a.imageTime), range(a.imageFreq)});
    if (read.description)
        std::cout << "read from the picture's SpecEdit description (" << read.description->origin()
                  << ")" << (read.note.empty() ? "" : ": ") << read.note
                  << describedRate(a, *read.description) << "\n";
    else if (!read.note.empty())
        std::cout << "read from the picture's tick labels: " << read.note << "\n";
    for (const std::string& w : read.warnings)
        std::cerr << "rebuild: warning: " << w << "\n";
    return read;
}

void readAsOffsets(const RebuildArgs& a, core::ImageAxes& axes) {
    if (!a.center || !core::offsetsFromCentre(axes, *a.center))
        return;
    std::cout << "frequency axis read as offsets from --center " << core::exactNumber(*a.center)
              << " Hz: " << core::shortNumber(axes.f0) << " to " << core::shortNumber(axes.f1)
              << " Hz\n";
}

void checkPicture(const RebuildArgs& a, core::RebuildSpec& spec) {
    if (a.uncentred)
        throw core::Error("--uncentred", "given with a picture",
                          "no --uncentred: a picture's frames lie where --image-time puts them");
    std::string ignored;
    for (const CLI::Option* o : a.readingOptions)
        if (o->count() > 0 && o->get_name() != "--window" && o->get_name() != "--nperseg" &&
            o->get_name() != "--noverlap" && o->get_name() != "--nfft")
            ignored += (ignored.empty() ? "" : ", ") + o->get_name();
    for (const CLI::Option* o : {a.layoutOption, a.magUnitOption, a.phaseUnitOption, a.sidesOption})
        if (o->count() > 0)
            ignored += (ignored.empty() ? "" : ", ") + o->get_name();
    if (!ignored.empty())
        std::cerr << "rebuild: warning: " << ignored
                  << " do not apply to a picture (its levels are dB between --image-db's ends, "
                     "of scipy's \"spectrum\" magnitudes or, with --scaling psd, of a power "
                     "spectral density) and are ignored\n";
    const double fs = spec.analysis.fs;
    if (a.analysis.fs || fs == std::round(fs))
        return;
    if (std::abs(fs - std::round(fs)) <= 1e-6 * fs)
        spec.analysis.fs = std::round(fs);
    else if (!isNpyPath(a.out))
        throw core::Error("--image-freq",
                          "shows a sample rate of " + core::exactNumber(fs) +
                              " Hz, and sound files store whole hertz",
                          "--fs with the rate the picture was made at (e.g. --fs " +
                              core::exactNumber(std::round(fs)) + ")");
}

void sayPictureScaling(const RebuildArgs& a, const core::RebuildOutcome& r) {
    if (r.pictureDescribed || a.scalingOption->count() > 0)
        return;
    std::cout << "levels read as dB of scipy's \"spectrum\" magnitudes: a picture of a power "
                 "spectral density (matplotlib's specgram, scipy.signal.spectrogram's default) "
                 "takes --scaling psd, and comes back "
              << std::round(10 * core::psdPictureOffsetDb(r.params)) / 10 << " dB louder so\n";
}

void sayPictureRate(const RebuildArgs& a, const core::RebuildSpec& spec) {
    std::cout << "sample rate " << core::exactNumber(spec.analysis.fs) << " Hz from "
              << (a.imageFreq.empty() ? "the frequency axis' labels" : "--image-freq") << " ("
              << (core::spansNegativeFrequencies(*spec.image)
                      ? "an IQ picture spans it"
                      : "the top of the picture is half of it")
              << "; --fs if the picture shows only part of the band)\n";
}

} // namespace specedit::cli
