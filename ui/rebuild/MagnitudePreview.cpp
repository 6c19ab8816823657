#include "rebuild/MagnitudePreview.h"

#include "render/Colormap.h"
#include "view/AxisTickers.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace specedit::ui {
namespace {

constexpr int kMaxColumns = 1200; // frames beyond are merged (the loudest of each group)
constexpr int kTickLength = 3;
constexpr int kPixelsPerTick = 70; // about one labelled time tick per this many pixels

// As the axis labels it: a 22.05 kHz rate's top is 11.025 kHz (the caption said 11.03).
QString hz(double f) {
    return std::abs(f) >= 1000 ? QString::number(f / 1000, 'g', 7) + " kHz"
                               : QString::number(f, 'g', 7) + " Hz";
}

} // namespace

// The frequency axis's ends labelled too when no tick is on them (a 22.05 kHz rate's
// 11.025 kHz, a two-sided axis's -8 kHz), in place of the nearest tick's label when the two
// would touch.
void MagnitudePreview::labelEnds(Ticks& t, int pixels) const {
    const double perHz = pixels / (m_fHigh - m_fLow), room = fontMetrics().height() + 2;
    const double unitOf = std::max(std::abs(m_fLow), std::abs(m_fHigh));
    const auto label = [&](double f) { return formatFrequency(f, exactStep(f), unitOf); };
    if (t.at.isEmpty() || (m_fHigh - t.at.last()) * perHz >= 1) {
        if (!t.at.isEmpty() && (m_fHigh - t.at.last()) * perHz < room && t.at.size() > 1) {
            t.at.removeLast();
            t.labels.removeLast();
        }
        t.at.push_back(m_fHigh);
        t.labels.push_back(label(m_fHigh));
    }
    if ((t.at.first() - m_fLow) * perHz >= 1) {
        if ((t.at.first() - m_fLow) * perHz < room && t.at.size() > 2) {
            t.at.removeFirst();
            t.labels.removeFirst();
        }
        t.at.push_front(m_fLow);
        t.labels.push_front(label(m_fLow));
    }
}

MagnitudePreview::MagnitudePreview(const QString& title, QWidget* parent)
    : QWidget(parent), m_title(title), m_caption(title + tr(": nothing yet")) {
    setMinimumSize(240, 160);
}

void MagnitudePreview::setGrid(const core::MagnitudeGrid& g, double hopSeconds, double fs,
                               bool twoSided, double signalSeconds) {
    if (g.bins < 1 || g.frames < 1) {
        clear(tr("empty"));
        return;
    }
    const std::int64_t group = (g.frames + kMaxColumns - 1) / kMaxColumns;
    const int columns = int((g.frames + group - 1) / group);
    double top = 0;
    for (double v : g.values)
        top = std::max(top, v);
    const float maxDb = float(20 * std::log10(std::max(top, 1e-300)));
    const Colormap colors(ColormapId::Inferno);
    m_image = QImage(columns, g.bins, QImage::Format_RGB32);
    for (int c = 0; c < columns; ++c)
        for (int k = 0; k < g.bins; ++k) {
            double v = 0;
            for (std::int64_t j = c * group; j < std::min(g.frames, (c + 1) * group); ++j)
                v = std::max(v, g.frame(j)[k]);
            // Row 0 at the top: the highest frequency. Two-sided bins are in FFT order:
            // bin k is frequency k or k - bins.
            const int signedBin = twoSided && k >= (g.bins + 1) / 2 ? k - g.bins : k;
            const int fromBottom = twoSided ? signedBin + g.bins / 2 : k;
            const float db = float(20 * std::log10(std::max(v, 1e-300)));
            m_image.setPixel(c, g.bins - 1 - fromBottom, colors.colorOf(db, maxDb - 80, maxDb));
        }
    const double seconds = double(g.frames - 1) * hopSeconds;
    const double fLow = twoSided ? -fs / 2 : 0, fHigh = fs / 2;
    m_seconds = seconds;
    m_fLow = fLow;
    m_fHigh = fHigh;
    m_caption = tr("%1: 0–%2 s, %3 to %4, top %5 dB shown")
                    .arg(m_title)
                    .arg(signalSeconds > 0 ? signalSeconds : seconds, 0, 'g', 4)
                    .arg(hz(fLow), hz(fHigh))
                    .arg(80);
    setToolTip(m_caption);
    update();
}

void MagnitudePreview::clear(const QString& why) {
    m_image = QImage();
    m_caption = m_title + ": " + why;
    setToolTip(m_caption);
    update();
}

// The frequency axis's step: the smallest of 1, 2, 2.5, 4 or 5 times a power of ten that keeps
// the labels two lines apart and puts a tick on the top (0, 2, 4, 6, 8 kHz rather than 0, 2.5,
// 5, 8 kHz; -8, -4, 0, 4, 8 kHz); when none does, the smallest that keeps them apart.
double MagnitudePreview::frequencyStep(int pixels) const {
    const double span = m_fHigh - m_fLow;
    const double least = 2.0 * fontMetrics().lineSpacing() / std::max(pixels, 1) * span;
    double first = 0;
    for (double decade = std::pow(10.0, std::floor(std::log10(least)));; decade *= 10)
        for (double mantissa : {1.0, 2.0, 2.5, 4.0, 5.0}) {
            const double step = mantissa * decade, ticks = m_fHigh / step;
            if (step < least)
                continue;
            if (first == 0)
                first = step;
            if (span / step < 2)
                return first;
            if (std::abs(ticks - std::round(ticks)) < 1e-9 * std::max(1.0, std::abs(ticks)))
                return step;
        }
}

// Time ticks: the ticker takes its count as a hint (a 2 s axis of 380 pixels came out in steps
// of 0.25 s, "0.00 s" touching "0.25 s"): fewer until the labels keep apart.
MagnitudePreview::Ticks MagnitudePreview::ticks(bool time, int pixels) const {
    const QCPRange range = time ? QCPRange(0, m_seconds) : QCPRange(m_fLow, m_fHigh);
    Ticks t;
    if (range.size() <= 0)
        return t;
    if (!time) {
        UnitTicker ticker(&formatFrequency);
        ticker.setStep(frequencyStep(pixels));
        ticker.generate(range, QLocale(), 'g', 6, t.at, nullptr, &t.labels);
        labelEnds(t, pixels);
        return t;
    }
    const QFontMetrics fm = fontMetrics();
    for (int count = std::max(2, pixels / kPixelsPerTick); count >= 2; --count) {
        UnitTicker ticker(&formatTime, true);
        ticker.setTickCount(count);
        t = {};
        ticker.generate(range, QLocale(), 'g', 6, t.at, nullptr, &t.labels);
        if (t.at.size() < 2)
            break;
        int need = fm.lineSpacing() + 2;
        for (const QString& label : t.labels)
            need = std::max(need, fm.horizontalAdvance(label) + 8);
        if ((t.at[1] - t.at[0]) / range.size() * pixels >= need)
            break;
    }
    return t;
}

// The picture, with the frequency labels' width at its left and a row of time labels and the
// caption below it.
QRect MagnitudePreview::pictureRect() const {
    const QFontMetrics fm = fontMetrics();
    const int below = fm.height() + 4 + (m_image.isNull() ? 0 : fm.height() + kTickLength);
    if (m_image.isNull())
        return rect().adjusted(0, 0, 0, -below);
    int labelWidth = 0;
    for (const QString& label : ticks(false, height() - below).labels)
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(label));
    return rect().adjusted(labelWidth + kTickLength + 4, 0, 0, -below);
}

QStringList MagnitudePreview::timeTicks() const {
    return m_image.isNull() ? QStringList()
                            : QStringList(ticks(true, pictureRect().width()).labels);
}

QStringList MagnitudePreview::frequencyTicks() const {
    return m_image.isNull() ? QStringList()
                            : QStringList(ticks(false, pictureRect().height()).labels);
}

// The picture shrunk to `size` by keeping each pixel's loudest (brightest: inferno grows
// lighter as it climbs) of those it covers: scaled by dropping rows, a thin tone between the
// rows kept vanished. Larger, it is drawn as it is (stretched).
const QImage& MagnitudePreview::shown(QSize size) const {
    if (m_image.width() <= size.width() && m_image.height() <= size.height())
        return m_image;
    if (m_shown.size() == size.boundedTo(m_image.size()) && m_shownFrom == m_image.cacheKey())
        return m_shown;
    const QSize to = size.boundedTo(m_image.size());
    // The source pixels output pixel i of n covers, of `from`: at least one.
    auto cover = [](int i, int n, int from) {
        const int begin = i * from / n;
        return std::pair{begin, std::max((i + 1) * from / n, begin + 1)};
    };
    QImage out(to, QImage::Format_RGB32);
    for (int r = 0; r < to.height(); ++r) {
        const auto [y0, y1] = cover(r, to.height(), m_image.height());
        for (int c = 0; c < to.width(); ++c) {
            const auto [x0, x1] = cover(c, to.width(), m_image.width());
            QRgb best = m_image.pixel(x0, y0);
            for (int y = y0; y < y1; ++y)
                for (int x = x0; x < x1; ++x)
                    if (const QRgb v = m_image.pixel(x, y); qGray(v) > qGray(best))
                        best = v;
            out.setPixel(c, r, best);
        }
    }
    m_shown = out;
    m_shownFrom = m_image.cacheKey();
    return m_shown;
}

void MagnitudePreview::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    const QFontMetrics fm = fontMetrics();
    const QRect picture = pictureRect();
    const int captionTop = height() - fm.height() - 4;
    if (m_image.isNull()) { // the caption says why (an error may be long): wrapped
        p.fillRect(picture, Qt::black);
        p.setPen(Qt::lightGray);
        p.drawText(picture.adjusted(8, 8, -8, -8), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                   m_caption);
        return;
    }
    p.drawImage(picture, shown(picture.size()));
    p.setPen(palette().windowText().color());
    const Ticks time = ticks(true, picture.width());
    int freeFrom = 0; // a label pushed in from the right edge must not cover the one before
    for (int i = 0; i < time.at.size(); ++i) {
        const int x =
            picture.left() + int(std::lround(time.at[i] / m_seconds * (picture.width() - 1)));
        p.drawLine(x, picture.bottom() + 1, x, picture.bottom() + kTickLength);
        const int w = fm.horizontalAdvance(time.labels[i]);
        const int left = std::clamp(x - w / 2, 0, width() - w);
        if (left < freeFrom)
            continue;
        p.drawText(left, picture.bottom() + kTickLength + fm.ascent() + 1, time.labels[i]);
        freeFrom = left + w + fm.horizontalAdvance(' ');
    }
    const Ticks freq = ticks(false, picture.height());
    for (int i = 0; i < freq.at.size(); ++i) {
        const double share = (freq.at[i] - m_fLow) / (m_fHigh - m_fLow);
        const int y = picture.bottom() - int(std::lround(share * (picture.height() - 1)));
        p.drawLine(picture.left() - kTickLength, y, picture.left() - 1, y);
        const int top = std::clamp(y - fm.height() / 2, 0, picture.bottom() - fm.height());
        p.drawText(QRect(0, top, picture.left() - kTickLength - 2, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, freq.labels[i]);
    }
    p.drawText(QRect(0, captionTop, width(), fm.height() + 4), Qt::AlignLeft | Qt::AlignVCenter,
               fm.elidedText(m_caption, Qt::ElideRight, width()));
}

} // namespace specedit::ui
