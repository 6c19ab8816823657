// A recording with one span replaced by samples in memory (the trace lane's edited view):
// reads before, across and after the span stitch the two together sample for sample.

#include "io/SpanOverlaySource.h"

#include "../IqFixture.h"
#include "../TestUtil.h"
#include "util/Error.h"

#include <gtest/gtest.h>

using namespace specedit;
using specedit::test::TempDir;

TEST(SpanOverlaySource, ReadsTheSpanFromMemoryAndTheRestFromTheRecording) {
    TempDir dir;
    std::shared_ptr<const core::SampleSource> base =
        test::iqRecording(dir.file("ramp.cf32"), 100, 1000, 0, [](std::int64_t i) {
            return std::complex<double>(double(i), -double(i));
        });
    std::vector<float> span;
    for (int i = 0; i < 10; ++i) // frames 40..49 read 1000 + i, 2000 + i
        span.insert(span.end(), {1000.0f + float(i), 2000.0f + float(i)});
    const core::SpanOverlaySource overlay(base, 40, span);
    EXPECT_EQ(overlay.info().frames, 100);
    std::vector<float> out(2 * 30);
    overlay.read(30, 30, out.data()); // 30..39 recording, 40..49 span, 50..59 recording
    for (int f = 0; f < 30; ++f) {
        const int frame = 30 + f;
        const bool inSpan = frame >= 40 && frame < 50;
        EXPECT_EQ(out[std::size_t(2 * f)], inSpan ? 1000.0f + float(frame - 40) : float(frame));
        EXPECT_EQ(out[std::size_t(2 * f + 1)],
                  inSpan ? 2000.0f + float(frame - 40) : -float(frame));
    }
    overlay.read(95, 10, out.data()); // past the end: zeros, as the recording reads
    EXPECT_EQ(out[0], 95.0f);
    EXPECT_EQ(out[19], 0.0f);
    overlay.read(45, 2, out.data()); // inside the span only
    EXPECT_EQ(out[0], 1005.0f);
    EXPECT_EQ(out[3], 2006.0f);
}

TEST(SpanOverlaySource, SamplesThatAreNotWholeFramesAreRefused) {
    TempDir dir;
    std::shared_ptr<const core::SampleSource> base = test::iqRecording(
        dir.file("x.cf32"), 10, 1000, 0, [](std::int64_t) { return std::complex<double>(); });
    try {
        core::SpanOverlaySource(base, 0, std::vector<float>(3));
        FAIL() << "no error";
    } catch (const core::Error& e) {
        EXPECT_NE(std::string(e.what()).find("3 samples"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("whole number of frames of 2 channels"),
                  std::string::npos)
            << e.what();
    }
}
