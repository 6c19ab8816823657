// A label against its recording (core/label/LabelFit): cut to the recording's span and band,
// said; refused when empty or wholly outside.

#include "label/LabelFit.h"

#include "TestUtil.h"

#include <gtest/gtest.h>

using namespace specedit::core;
using specedit::test::expectError;

namespace {

SignalInfo iq(double seconds) { // 2 MS/s around 433.92 MHz
    SignalInfo info;
    info.sampleRate = 2e6;
    info.frames = std::int64_t(seconds * info.sampleRate);
    info.channels = 2;
    info.kind = SignalKind::Iq;
    info.centerFrequency = 433.92e6;
    return info;
}

Label box(std::uint64_t id, double t0, double t1, double f0, double f1) {
    return specedit::test::labelBox(t0, t1, f0, f1, {}, id);
}

} // namespace

TEST(LabelFit, InsideIsLeftAlone) {
    Label l = box(1, 0.5, 0.55, 433.8e6, 434.0e6);
    EXPECT_EQ(fitToRecording(l, iq(10)), "");
    EXPECT_EQ(l, box(1, 0.5, 0.55, 433.8e6, 434.0e6));
}

// A tester's label from 9.99 to 10.5 s in a 10 s recording gave a clip annotated with
// 1,020,000 samples of 30,000, and a duration_s of 0.51 s.
TEST(LabelFit, PastTheEndOrTheBandIsCutAndSaid) {
    Label l = box(3, 9.99, 10.5, 434.82e6, 435.42e6);
    EXPECT_EQ(fitToRecording(l, iq(10)),
              "label 3: 9.99 s to 10.5 s reaches past the recording's span (0 s to 10 s): cut to "
              "9.99 s to 10 s; 434.82 MHz to 435.42 MHz reaches past the recording's band "
              "(432.92 MHz to 434.92 MHz): cut to 434.82 MHz to 434.92 MHz");
    EXPECT_DOUBLE_EQ(l.t1, 10.0);
    EXPECT_NEAR(l.duration(), 0.01, 1e-12);
    EXPECT_DOUBLE_EQ(l.f1, 434.92e6);
    SignalInfo audio;
    audio.sampleRate = 48000;
    audio.frames = 48000;
    audio.channels = 1;
    Label low = box(4, -0.1, 0.5, -10, 30000);
    EXPECT_FALSE(fitToRecording(low, audio).empty());
    EXPECT_EQ(low, box(4, 0, 0.5, 0, 24000));
}

TEST(LabelFit, EmptyOrOutsideIsRefusedByName) {
    Label flat = box(2, 1, 1, 433.8e6, 434e6);
    expectError([&] { fitToRecording(flat, iq(10)); },
                {"label 2", "1 s to 1 s", "no duration or no band"});
    Label thin = box(5, 0.5, 0.55, 434e6, 434e6);
    expectError([&] { fitToRecording(thin, iq(10)); }, {"label 5", "no duration or no band"});
    Label late = box(6, 11, 12, 433.8e6, 434e6);
    expectError([&] { fitToRecording(late, iq(10)); },
                {"label 6", "lies outside the recording", "0 s to 10 s"});
    Label high = box(7, 1, 2, 436e6, 437e6);
    expectError([&] { fitToRecording(high, iq(10)); },
                {"label 7", "436 MHz to 437 MHz", "432.92 MHz to 434.92 MHz"});
}

// Labels none of which meets the recording are one error, not one warning per label: another
// recording's labels, radio frequencies for a capture that has no centre (--center), offsets
// for one that has. One label inside is enough to go on label by label.
TEST(LabelFit, LabelsThatAllMissTheRecordingAreOneError) {
    const std::vector<Label> radio{box(1, 0.1, 0.2, 433.83e6, 433.99e6),
                                   box(2, 0.3, 0.4, 433.83e6, 433.98e6)};
    SignalInfo bare = iq(1);
    bare.centerFrequency.reset();
    expectError([&] { checkLabelsMeetRecording(radio, bare, "abs.csv"); },
                {"abs.csv", "none of the 2 labels (433.83 MHz to 433.99 MHz)",
                 "band (-1 MHz to 1 MHz)", "no centre frequency", "--center HZ"});
    EXPECT_NO_THROW(checkLabelsMeetRecording(radio, iq(1), "abs.csv"));
    const std::vector<Label> offsets{box(1, 0.1, 0.2, -93.75e3, 78.125e3)};
    expectError([&] { checkLabelsMeetRecording(offsets, iq(1), "rel.csv"); },
                {"rel.csv", "offsets from the centre, 433.92 MHz",
                 "frequencies within 432.92 MHz to 434.92 MHz"});
    expectError([&] { checkLabelsMeetRecording(radio, iq(0.05), "late.csv"); },
                {"late.csv", "none of the 2 labels (0.1 s to 0.4 s) lies within the recording",
                 "0 s to 0.05 s"});
    std::vector<Label> oneInside = radio;
    oneInside.push_back(box(3, 0.01, 0.02, 433.9e6, 433.95e6));
    EXPECT_NO_THROW(checkLabelsMeetRecording(oneInside, iq(0.05), "some.csv"));
    EXPECT_NO_THROW(checkLabelsMeetRecording({}, bare, "none.csv"));
}
