#include "render/Trace.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>
#include <numbers>

namespace specedit::core {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr std::int64_t kChunk = 1 << 16;

struct Columns {
    double s0 = 0, w = 1; // first sample position, samples per column
    int count = 0;
    std::int64_t first(int c) const { return std::int64_t(std::ceil(s0 + c * w)); }
    std::int64_t nearest(int c) const { return std::int64_t(std::floor(s0 + (c + 0.5) * w)); }
};

void validate(const SignalInfo& info, const TraceRequest& r) {
    if (r.columns < 1 || !(r.t1 > r.t0) || !std::isfinite(r.t0) || !std::isfinite(r.t1))
        throw Error("trace", "needs at least one column and t0 < t1",
                    "a visible time range and a lane width");
    if (r.band && (!info.isComplex() || !(r.band->second > r.band->first)))
        throw Error("trace band", "a band needs an IQ recording and fLo < fHi",
                    "the selection's band of an IQ recording");
}

struct ColumnStats {
    float lo, hi;
    double sum;
};

// Lowest, highest and summed value of one column's samples [a, b), read in chunks.
template <typename Read>
ColumnStats columnStats(std::int64_t a, std::int64_t b, std::vector<float>& buf, Read& read) {
    ColumnStats st{std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(),
                   0.0};
    for (std::int64_t s = a; s < b; s += kChunk) {
        const std::int64_t n = std::min(kChunk, b - s);
        read(s, n, buf.data());
        const auto [mn, mx] = std::minmax_element(buf.data(), buf.data() + n);
        st.lo = std::min(st.lo, *mn);
        st.hi = std::max(st.hi, *mx);
        for (std::int64_t i = 0; i < n; ++i)
            st.sum += buf[std::size_t(i)];
    }
    return st;
}

// Per-sample values: the channel (audio) or the power I^2 + Q^2 (IQ; in dB per column).
auto sampleReader(const SampleSource& src, int channel) {
    return [&src, channel, scratch = std::vector<float>(), iq = std::vector<std::complex<float>>()](
               std::int64_t start, std::int64_t n, float* out) mutable {
        if (!src.info().isComplex()) {
            readChannel(src, channel, start, n, out, scratch);
            return;
        }
        iq.resize(std::size_t(n));
        readComplex(src, start, n, iq.data());
        for (std::int64_t i = 0; i < n; ++i)
            out[i] = std::norm(iq[std::size_t(i)]);
    };
}

float toDb(float power) {
    return float(10.0 * std::log10(std::max(double(power), 1e-20)));
}

void envelope(const SampleSource& src, const TraceRequest& r, const Columns& cols, Trace& out,
              JobControl& job) {
    const std::int64_t frames = src.info().frames;
    auto read = sampleReader(src, r.channel);
    const bool iq = src.info().isComplex();
    std::vector<float> buf(static_cast<std::size_t>(kChunk));
    out.low.assign(std::size_t(cols.count), kNaN);
    out.high.assign(std::size_t(cols.count), kNaN);
    for (int c = 0; c < cols.count; ++c) {
        if (c % 64 == 0)
            job.checkCancelled();
        std::int64_t a = cols.first(c), b = cols.first(c + 1);
        if (b <= a) { // less than one sample per column: the sample nearest its centre
            a = cols.nearest(c);
            b = a + 1;
        }
        a = std::max<std::int64_t>(a, 0);
        b = std::min(b, frames);
        if (b <= a)
            continue;
        const ColumnStats st = columnStats(a, b, buf, read);
        out.low[std::size_t(c)] = iq ? toDb(float(st.sum / double(b - a))) : st.lo;
        out.high[std::size_t(c)] = iq ? toDb(st.hi) : st.hi;
    }
}

// Three passes of a centred moving average of m samples, in place (edges use what exists).
void smooth(std::vector<std::complex<float>>& z, int m) {
    if (m <= 1)
        return;
    std::vector<std::complex<double>> prefix(z.size() + 1);
    for (int pass = 0; pass < 3; ++pass) {
        for (std::size_t i = 0; i < z.size(); ++i)
            prefix[i + 1] = prefix[i] + std::complex<double>(z[i]);
        const std::int64_t n = std::int64_t(z.size()), half = m / 2;
        for (std::int64_t i = 0; i < n; ++i) {
            const std::int64_t a = std::max<std::int64_t>(0, i - half);
            const std::int64_t b = std::min(n, i - half + m);
            z[std::size_t(i)] = std::complex<float>(
                (prefix[std::size_t(b)] - prefix[std::size_t(a)]) / double(b - a));
        }
    }
}

void bandFrequency(const SampleSource& src, const TraceRequest& r, const Columns& cols, Trace& out,
                   double quietReference, JobControl& job) {
    const SignalInfo& info = src.info();
    const double fs = info.sampleRate;
    const auto [fLo, fHi] = *r.band;
    const double fc = 0.5 * (fLo + fHi) - info.centerFrequency.value_or(0.0);
    const int m = std::max(1, int(std::lround(fs / (fHi - fLo))));
    const std::int64_t margin = 3 * m + 2;
    const std::int64_t a = std::max<std::int64_t>(0, cols.first(0) - margin);
    const std::int64_t b = std::min(info.frames, cols.first(cols.count) + margin + 1);
    out.frequency.assign(std::size_t(cols.count), kNaN);
    if (b - a < 2)
        return;
    if (b - a > kMaxBandSamples) {
        out.tooLongForFrequency = true;
        out.frequency.clear();
        return;
    }
    std::vector<std::complex<float>> x(std::size_t(b - a));
    readComplex(src, a, b - a, x.data());
    job.checkCancelled();
    const double step = -fc / fs; // cycles per sample; mixed in place (x becomes z)
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double cycles = std::fmod(step * double(a + std::int64_t(i)), 1.0);
        x[i] = std::complex<float>(std::complex<double>(x[i]) *
                                   std::polar(1.0, 2 * std::numbers::pi * cycles));
    }
    auto& z = x;
    smooth(z, m);
    job.checkCancelled();
    std::vector<double> power(std::size_t(cols.count), 0.0);
    double strongest = 0;
    // Samples closer to the ends of what was read than half the filter's support were
    // filtered by a truncated window that lets other bands through: not used (only the
    // recording's own ends lose columns; elsewhere the margin covers them).
    const std::int64_t h = (3 * m) / 2 + 1, lo = a + std::max<std::int64_t>(h, 1), hi = b - h;
    for (int c = 0; c < cols.count; ++c) {
        std::int64_t s = std::max(cols.first(c), lo), e = std::min(cols.first(c + 1), hi);
        if (cols.first(c + 1) <= cols.first(c)) {
            s = std::max(cols.nearest(c), lo);
            e = std::min(s + 1, hi);
        }
        std::complex<double> advance = 0;
        double p = 0;
        for (std::int64_t n = s; n < e; ++n) {
            const std::complex<double> zn(z[std::size_t(n - a)]);
            advance += zn * std::conj(std::complex<double>(z[std::size_t(n - a - 1)]));
            p += std::norm(zn);
        }
        if (e <= s)
            continue;
        power[std::size_t(c)] = p / double(e - s);
        strongest = std::max(strongest, power[std::size_t(c)]);
        out.frequency[std::size_t(c)] = float(fc + info.centerFrequency.value_or(0.0) +
                                              fs * std::arg(advance) / (2 * std::numbers::pi));
    }
    out.bandStrongest = strongest;
    const double quiet = std::max(strongest, quietReference) * std::pow(10.0, -kQuietDb / 10);
    for (int c = 0; c < cols.count; ++c)
        if (!(power[std::size_t(c)] > quiet))
            out.frequency[std::size_t(c)] = kNaN;
}

} // namespace

Trace computeTrace(const SampleSource& source, const TraceRequest& request, JobControl& job,
                   double quietReference) {
    validate(source.info(), request);
    const double fs = source.info().sampleRate;
    Columns cols;
    cols.s0 = request.t0 * fs;
    cols.w = (request.t1 - request.t0) * fs / request.columns;
    cols.count = request.columns;
    Trace out;
    out.request = request;
    envelope(source, request, cols, out, job);
    if (request.band)
        bandFrequency(source, request, cols, out, quietReference, job);
    return out;
}

} // namespace specedit::core
