#include "dsp/IqDemod.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace specedit::core {
namespace {

constexpr double kPi = std::numbers::pi;
using cd = std::complex<double>;
using cf = std::complex<float>;

// Low-pass windowed-sinc taps for cutoff (Hz) at rate fs, Blackman window.
std::vector<double> lowPass(double cutoff, double fs, int taps) {
    std::vector<double> h(static_cast<std::size_t>(taps));
    const double fc = cutoff / fs;
    const int mid = taps / 2;
    double sum = 0;
    for (int k = 0; k < taps; ++k) {
        const double m = k - mid;
        const double sinc = m == 0 ? 2 * fc : std::sin(2 * kPi * fc * m) / (kPi * m);
        const double w = 0.42 - 0.5 * std::cos(2 * kPi * k / (taps - 1)) +
                         0.08 * std::cos(4 * kPi * k / (taps - 1));
        h[std::size_t(k)] = sinc * w;
        sum += h[std::size_t(k)];
    }
    for (auto& v : h)
        v /= sum; // unity gain at DC
    return h;
}

// Every decimate-th output of the FIR h over x, centred (zero phase); T is float or complex.
template <typename T>
std::vector<T> filterDecimate(const std::vector<T>& x, const std::vector<double>& h, int decimate) {
    const auto n = std::int64_t(x.size()), taps = std::int64_t(h.size());
    const std::vector<float> hf(h.begin(), h.end());
    std::vector<T> y;
    y.reserve(std::size_t(n / decimate + 1));
    for (std::int64_t m = 0; m < n; m += decimate) {
        T acc{};
        // idx = m + taps / 2 - k must lie in [0, n)
        const std::int64_t k0 = std::max<std::int64_t>(0, m + taps / 2 - (n - 1));
        const std::int64_t k1 = std::min<std::int64_t>(taps - 1, m + taps / 2);
        for (std::int64_t k = k0; k <= k1; ++k)
            acc += hf[std::size_t(k)] * x[std::size_t(m + taps / 2 - k)];
        y.push_back(acc);
    }
    return y;
}

// Shift by -shiftHz, filter and keep every decimate-th output.
std::vector<cf> shiftFilterDecimate(const std::complex<float>* x, std::int64_t n, double fs,
                                    double shiftHz, const std::vector<double>& h, int decimate) {
    std::vector<std::complex<float>> shifted(static_cast<std::size_t>(n));
    const cd step = std::polar(1.0, -2 * kPi * shiftHz / fs);
    cd rot = 1.0;
    for (std::int64_t i = 0; i < n; ++i) {
        shifted[std::size_t(i)] = std::complex<float>(cd(x[i]) * rot);
        rot *= step;
        if ((i & 1023) == 0)
            rot /= std::abs(rot); // keep the oscillator on the unit circle
    }
    return filterDecimate(shifted, h, decimate);
}

// Scales the audio by `scale`, or when it is 0 to a peak of 0.5 (silence stays silence); the
// scale used. An edited version takes its original's: its own brought the noise left where a
// burst was removed up to full loudness.
double normalise(std::vector<float>& audio, double scale) {
    if (scale == 0) {
        float peak = 0;
        for (float v : audio)
            peak = std::max(peak, std::abs(v));
        scale = peak > 0 ? 0.5 / peak : 1.0;
    }
    for (float& v : audio)
        v = std::clamp(float(v * scale), -1.0f, 1.0f);
    return scale;
}

// 5 ms ramps at both ends: the AM audio starts and ends off its mean, which clicked.
void fadeEnds(std::vector<float>& audio, double rate) {
    const auto n = std::min(audio.size() / 2, std::size_t(0.005 * rate));
    for (std::size_t i = 0; i < n; ++i) {
        const float g = float(i) / float(n);
        audio[i] *= g;
        audio[audio.size() - 1 - i] *= g;
    }
}

std::vector<float> demod(const std::vector<cf>& y, Demodulation mode, double bw, double rate,
                         double squelch) {
    std::vector<float> audio(y.size());
    if (mode == Demodulation::Am) {
        double mean = 0;
        for (const auto& v : y)
            mean += std::abs(v);
        mean /= double(std::max<std::size_t>(1, y.size()));
        for (std::size_t i = 0; i < y.size(); ++i)
            audio[i] = float(std::abs(y[i]) - mean);
    } else if (mode == Demodulation::Fm) {
        // Muted below the squelch: the discriminator of noise alone is a loud hiss.
        const auto open = [&](std::size_t i) { return squelch == 0 || std::abs(y[i]) >= squelch; };
        double mean = 0;
        std::size_t heard = 0;
        for (std::size_t i = 1; i < y.size(); ++i)
            if (open(i)) {
                mean += std::arg(y[i] * std::conj(y[i - 1])) / kPi;
                ++heard;
            }
        mean /= double(std::max<std::size_t>(1, heard));
        for (std::size_t i = 1; i < y.size(); ++i)
            audio[i] = open(i) ? float(std::arg(y[i] * std::conj(y[i - 1])) / kPi - mean) : 0.0f;
    } else {
        const double sign = mode == Demodulation::Usb ? 1.0 : -1.0;
        const cd step = std::polar(1.0, sign * kPi * bw / rate); // move by +-bw/2
        cd rot = 1.0;
        for (std::size_t i = 0; i < y.size(); ++i, rot *= step)
            audio[i] = float((cd(y[i]) * rot).real());
    }
    return audio;
}

// Low-passed to 0.45 of the output rate and every decimate-th sample kept.
std::vector<float> decimateAudio(const std::vector<float>& audio, double rate, int decimate) {
    const auto h = lowPass(0.45 * rate / decimate, rate, std::min(8 * decimate + 1, 4097) | 1);
    return filterDecimate(audio, h, decimate);
}

double percentile(std::vector<double> v, double q) {
    const auto k = std::size_t(q * double(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(k), v.end());
    return v[k];
}

// The band in blocks of 50 us: each block's level (mean envelope) and frequency (from its
// summed phase steps: noise averages out). A steady line at the band's centre (a receiver's
// DC offset) is taken out first; blocks of exact zeros (silence cut in by hand) are left out.
struct Blocks {
    std::vector<double> level, hz;
};

Blocks measureBlocks(const std::vector<cf>& y, double rate, double bw) {
    // At least three of the noise's correlation times (1 / bw): blocks of two samples in a
    // 20 kHz band at 49 kHz held noise's frequency from one to the next and read as FM.
    const auto block = std::size_t(std::max(2.0, std::round(std::max(50e-6, 3 / bw) * rate)));
    cd centreLine = 0;
    for (const auto& v : y)
        centreLine += cd(v) / double(y.size());
    Blocks out;
    for (std::size_t b = 1; b + block <= y.size(); b += block) {
        cd turn = 0;
        double sum = 0, zeros = 0;
        for (std::size_t i = b; i < b + block; ++i) {
            turn += (cd(y[i]) - centreLine) * std::conj(cd(y[i - 1]) - centreLine);
            sum += std::abs(cd(y[i]) - centreLine);
            zeros += std::abs(y[i]);
        }
        if (zeros > 0) {
            out.level.push_back(sum / double(block));
            out.hz.push_back(std::arg(turn) * rate / (2 * kPi));
        }
    }
    return out;
}

// The correlation of each block's frequency with the next's, over pairs of blocks both on:
// near 1 for a signal whose frequency moves (a symbol or a voice's deviation lasts many 50 us
// blocks), near 0 for noise alone.
double successiveCorrelation(const Blocks& b, double on) {
    std::vector<std::pair<double, double>> pairs;
    for (std::size_t k = 1; k < b.hz.size(); ++k)
        if (b.level[k] >= on && b.level[k - 1] >= on)
            pairs.emplace_back(b.hz[k - 1], b.hz[k]);
    if (pairs.size() < 3)
        return 1;
    double mean = 0;
    for (const auto& [x, y] : pairs)
        mean += (x + y) / double(2 * pairs.size());
    double lagged = 0, power = 0;
    for (const auto& [x, y] : pairs) {
        lagged += (x - mean) * (y - mean);
        power += ((x - mean) * (x - mean) + (y - mean) * (y - mean)) / 2;
    }
    return power > 0 ? lagged / power : 1;
}

// AM or FM for the band, as step 4 above says; why gives the numbers.
Demodulation chooseAmOrFm(const Blocks& b, std::string& why) {
    if (b.level.size() < 8 || percentile(b.level, 0.99) <= 0) {
        why = b.level.size() < 8 ? "the stretch is too short to tell" : "the band is silent";
        return Demodulation::Fm;
    }
    const double low = percentile(b.level, 0.2), high = percentile(b.level, 0.99);
    const double on = high > 2 * low ? high / 2 : 0; // else all of it is on
    std::vector<double> onHz;
    int switches = 0;
    for (std::size_t k = 0; k < b.level.size(); ++k) {
        if (b.level[k] >= on)
            onHz.push_back(b.hz[k]);
        switches += k > 0 && (b.level[k] >= on) != (b.level[k - 1] >= on);
    }
    const double spread = (percentile(onHz, 0.75) - percentile(onHz, 0.25)) / 2;
    const double swingDb = 20 * std::log10(high / std::max(low, high * 1e-6));
    // A switch every 2 ms on, or more, between levels 15 dB apart (noise in short blocks
    // flickers by 10 dB or so, and read as 401 switches of on/off keying).
    const bool keyed = switches * 40 > int(onHz.size()) && swingDb > 15;
    const std::string within = "±" + exactNumber(std::round(spread / 10) / 100) + " kHz";
    if (keyed && spread < 5000) {
        why = "it switches on and off " + std::to_string(switches / 2) +
              " times while its frequency stays within " + within + " (on/off keying)";
        return Demodulation::Am;
    }
    if (spread >= 1500 && successiveCorrelation(b, on) < 0.3) { // frequency moves, held by none
        why = "the band seems to hold noise alone: its frequency wanders over " + within +
              " at random";
        return Demodulation::Fm;
    }
    if (spread < 1500 && swingDb > 3.5) {
        why = "its frequency stays within " + within + " while its level moves over " +
              exactNumber(std::round(swingDb)) + " dB";
        return Demodulation::Am;
    }
    why = spread < 1500
              ? "its frequency stays within " + within + " but its level stays within " +
                    exactNumber(std::round(swingDb)) + " dB"
              : "while it is on, its frequency moves over " + within + " (frequency keying or FM)";
    return Demodulation::Fm;
}

// FM's squelch for a band that switches on and off (its 99th percentile block level more than
// 4 times its 20th): the geometric mean of the two; 0, none, for a band always on.
double squelchLevel(const Blocks& b) {
    if (b.level.size() < 8)
        return 0;
    const double low = percentile(b.level, 0.2), high = percentile(b.level, 0.99);
    return high > 4 * low ? std::sqrt(low * high) : 0;
}

} // namespace

Demodulation parseDemodulation(const std::string& text) {
    if (text == "am")
        return Demodulation::Am;
    if (text == "fm")
        return Demodulation::Fm;
    if (text == "usb")
        return Demodulation::Usb;
    if (text == "lsb")
        return Demodulation::Lsb;
    if (text == "auto")
        return Demodulation::Auto;
    throw Error("--demod", "unknown demodulation '" + text + "'", "am, fm, usb, lsb or auto");
}

Listening demodulate(const std::complex<float>* iq, std::int64_t count, double fs, double lowHz,
                     double highHz, Demodulation mode, double targetRate, const Listening* like) {
    if (!(highHz > lowHz) || lowHz < -fs / 2 - 1e-9 || highHz > fs / 2 + 1e-9)
        throw Error("listening band",
                    "band " + exactNumber(lowHz) + " .. " + exactNumber(highHz) +
                        " Hz is empty or outside the recording's " + exactNumber(fs) + " Hz span",
                    "a band inside [-fs/2, fs/2]");
    // Stage 1: the band moved to baseband at a rate that holds it all (a whole view of a
    // wide recording too: at the audio rate it kept only the centre's 44 kHz).
    const double width = highHz - lowHz;
    const int d1 = std::max(1, int(std::floor(fs / std::max(targetRate, 1.25 * width))));
    const double bandRate = fs / d1;
    const double bw = std::min(width, 0.9 * bandRate);
    const auto h = lowPass(bw / 2, fs, std::max(std::min(8 * d1 + 1, 4097) | 1, 31));
    const auto y = shiftFilterDecimate(iq, count, fs, (lowHz + highHz) / 2, h, d1);
    Listening out;
    if (like) { // an edited version: heard as its original was
        out.used = like->used;
        out.why = like->why;
        out.squelch = like->squelch;
    } else {
        const bool measured = mode == Demodulation::Auto || mode == Demodulation::Fm;
        const Blocks blocks = measured ? measureBlocks(y, bandRate, bw) : Blocks{}; // once
        out.used = mode == Demodulation::Auto ? chooseAmOrFm(blocks, out.why) : mode;
        out.squelch = out.used == Demodulation::Fm ? squelchLevel(blocks) : 0.0;
    }
    out.audio = demod(y, out.used, bw, bandRate, out.squelch);
    // Stage 2: the audio down to about the audio rate.
    const int d2 = std::max(1, int(std::floor(bandRate / targetRate)));
    out.rate = bandRate / d2;
    if (d2 > 1)
        out.audio = decimateAudio(out.audio, bandRate, d2);
    out.scale = normalise(out.audio, like ? like->scale : 0.0);
    fadeEnds(out.audio, out.rate);
    return out;
}

} // namespace specedit::core
