// Throughput of STFT, ISTFT and streaming apply on a 2 MHz IQ signal at the window lengths
// RF users pick (1024, 4096 and 40000 = 20 ms), 75 % overlap. items/s = signal samples/s.
//
//   ./build/bench/specedit_bench --benchmark_counters_tabular=true

#include "apply/StreamingApply.h"
#include "dsp/Stft.h"
#include "io/SignalWriter.h"
#include "io/SourceFactory.h"

#include <benchmark/benchmark.h>
#include <complex>
#include <filesystem>
#include <random>

using namespace specedit::core;
using cf = std::complex<float>;

namespace {

constexpr double kFs = 2e6;

const std::vector<cf>& signal() {
    static const std::vector<cf> x = [] {
        std::mt19937 rng(1);
        std::normal_distribution<float> g(0, 0.1f);
        std::vector<cf> v(std::size_t(2 * kFs));
        for (auto& s : v)
            s = cf(g(rng), g(rng));
        return v;
    }();
    return x;
}

StftParams params(int nperseg) {
    return StftParams::make(WindowSpec{}, nperseg, nperseg * 3 / 4, nperseg, kFs);
}

void BM_Stft(benchmark::State& state) {
    const Stft<cf> stft(params(int(state.range(0))));
    auto ws = stft.makeWorkspace();
    const auto& x = signal();
    const std::int64_t frames = (std::int64_t(x.size()) - stft.nperseg()) / stft.hop();
    std::vector<cf> spec(std::size_t(stft.bins()));
    for (auto _ : state) {
        for (std::int64_t j = 0; j < frames; ++j)
            stft.forward(x.data() + j * stft.hop(), spec.data(), ws);
        benchmark::DoNotOptimize(spec.data());
    }
    state.SetItemsProcessed(state.iterations() * frames * stft.hop());
}

void BM_Istft(benchmark::State& state) {
    const auto p = params(int(state.range(0)));
    const auto z = specedit::core::stft(signal(), p);
    const Stft<cf> stft(p);
    auto ws = stft.makeWorkspace();
    std::vector<cf> out(signal().size());
    std::vector<float> norm;
    for (auto _ : state) {
        stft.synthesize(
            0, std::int64_t(out.size()), z.frames,
            [&](std::int64_t j, cf* s) { std::copy_n(&z.at(0, j), z.bins, s); }, out.data(), norm,
            ws);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(state.iterations() * std::int64_t(out.size()));
}

// read (cs16 file) -> STFT -> mask -> ISTFT -> write (cs16 file), all cores.
void BM_StreamingApply(benchmark::State& state) {
    const auto dir = std::filesystem::temp_directory_path();
    const std::string in = (dir / "specedit_bench_in.cs16").string();
    const std::string out = (dir / "specedit_bench_out.cs16").string();
    SignalInfo info;
    info.kind = SignalKind::Iq;
    info.channels = 2;
    info.sampleRate = kFs;
    info.frames = std::int64_t(signal().size());
    {
        SignalWriter w(in, info, {});
        w.write(reinterpret_cast<const float*>(signal().data()), info.frames);
        w.finish();
    }
    OpenOptions open;
    open.sampleRate = kFs;
    const auto src = openRecording(in, open);
    Shape rect;
    rect.t0 = 0.2;
    rect.t1 = 0.8;
    rect.f0 = -100e3;
    rect.f1 = 100e3;
    const auto p = params(int(state.range(0)));
    for (auto _ : state) {
        SignalWriter w(out, src->info(), {});
        JobControl job;
        applyMask(*src, p, {rect}, w, job);
        w.finish();
    }
    state.SetItemsProcessed(state.iterations() * info.frames);
    std::filesystem::remove(in);
    std::filesystem::remove(out);
}

} // namespace

BENCHMARK(BM_Stft)->Arg(1024)->Arg(4096)->Arg(40000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Istft)->Arg(1024)->Arg(4096)->Arg(40000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StreamingApply)
    ->Arg(1024)
    ->Arg(4096)
    ->Arg(40000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

BENCHMARK_MAIN();
