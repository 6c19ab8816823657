#include "dsp/Window.h"

#include "util/Error.h"

#include <cmath>
#include <iomanip>
#include <numbers>
#include <sstream>

namespace specedit::core {
namespace {

struct NamedWindow {
    const char* name;
    WindowType type;
};

constexpr NamedWindow kNames[] = {
    {"hann", WindowType::Hann},
    {"hanning", WindowType::Hann},
    {"hamming", WindowType::Hamming},
    {"blackman", WindowType::Blackman},
    {"blackmanharris", WindowType::BlackmanHarris},
    {"flattop", WindowType::FlatTop},
    {"boxcar", WindowType::Rectangular},
    {"rect", WindowType::Rectangular},
    {"rectangular", WindowType::Rectangular},
    {"kaiser", WindowType::Kaiser},
    {"gaussian", WindowType::Gaussian},
    {"tukey", WindowType::Tukey},
    {"sqrthann", WindowType::SqrtHann},
    {"sqrt-hann", WindowType::SqrtHann},
};

const char* canonicalName(WindowType type) {
    switch (type) {
    case WindowType::Rectangular:
        return "boxcar";
    case WindowType::Hann:
        return "hann";
    case WindowType::Hamming:
        return "hamming";
    case WindowType::Blackman:
        return "blackman";
    case WindowType::BlackmanHarris:
        return "blackmanharris";
    case WindowType::FlatTop:
        return "flattop";
    case WindowType::Kaiser:
        return "kaiser";
    case WindowType::Gaussian:
        return "gaussian";
    case WindowType::Tukey:
        return "tukey";
    case WindowType::SqrtHann:
        return "sqrthann";
    }
    return "hann";
}

std::vector<double> cosineCoefficients(WindowType type) {
    switch (type) {
    case WindowType::Rectangular:
        return {1.0};
    case WindowType::Hann:
    case WindowType::SqrtHann:
        return {0.5, 0.5};
    case WindowType::Hamming:
        return {0.54, 0.46};
    case WindowType::Blackman:
        return {0.42, 0.50, 0.08};
    case WindowType::BlackmanHarris:
        return {0.35875, 0.48829, 0.14128, 0.01168};
    case WindowType::FlatTop:
        return {0.21557895, 0.41663158, 0.277263158, 0.083578947, 0.006947368};
    default:
        return {};
    }
}

// scipy.signal.windows.tukey: cosine tapers over the first and last floor(alpha (L-1) / 2) + 1
// points, flat between; alpha 0 is the boxcar, 1 the Hann window.
double tukeyValue(double alpha, int n, int len) {
    if (alpha <= 0)
        return 1.0;
    if (alpha >= 1)
        return 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * n / (len - 1));
    const int width = int(std::floor(alpha * (len - 1) / 2.0));
    const double t = 2.0 * n / alpha / (len - 1);
    if (n <= width)
        return 0.5 * (1 + std::cos(std::numbers::pi * (-1 + t)));
    if (n >= len - width - 1)
        return 0.5 * (1 + std::cos(std::numbers::pi * (-2.0 / alpha + 1 + t)));
    return 1.0;
}

double symmetricValue(const WindowSpec& spec, const std::vector<double>& a, int n, int len) {
    if (len == 1)
        return 1.0;
    const double x = static_cast<double>(n) / (len - 1); // 0..1
    switch (spec.type) {
    case WindowType::Kaiser: {
        const double r = 2.0 * x - 1.0;
        // The window is even in beta (I0 is even): scipy accepts negative beta alike.
        const double beta = std::abs(spec.param);
        const double arg = beta * std::sqrt(std::max(0.0, 1.0 - r * r));
        return std::cyl_bessel_i(0.0, arg) / std::cyl_bessel_i(0.0, beta);
    }
    case WindowType::Gaussian: {
        const double m = n - (len - 1) / 2.0;
        return std::exp(-m * m / (2.0 * spec.param * spec.param));
    }
    case WindowType::Tukey:
        return tukeyValue(spec.param, n, len);
    default: {
        double w = 0.0;
        double sign = 1.0;
        for (std::size_t k = 0; k < a.size(); ++k, sign = -sign)
            w += sign * a[k] * std::cos(2.0 * std::numbers::pi * static_cast<double>(k) * x);
        return spec.type == WindowType::SqrtHann ? std::sqrt(std::max(0.0, w)) : w;
    }
    }
}

bool hasParam(WindowType type) {
    return type == WindowType::Kaiser || type == WindowType::Gaussian || type == WindowType::Tukey;
}

std::string parameterText(double value) {
    std::ostringstream out;
    out << std::setprecision(10) << value;
    return out.str();
}

double parseParam(std::string_view text, std::string_view option, const std::string& whole) {
    std::istringstream in{std::string(text)};
    double value = 0;
    if (!(in >> value) || !in.eof() || !std::isfinite(value))
        throw Error(std::string(option), "bad window parameter in '" + whole + "'",
                    "a number, e.g. kaiser,8.6, gaussian,512 or tukey,0.25");
    return value;
}

} // namespace

WindowSpec parseWindow(std::string_view text, std::string_view option) {
    const std::string whole(text);
    std::string_view name = text;
    std::string_view rest;
    if (auto cut = text.find_first_of(",:"); cut != std::string_view::npos) {
        name = text.substr(0, cut);
        rest = text.substr(cut + 1);
    }
    WindowSpec spec;
    bool found = false;
    for (const auto& entry : kNames)
        if (name == entry.name) {
            spec.type = entry.type;
            found = true;
        }
    if (!found)
        throw Error(std::string(option), "unknown window '" + whole + "'",
                    "boxcar, hann, hamming, blackman, blackmanharris, flattop, sqrthann, "
                    "kaiser,BETA, gaussian,SIGMA or tukey,ALPHA");
    if (rest.ends_with("sym")) {
        spec.periodic = false;
        rest = rest.substr(0, rest.size() - 3);
        if (rest.ends_with(",") || rest.ends_with(":"))
            rest.remove_suffix(1);
    }
    if (spec.type == WindowType::Tukey && rest.empty())
        rest = "0.5"; // scipy's default alpha
    const bool needsParam = hasParam(spec.type);
    if (needsParam && rest.empty())
        throw Error(std::string(option), "window '" + whole + "' needs a parameter",
                    std::string(name) + (spec.type == WindowType::Kaiser ? ",BETA" : ",SIGMA"));

    if (!needsParam && !rest.empty())
        throw Error(std::string(option), "window '" + std::string(name) + "' takes no parameter",
                    "just '" + std::string(name) + "'");
    if (needsParam)
        spec.param = parseParam(rest, option, whole);
    if (spec.type == WindowType::Kaiser && std::abs(spec.param) > 700)
        throw Error(std::string(option), "kaiser beta " + shortNumber(spec.param) + " is too large",
                    "|beta| <= 700 (I0 overflows beyond; beta 14 is already very narrow)");
    if (spec.type == WindowType::Gaussian && spec.param <= 0)
        throw Error(std::string(option), "gaussian sigma must be positive", "sigma > 0 samples");
    if (spec.type == WindowType::Tukey && (spec.param < 0 || spec.param > 1))
        throw Error(std::string(option),
                    "tukey alpha " + parameterText(spec.param) + " is out of range",
                    "0 <= alpha <= 1 (the tapered fraction: 0 boxcar, 1 hann)");
    return spec;
}

std::string toString(const WindowSpec& spec) {
    std::ostringstream out;
    out << canonicalName(spec.type);
    if (hasParam(spec.type))
        out << ',' << parameterText(spec.param); // a fitted beta reads back close
    if (!spec.periodic)
        out << ",sym";
    return out.str();
}

std::vector<double> makeWindow(const WindowSpec& spec, int length) {
    if (length < 1)
        throw Error("--nperseg", "window length " + std::to_string(length) + " is too short",
                    "at least 1 sample");
    if (length == 1)
        return {1.0}; // scipy's guard: a one-point window is [1] whatever its type
    const int len = spec.periodic ? length + 1 : length;
    const auto a = cosineCoefficients(spec.type);
    std::vector<double> w(static_cast<std::size_t>(length));
    for (int n = 0; n < length; ++n)
        w[static_cast<std::size_t>(n)] = symmetricValue(spec, a, n, len);
    return w;
}

} // namespace specedit::core
