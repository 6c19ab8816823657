#include "apply/ClipFolder.h"

#include "TestUtil.h"
#include "apply/BurstClips.h"

#include <filesystem>
#include <gtest/gtest.h>

using namespace specedit::core;
using specedit::test::labelBox;
using specedit::test::TempDir;
using specedit::test::writeText;

TEST(ClipFolder, TheIdInANameIsPaddedToFourDigits) {
    EXPECT_EQ(clipIdText(7), "0007");
    EXPECT_EQ(clipIdText(0), "0000");
    EXPECT_EQ(clipIdText(9999), "9999");
    EXPECT_EQ(clipIdText(123456), "123456");
    SignalInfo iq;
    iq.kind = SignalKind::Iq;
    const auto path = clipPath({"out", "", 0.005}, iq, labelBox(0, 1, 0, 1, "door", 12));
    EXPECT_EQ(std::filesystem::path(path).filename().string(), "door_0012.sigmf-meta");
    EXPECT_EQ(clipLabelId("door_0012"), 12u);
}

TEST(ClipFolder, TheIdIsTheLastRunOfDigitsAfterAnUnderscore) {
    EXPECT_EQ(clipLabelId("FSK_3"), 3u);
    EXPECT_EQ(clipLabelId("Tür_auf_zu_12"), 12u);
    EXPECT_EQ(clipLabelId("unlabeled_007"), 7u);
    EXPECT_EQ(clipLabelId("FSK"), 0u);
    EXPECT_EQ(clipLabelId("FSK_"), 0u);
    EXPECT_EQ(clipLabelId("FSK_3b"), 0u);
    EXPECT_EQ(clipLabelId("x_123456789012345678901234"), 0u); // no id has that many digits
}

TEST(ClipFolder, EarlierClipsOfTheSameLabelsUnderAnotherClassAreStale) {
    TempDir dir;
    SignalInfo iq;
    iq.kind = SignalKind::Iq;
    const BurstClipOptions options{dir.path().string(), "", 0.005};
    // Label 1 was "door" and is now "gate"; label 2 was exported as it is; label 3 by a
    // version that did not pad its id; 9 is another label's; notes.txt and a .wav are no SigMF
    // clips.
    for (const char* name : {"door_0001.sigmf-meta", "door_0001.sigmf-data", "gate_0002.sigmf-meta",
                             "gate_0002.sigmf-data", "gate_3.sigmf-meta", "door_0009.sigmf-meta",
                             "notes.txt", "gate_0001.wav"})
        writeText(dir.file(name), "x");
    const std::vector<specedit::core::Label> labels{labelBox(0, 1, 0, 1, "gate", 1),
                                                    labelBox(2, 3, 0, 1, "gate", 2),
                                                    labelBox(4, 5, 0, 1, "gate", 3)};
    const ClipFolderState state = clipFolderState(options, iq, labels);
    EXPECT_EQ(state.same, std::vector<std::string>{"gate_0002"});
    EXPECT_EQ(state.stale, (std::vector<std::string>{"door_0001", "gate_3"}));
    ASSERT_EQ(state.staleFiles.size(), 4u); // the metadata and its samples, twice
    EXPECT_TRUE(removeStaleClips(state).empty());
    EXPECT_FALSE(std::filesystem::exists(dir.file("door_0001.sigmf-meta")));
    EXPECT_FALSE(std::filesystem::exists(dir.file("door_0001.sigmf-data")));
    EXPECT_FALSE(std::filesystem::exists(dir.file("gate_3.sigmf-meta")));
    EXPECT_TRUE(std::filesystem::exists(dir.file("door_0009.sigmf-meta")));
    EXPECT_TRUE(std::filesystem::exists(dir.file("gate_0001.wav")));
    // A folder not made yet holds nothing.
    const BurstClipOptions fresh{dir.file("not/yet"), "", 0.005};
    EXPECT_TRUE(clipFolderState(fresh, iq, labels).stale.empty());
}

TEST(ClipFolder, AMessageNamesTheFirstThreeClips) {
    EXPECT_EQ(someClipNames({"a_1", "b_2"}), "a_1, b_2");
    EXPECT_EQ(someClipNames({"a_1", "b_2", "c_3", "d_4"}), "a_1, b_2, c_3, …");
}
