// specedit_fuzz_seeds OUT: writes the seed corpora of the fuzz targets into OUT/<target>/,
// made by the project's own writers and the core tests' fixtures (small, well-formed files
// of every kind each reader takes), each prefixed with the byte that picks the reader the
// way the target's first byte does. Run by scripts/fuzz.sh and by CTest before the replays.

#include "../core/AudioFixture.h"
#include "../core/IqFixture.h"
#include "io/Npy.h"
#include "label/LabelFiles.h"
#include "project/Project.h"

#include <archive.h>
#include <archive_entry.h>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <numbers>
#include <stb/stb_image_write.h>

using namespace specedit;
namespace fs = std::filesystem;

namespace {

fs::path g_out, g_work;

std::vector<std::uint8_t> bytesOf(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void seed(const std::string& target, const std::string& name, int choice,
          const std::vector<std::uint8_t>& bytes) {
    fs::create_directories(g_out / target);
    std::ofstream out(g_out / target / name, std::ios::binary);
    if (choice >= 0)
        out.put(char(choice));
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

std::complex<double> burst(std::int64_t i) {
    const double t = double(i) / 2e6;
    return (i / 256) % 2 ? std::polar(0.5, 2 * std::numbers::pi * 1e5 * t)
                         : std::complex<double>(0.01, 0);
}

std::string iq(const std::string& name, core::SampleType type) {
    core::SignalInfo info;
    info.kind = core::SignalKind::Iq;
    info.channels = 2;
    info.sampleRate = 2e6;
    info.frames = 1024;
    info.sampleType = type;
    info.centerFrequency = 433.92e6;
    std::vector<float> v(2048);
    for (std::size_t i = 0; i < 1024; ++i) {
        v[2 * i] = float(burst(std::int64_t(i)).real());
        v[2 * i + 1] = float(burst(std::int64_t(i)).imag());
    }
    const std::string path = (g_work / name).string();
    core::SignalWriter w(path, info, {type});
    w.write(v.data(), 1024);
    w.finish();
    return path;
}

std::string audio(const std::string& name, int channels, core::SampleType type) {
    core::SignalInfo info;
    info.channels = channels;
    info.sampleRate = 8000;
    info.frames = 800;
    std::vector<float> v(std::size_t(800 * channels));
    for (std::size_t i = 0; i < v.size(); ++i)
        v[i] = float(0.3 * std::sin(0.05 * double(i)));
    const std::string path = (g_work / name).string();
    core::SignalWriter w(path, info, {type});
    w.write(v.data(), 800);
    w.finish();
    return path;
}

// A tar of the given files (bzip2-compressed for URH's .coco).
std::vector<std::uint8_t> tarOf(const std::vector<std::string>& files, bool bzip2) {
    const fs::path out = g_work / "archive.tmp";
    archive* a = archive_write_new();
    archive_write_set_format_pax_restricted(a);
    if (bzip2)
        archive_write_add_filter_bzip2(a);
    archive_write_open_filename(a, out.c_str());
    for (const auto& f : files) {
        const auto bytes = bytesOf(f);
        archive_entry* e = archive_entry_new();
        archive_entry_set_pathname(e, fs::path(f).filename().c_str());
        archive_entry_set_size(e, la_int64_t(bytes.size()));
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        archive_write_header(a, e);
        archive_write_data(a, bytes.data(), bytes.size());
        archive_entry_free(e);
    }
    archive_write_close(a);
    archive_write_free(a);
    return bytesOf(out);
}

std::vector<std::uint8_t> sdriq() {
    std::vector<std::uint8_t> b(32 + 4096);
    const std::uint32_t rate = 2000000, bits = 16;
    const std::uint64_t centre = 433920000, start = 1646834498000;
    std::memcpy(b.data(), &rate, 4);
    std::memcpy(b.data() + 4, &centre, 8);
    std::memcpy(b.data() + 12, &start, 8);
    std::memcpy(b.data() + 20, &bits, 4);
    for (std::size_t i = 32; i < b.size(); ++i)
        b[i] = std::uint8_t(i * 13);
    return b;
}

void recordingSeeds() {
    // The target's names: r.wav r.rf64 r.w64 r.flac r.aiff r.sdriq r.coco r.npy r.cs16 r.cu8
    // r.dat SDRuno_...; choice = 2 * index + (--iq).
    seed("recording", "iq.wav", 0, bytesOf(iq("a.wav", core::SampleType::Int16)));
    seed("recording", "iq-float.wav", 0, bytesOf(iq("b.wav", core::SampleType::Float32)));
    seed("recording", "mono.wav", 0,
         bytesOf(test::audioRecording((g_work / "m.wav").string(), 1, 8000, 400,
                                      [](std::int64_t i, int) { return std::sin(0.1 * i); })));
    seed("recording", "stereo-iq-flag.wav", 1, bytesOf(audio("s.wav", 2, core::SampleType::Int16)));
    seed("recording", "iq.rf64", 2, bytesOf(iq("c.rf64", core::SampleType::Int16)));
    seed("recording", "audio.w64", 4, bytesOf(audio("d.w64", 1, core::SampleType::Int16)));
    seed("recording", "audio.flac", 6, bytesOf(audio("e.flac", 2, core::SampleType::Int16)));
    seed("recording", "audio.aiff", 8, bytesOf(audio("f.aiff", 1, core::SampleType::Int16)));
    seed("recording", "iq.sdriq", 10, sdriq());
    const fs::path complexFile = g_work / "burst_2MSps.complex";
    fs::copy_file(iq("burst.cf32", core::SampleType::Float32), complexFile);
    seed("recording", "iq.coco", 12, tarOf({complexFile.string()}, true));
    seed("recording", "iq.cs16", 17, bytesOf(iq("g.cs16", core::SampleType::Int16)));
    seed("recording", "iq.cu8", 19, bytesOf(iq("h.cu8", core::SampleType::UInt8)));
    seed("recording", "iq.dat", 20, bytesOf(complexFile));
    seed("recording", "named.wav", 22, bytesOf(audio("i.wav", 2, core::SampleType::Int16)));
    for (int i = 0; i < 12; ++i)
        seed("raw_iq", "format" + std::to_string(i), 2 * i, bytesOf(complexFile));
}

void npySeeds() {
    const std::string path = (g_work / "x.npy").string();
    {
        core::NpyWriter w(path, core::NpyType::Complex64, {512}, false);
        std::vector<std::complex<float>> v(512);
        for (std::size_t i = 0; i < v.size(); ++i)
            v[i] = std::complex<float>(burst(std::int64_t(i)));
        w.append(v.data(), v.size());
        w.finish();
    }
    seed("npy", "signal.npy", -1, bytesOf(path));
    seed("recording", "signal.npy", 14, bytesOf(path));
    {
        core::NpyWriter w(path, core::NpyType::Float64, {5, 7}, true);
        std::vector<double> v(35, 0.25);
        w.append(v.data(), v.size());
        w.finish();
    }
    seed("npy", "matrix.npy", -1, bytesOf(path));
}

void sigmfSeeds() {
    const std::string meta = iq("r.sigmf-meta", core::SampleType::Int16);
    std::vector<core::Label> labels(2);
    labels[0] = {1, 1e-4, 2e-4, 433.9e6, 433.95e6, "open", "first", true, 12.0, 0.9, {}};
    labels[1] = {2, 3e-4, 4e-4, 433.8e6, 433.99e6, "", "", false, {}, {}, {}};
    core::writeLabelFile(meta, labels, {2e6, 433.92e6, "ci16_le", "", 0});
    seed("sigmf", "meta", 0, bytesOf(meta));
    fs::path data = meta;
    data.replace_extension(".sigmf-data");
    seed("sigmf", "archive", 1, tarOf({meta, data.string()}, false));
    const std::string names[] = {"l.csv", "l.txt", "l.selections.txt", "l.sigmf-meta"};
    for (int i = 0; i < 4; ++i) {
        const std::string path = (g_work / names[i]).string();
        core::writeLabelFile(path, labels, {2e6, 433.92e6, "ci16_le", "", 0});
        seed("labels", names[i], i, bytesOf(path));
    }
}

void projectSeeds() {
    const char* texts[] = {
        R"({"source": "x.wav", "version": 1, "analysis": {"window": "hann", "nperseg": 1024,
            "noverlap": 768, "nfft": 2048, "auto_length": true},
            "shapes": [{"type": "rect", "t0": 1.0, "t1": 2.0, "f0": -20000, "f1": 20000,
                        "gain_db": -120},
                       {"type": "polygon", "points": [[0, 0], [1, 0], [1, 100]],
                        "gain_db": null, "mode": "isolate", "label": "burst"},
                       {"type": "stroke", "points": [[0.5, 10], [0.6, 20]], "radius_s": 0.01,
                        "radius_hz": 5, "gain_db": -6}],
            "classes": [{"name": "open", "color": "#ff0000", "hotkey": 1}],
            "labels": [{"id": 1, "t0": 0.1, "t1": 0.2, "f0": 100, "f1": 200, "class": "open"}],
            "view": {"time": [0, 2], "frequency": [0, 4000], "levels_db": [-100, 0],
                     "colormap": "magma"}})",
        R"({"source": "rec.cs16", "source_options": {"iq": true, "format": "cs16",
            "rate": 2000000, "center": 433920000}, "shapes": []})"};
    int n = 0;
    for (const char* text : texts) {
        const std::string s = text;
        seed("project", "project" + std::to_string(n++) + ".json", -1, {s.begin(), s.end()});
    }
}

void spectrumSeeds() {
    // Names: m.csv m.txt m.m m.f32 m.f64 i.png i.pgm i.bmp i.jpg; choice = name + 9 * variant
    // (variant 1: big-endian, 2 and 3: 3 rows).
    const std::string csv = "1,2,3\n4,5,6\n7,8,9\n", txt = "# c\n1 2\t3\n4 5 6\n",
                      mat = "S = [1 2 3; 4 5 6;\n 7 8 9];\n";
    seed("spectrum", "m.csv", 0, {csv.begin(), csv.end()});
    seed("spectrum", "m.txt", 1, {txt.begin(), txt.end()});
    seed("spectrum", "m.m", 2, {mat.begin(), mat.end()});
    std::vector<float> f(12, 0.5f);
    std::vector<double> d(12, 0.25);
    const auto* fb = reinterpret_cast<const std::uint8_t*>(f.data());
    const auto* db = reinterpret_cast<const std::uint8_t*>(d.data());
    seed("spectrum", "m.f32", 3 + 18, {fb, fb + 48});
    seed("spectrum", "m.f64", 4 + 18, {db, db + 96});
    std::vector<std::uint8_t> pixels(16 * 8);
    for (std::size_t i = 0; i < pixels.size(); ++i)
        pixels[i] = std::uint8_t(i * 2);
    const fs::path png = g_work / "i.png", bmp = g_work / "i.bmp", jpg = g_work / "i.jpg";
    stbi_write_png(png.c_str(), 16, 8, 1, pixels.data(), 16);
    stbi_write_bmp(bmp.c_str(), 16, 8, 1, pixels.data());
    stbi_write_jpg(jpg.c_str(), 16, 8, 1, pixels.data(), 90);
    seed("spectrum", "i.png", 5, bytesOf(png));
    std::string pgm = "P5\n16 8\n255\n";
    pgm.append(pixels.begin(), pixels.end());
    seed("spectrum", "i.pgm", 6, {pgm.begin(), pgm.end()});
    seed("spectrum", "i.bmp", 7, bytesOf(bmp));
    seed("spectrum", "i.jpg", 8, bytesOf(jpg));
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUT\n", argv[0]);
        return 2;
    }
    g_out = argv[1];
    g_work = g_out / ".work";
    fs::remove_all(g_work);
    fs::create_directories(g_work);
    recordingSeeds();
    npySeeds();
    sigmfSeeds();
    projectSeeds();
    spectrumSeeds();
    fs::remove_all(g_work);
    return 0;
}
