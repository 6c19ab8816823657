#include "apply/ClipFolder.h"

#include "TestUtil.h"

#include <filesystem>
#include <gtest/gtest.h>

using namespace specedit::core;
using specedit::test::labelBox;
using specedit::test::TempDir;
using specedit::test::writeText;

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
    // Label 1 was "door" and is now "gate"; label 2 was exported as it is; 9 is another
    // label's; notes.txt and a .wav are no SigMF clips.
    for (const char* name : {"door_1.sigmf-meta", "door_1.sigmf-data", "gate_2.sigmf-meta",
                             "gate_2.sigmf-data", "door_9.sigmf-meta", "notes.txt", "gate_1.wav"})
        writeText(dir.file(name), "x");
    const std::vector<specedit::core::Label> labels{labelBox(0, 1, 0, 1, "gate", 1),
                                                    labelBox(2, 3, 0, 1, "gate", 2)};
    const ClipFolderState state = clipFolderState(options, iq, labels);
    EXPECT_EQ(state.same, std::vector<std::string>{"gate_2"});
    EXPECT_EQ(state.stale, std::vector<std::string>{"door_1"});
    ASSERT_EQ(state.staleFiles.size(), 2u); // the metadata and its samples
    EXPECT_TRUE(removeStaleClips(state).empty());
    EXPECT_FALSE(std::filesystem::exists(dir.file("door_1.sigmf-meta")));
    EXPECT_FALSE(std::filesystem::exists(dir.file("door_1.sigmf-data")));
    EXPECT_TRUE(std::filesystem::exists(dir.file("door_9.sigmf-meta")));
    EXPECT_TRUE(std::filesystem::exists(dir.file("gate_1.wav")));
    // A folder not made yet holds nothing.
    const BurstClipOptions fresh{dir.file("not/yet"), "", 0.005};
    EXPECT_TRUE(clipFolderState(fresh, iq, labels).stale.empty());
}

TEST(ClipFolder, AMessageNamesTheFirstThreeClips) {
    EXPECT_EQ(someClipNames({"a_1", "b_2"}), "a_1, b_2");
    EXPECT_EQ(someClipNames({"a_1", "b_2", "c_3", "d_4"}), "a_1, b_2, c_3, …");
}
