#include "apply/Demo.h"

#include "io/SignalWriter.h"
#include "project/Project.h"
#include "util/Error.h"

#include <cmath>
#include <complex>
#include <filesystem>
#include <numbers>
#include <random>
#include <vector>

namespace specedit::core {
namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;
constexpr double kIqRate = 2e6;
constexpr double kCenter = 433.92e6;
constexpr std::int64_t kBlock = 1 << 16;

// One pseudo-random bit per symbol, fixed by the symbol index (repeatable packets).
int bitAt(std::int64_t symbol, unsigned salt) {
    std::uint64_t x = std::uint64_t(symbol) * 0x9E3779B97F4A7C15ULL + salt;
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ULL;
    return int((x >> 29) & 1);
}

struct IqGenerator {
    std::mt19937 rng{20261121};
    std::normal_distribution<double> noise{0.0, 0.01};
    double fskPhase = 0.0;

    std::complex<double> sample(std::int64_t n) {
        const double t = double(n) / kIqRate;
        std::complex<double> x(noise(rng), noise(rng));
        const double inSecond = std::fmod(t, 1.0);
        // OOK: 120 ms bursts from 0.2 s each second, 5 kbaud, at +300 kHz.
        if (inSecond >= 0.2 && inSecond < 0.32 && bitAt(std::int64_t(t * 5000), 1))
            x += std::polar(0.3, kTwoPi * 300e3 * t);
        // FSK: 60 ms packets from 0.6 s each second, 10 kbaud, +-40 kHz around -400 kHz.
        if (inSecond >= 0.6 && inSecond < 0.66) {
            const double dev = bitAt(std::int64_t(t * 10000), 2) ? 40e3 : -40e3;
            fskPhase += kTwoPi * (-400e3 + dev) / kIqRate;
            x += std::polar(0.25, fskPhase);
        }
        // Chirp: -700 kHz -> -100 kHz between 1.5 s and 2.5 s (600 kHz/s).
        if (t >= 1.5 && t < 2.5) {
            const double u = t - 1.5;
            x += std::polar(0.2, kTwoPi * (-700e3 * u + 0.5 * 600e3 * u * u));
        }
        return x;
    }
};

struct AudioGenerator {
    double rate = 48000;
    std::mt19937 rng{4242};
    std::normal_distribution<double> noise{0.0, 0.005};
    double voicePhase = 0.0, whistlePhase = 0.0;

    double sample(std::int64_t n) {
        const double t = double(n) / rate;
        // Voiced syllables: f0 gliding 110..180 Hz, 4 Hz syllable envelope, harmonics with a
        // formant-like tilt (peaks near 500 Hz and 1500 Hz).
        const double f0 = 145.0 + 35.0 * std::sin(kTwoPi * 0.7 * t);
        voicePhase += kTwoPi * f0 / rate;
        const double envelope = std::pow(std::max(0.0, std::sin(kTwoPi * 2.0 * t)), 2.0);
        double voice = 0.0;
        for (int h = 1; h <= 25; ++h) {
            const double fh = h * f0;
            const double formant = std::exp(-std::pow((fh - 500) / 300, 2)) +
                                   0.5 * std::exp(-std::pow((fh - 1500) / 400, 2)) + 0.05;
            voice += formant / h * std::sin(h * voicePhase);
        }
        double x = 0.25 * envelope * voice + noise(rng);
        if (t >= 2.0 && t < 3.0) {
            whistlePhase += kTwoPi * (2500.0 + 200.0 * (t - 2.0)) / rate;
            x += 0.2 * std::sin(whistlePhase);
        }
        return x;
    }
};

std::string writeIq(const std::filesystem::path& dir, double seconds, JobControl& job) {
    SignalInfo info;
    info.kind = SignalKind::Iq;
    info.sampleRate = kIqRate;
    info.channels = 2;
    info.frames = std::int64_t(seconds * kIqRate);
    info.sampleType = SampleType::Int16;
    info.centerFrequency = kCenter;
    info.startTime = "2026-11-21T12:00:00Z";
    const std::string path = (dir / "SDRuno_20261121_120000Z_433920kHz.wav").string();
    SignalWriter writer(path, info, {});
    IqGenerator gen;
    std::vector<float> buf(2 * kBlock);
    for (std::int64_t n0 = 0; n0 < info.frames; n0 += kBlock) {
        job.checkCancelled();
        const std::int64_t len = std::min(kBlock, info.frames - n0);
        for (std::int64_t i = 0; i < len; ++i) {
            const auto x = gen.sample(n0 + i);
            buf[std::size_t(2 * i)] = float(x.real());
            buf[std::size_t(2 * i + 1)] = float(x.imag());
        }
        writer.write(buf.data(), len);
        job.setProgress(0.8 * double(n0 + len) / double(info.frames));
    }
    writer.finish();
    return path;
}

std::string writeAudio(const std::filesystem::path& dir, double seconds, JobControl& job) {
    SignalInfo info;
    info.sampleRate = 48000;
    info.channels = 1;
    info.frames = std::int64_t(seconds * info.sampleRate);
    info.sampleType = SampleType::Int16;
    const std::string path = (dir / "demo_voice_whistle.wav").string();
    SignalWriter writer(path, info, {});
    AudioGenerator gen;
    std::vector<float> buf(kBlock);
    for (std::int64_t n0 = 0; n0 < info.frames; n0 += kBlock) {
        job.checkCancelled();
        const std::int64_t len = std::min(kBlock, info.frames - n0);
        for (std::int64_t i = 0; i < len; ++i)
            buf[std::size_t(i)] = float(gen.sample(n0 + i));
        writer.write(buf.data(), len);
    }
    writer.finish();
    job.setProgress(1.0);
    return path;
}

std::string writeIqProject(const std::filesystem::path& dir, const std::string& recording) {
    Project p;
    p.source = std::filesystem::path(recording).filename().string();
    p.analysis = StftParams::make(WindowSpec{}, 4096, 3072, 4096);
    Shape chirp; // a brush stroke along the chirp's path, in absolute frequency
    chirp.id = 1;
    chirp.type = ShapeType::Stroke;
    chirp.points = {{1.5, kCenter - 700e3}, {2.5, kCenter - 100e3}};
    chirp.radiusS = 0.01;
    chirp.radiusHz = 15e3;
    chirp.featherS = 0.005;
    chirp.featherHz = 5e3;
    chirp.extra["label"] = "chirp";
    p.shapes.push_back(chirp);
    const std::string path = (dir / "demo_iq.specedit.json").string();
    saveProject(p, path);
    return path;
}

std::string writeAudioProject(const std::filesystem::path& dir, const std::string& recording) {
    Project p;
    p.source = std::filesystem::path(recording).filename().string();
    p.analysis = StftParams::make(WindowSpec{}, 2048, 1536, 2048);
    Shape whistle;
    whistle.id = 1;
    whistle.type = ShapeType::Rect;
    whistle.t0 = 1.98;
    whistle.t1 = 3.02;
    whistle.f0 = 2450;
    whistle.f1 = 2750;
    whistle.featherS = 0.02;
    whistle.featherHz = 40;
    whistle.extra["label"] = "whistle";
    p.shapes.push_back(whistle);
    const std::string path = (dir / "demo_audio.specedit.json").string();
    saveProject(p, path);
    return path;
}

} // namespace

DemoFiles writeDemo(const std::string& dirName, const DemoSpec& spec, JobControl& job) {
    const std::filesystem::path dir(dirName);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir))
        throw Error(dirName, "cannot create the folder: " + ec.message(), "a writable folder path");
    DemoFiles files;
    files.iqRecording = writeIq(dir, spec.iqSeconds, job);
    files.iqProject = writeIqProject(dir, files.iqRecording);
    files.audioRecording = writeAudio(dir, spec.audioSeconds, job);
    files.audioProject = writeAudioProject(dir, files.audioRecording);
    return files;
}

} // namespace specedit::core
