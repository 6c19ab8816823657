// Numpy arrays as recordings (io/SourceFactory, io/NpySignalSource) and as outputs
// (io/SignalWriter): what numpy.save writes opens with the values numpy.load gives, and what
// SpecEdit writes loads back as the samples written.

#include "TestUtil.h"
#include "io/Npy.h"
#include "io/SignalWriter.h"
#include "io/SourceFactory.h"
#include "util/Error.h"

#include <complex>
#include <gtest/gtest.h>

using namespace specedit::core;
using specedit::test::TempDir;

namespace {

template <typename T>
std::string saved(const TempDir& dir, const std::string& name, NpyType type,
                  std::vector<std::int64_t> shape, const std::vector<T>& values,
                  bool fortran = false) {
    const auto path = dir.file(name);
    NpyWriter w(path, type, std::move(shape), fortran);
    w.append(values.data(), values.size());
    w.finish();
    return path;
}

OpenOptions atRate(double rate) {
    OpenOptions o;
    o.sampleRate = rate;
    return o;
}

std::vector<float> readAll(const SampleSource& src) {
    std::vector<float> v(std::size_t(src.info().frames * src.info().channels));
    src.read(0, src.info().frames, v.data());
    return v;
}

} // namespace

// numpy's complex64 IQ (np.save of a capture): I/Q at the rate given, centre from the name.
TEST(NpyRecording, ComplexSamplesAreIq) {
    TempDir dir;
    const std::vector<std::complex<float>> x = {{0.5f, -0.25f}, {1, 2}, {-3, 0.125f}};
    const auto path = saved(dir, "burst_433.92M.npy", NpyType::Complex64, {3}, x);
    auto src = openRecording(path, atRate(2e6));
    EXPECT_EQ(src->info().kind, SignalKind::Iq);
    EXPECT_EQ(src->info().container, Container::Npy);
    EXPECT_EQ(src->info().frames, 3);
    EXPECT_EQ(src->info().sampleRate, 2e6);
    EXPECT_EQ(src->info().centerFrequency.value_or(0), 433.92e6);
    EXPECT_EQ(src->info().origins.centerFrequency, "file name");
    EXPECT_EQ(readAll(*src), (std::vector<float>{0.5f, -0.25f, 1, 2, -3, 0.125f}));
    float around[8];
    src->read(-1, 4, around); // zeros outside, the samples inside
    EXPECT_EQ(std::vector<float>(around, around + 8),
              (std::vector<float>{0, 0, 0.5f, -0.25f, 1, 2, -3, 0.125f}));
    OpenOptions swapped = atRate(2e6);
    swapped.swapIq = true;
    EXPECT_EQ(readAll(*openRecording(path, swapped))[0], -0.25f);
    // complex128 in a (1, 3) array gives the same values.
    const std::vector<std::complex<double>> wide(x.begin(), x.end());
    const auto be = saved(dir, "wide.npy", NpyType::Complex128, {1, 3}, wide);
    EXPECT_EQ(readAll(*openRecording(be, atRate(1e6))), readAll(*src));
    EXPECT_EQ(openRecording(be, atRate(1e6))->info().sampleType, SampleType::Float64);
    EXPECT_EQ(src->info().sampleType, SampleType::Float32);
}

// Two rows of I and Q (RF datasets), two columns (soundfile.read's stereo), Fortran order.
TEST(NpyRecording, TwoChannelsAreAudioOrIqAsForAStereoFile) {
    TempDir dir;
    const std::vector<float> rows = {1, 2, 3, 4, -1, -2, -3, -4}; // I row, Q row
    const auto path = saved(dir, "rows.npy", NpyType::Float32, {2, 4}, rows);
    auto audio = openRecording(path, atRate(48000));
    EXPECT_EQ(audio->info().kind, SignalKind::Audio);
    EXPECT_EQ(audio->info().channels, 2);
    EXPECT_EQ(audio->info().frames, 4);
    EXPECT_EQ(readAll(*audio), (std::vector<float>{1, -1, 2, -2, 3, -3, 4, -4}));
    auto iq = openRecording(path, atRate(2e6)); // no audio runs at 2 MS/s
    EXPECT_EQ(iq->info().kind, SignalKind::Iq);
    EXPECT_EQ(iq->info().origins.kind, "rate above 384 kHz");
    OpenOptions forced = atRate(48000);
    forced.forceIq = true;
    EXPECT_EQ(openRecording(path, forced)->info().kind, SignalKind::Iq);
    // The same frames x channels in C order and in Fortran order, as float64.
    const std::vector<double> interleaved = {1, -1, 2, -2, 3, -3, 4, -4};
    const auto c = saved(dir, "c.npy", NpyType::Float64, {4, 2}, interleaved);
    EXPECT_EQ(readAll(*openRecording(c, atRate(8000))), readAll(*audio));
    const std::vector<double> planes(rows.begin(), rows.end());
    const auto f = saved(dir, "f.npy", NpyType::Float64, {4, 2}, planes, true);
    EXPECT_EQ(readAll(*openRecording(f, atRate(8000))), readAll(*audio));
}

TEST(NpyRecording, WhatCannotBeReadIsSaid) {
    TempDir dir;
    const auto iq = saved(dir, "iq.npy", NpyType::Complex64, {2},
                          std::vector<std::complex<float>>{{1, 0}, {0, 1}});
    try {
        openRecording(iq, {});
        FAIL() << "opened without a rate";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::NeedsRawParameters);
        EXPECT_NE(std::string(e.what()).find("numpy arrays carry none"), std::string::npos);
    }
    OpenOptions format = atRate(1e6);
    format.rawFormat = "cs16";
    specedit::test::expectError([&] { openRecording(iq, format); },
                                {"--format", "iq.npy, a numpy array", "no --format for a .npy"});
    OpenOptions audio = atRate(1e6);
    audio.forceAudio = true;
    specedit::test::expectError([&] { openRecording(iq, audio); },
                                {"iq.npy", "complex (I/Q) samples, asked to be read as audio"});
    const auto mono = saved(dir, "mono.npy", NpyType::Float32, {3}, std::vector<float>{1, 2, 3});
    OpenOptions centre = atRate(8000);
    centre.centerFrequency = 1e6;
    specedit::test::expectError([&] { openRecording(mono, centre); },
                                {"mono.npy", "--center given for audio samples"});
    OpenOptions iqMono = atRate(8000);
    iqMono.forceIq = true;
    specedit::test::expectError([&] { openRecording(mono, iqMono); },
                                {"mono.npy", "I/Q needs 2 channels (I and Q) but the array has 1"});
    const auto matrix =
        saved(dir, "spec.npy", NpyType::Float32, {40, 33}, std::vector<float>(40 * 33));
    specedit::test::expectError(
        [&] { openRecording(matrix, atRate(8000)); },
        {"spec.npy", "is a 40 x 33 array, not a signal", "File > Rebuild from spectrogram"});
    const auto empty = saved(dir, "empty.npy", NpyType::Float32, {5, 0}, std::vector<float>{});
    specedit::test::expectError([&] { openRecording(empty, atRate(8000)); },
                                {"empty.npy", "holds no samples (shape 5 x 0)"});
    // A small spectrogram is no 20-channel recording: more than 2 channels need 64 samples each.
    const auto small =
        saved(dir, "small.npy", NpyType::Float32, {129, 20}, std::vector<float>(129 * 20));
    specedit::test::expectError([&] { openRecording(small, atRate(8000)); },
                                {"small.npy", "is a 129 x 20 array, not a signal"});
    const auto eight =
        saved(dir, "eight.npy", NpyType::Float32, {8, 512}, std::vector<float>(8 * 512));
    EXPECT_EQ(openRecording(eight, atRate(8000))->info().channels, 8);
    const auto cube = saved(dir, "cube.npy", NpyType::Float32, {4, 3, 2}, std::vector<float>(24));
    specedit::test::expectError([&] { openRecording(cube, atRate(8000)); },
                                {"cube.npy", "is a 4 x 3 x 2 array, not a signal"});
}

// Exports to .npy: complex64 for I/Q, frames x channels for audio, of any length (the header
// is written again when the length is known); integer types refused.
TEST(NpyRecording, ExportsLoadBackAsWritten) {
    TempDir dir;
    SignalInfo like;
    like.kind = SignalKind::Iq;
    like.channels = 2;
    like.sampleRate = 2e6;
    const std::vector<float> iq = {0.5f, -0.5f, 0.25f, 0.75f, -1, 1};
    {
        SignalWriter w(dir.file("out.npy"), like, {});
        w.write(iq.data(), 2);
        w.write(iq.data() + 4, 1);
        w.finish();
        EXPECT_EQ(w.datatype(), "npy <c8");
    }
    const NpyReader r(dir.file("out.npy"));
    EXPECT_EQ(r.shape(), (std::vector<std::int64_t>{3}));
    EXPECT_EQ(r.at(1), std::complex<double>(0.25, 0.75));
    EXPECT_EQ(readAll(*openRecording(dir.file("out.npy"), atRate(2e6))), iq);
    like.kind = SignalKind::Audio;
    like.channels = 3;
    WriterOptions wide;
    wide.sampleType = SampleType::Float64;
    {
        SignalWriter w(dir.file("three.npy"), like, wide);
        w.write(iq.data(), 2);
        w.finish();
    }
    const NpyReader three(dir.file("three.npy"));
    EXPECT_EQ(three.descr(), "<f8");
    EXPECT_EQ(three.shape(), (std::vector<std::int64_t>{2, 3}));
    EXPECT_EQ(three.at2(1, 0).real(), 0.75);
    // A float64 array's raw export stays float (it was int16, clipped).
    like.channels = 1;
    like.sampleType = SampleType::Float64;
    {
        SignalWriter w(dir.file("wide.raw"), like, {});
        EXPECT_NE(w.datatype().find("f64"), std::string::npos) << w.datatype();
    }
    WriterOptions ints;
    ints.sampleType = SampleType::Int16;
    specedit::test::expectError([&] { SignalWriter w(dir.file("i.npy"), like, ints); },
                                {"i.npy", ".npy output cannot hold int16", "float32 or float64"});
}
