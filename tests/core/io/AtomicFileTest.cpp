// Atomic writes (io/AtomicFile) under the worst interruption there is: the writing process
// killed with SIGKILL at random moments while it rewrites a large project file. Whatever the
// moment, the file on disk is a whole project, the old one or the new one, never torn.

#include "io/AtomicFile.h"

#include "TestUtil.h"
#include "project/Project.h"

#include <csignal>
#include <filesystem>
#include <gtest/gtest.h>
#include <random>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace specedit::core;
using specedit::test::TempDir;

namespace {

Project bigProject(std::size_t shapes, double gainDb) {
    Project p;
    p.source = "recording.wav";
    for (std::size_t i = 0; i < shapes; ++i) {
        Shape s;
        s.id = i + 1;
        s.t0 = double(i) * 0.01;
        s.t1 = s.t0 + 0.005;
        s.f0 = 100;
        s.f1 = 200 + double(i);
        s.gainDb = gainDb;
        p.shapes.push_back(s);
    }
    return p;
}

} // namespace

TEST(AtomicFile, AKillDuringAWriteLeavesTheOldOrTheNewFileWhole) {
    TempDir dir;
    const std::string path = dir.file("big.specedit.json");
    // About 3 MB each; the two versions differ in shape count and gain.
    const Project a = bigProject(20000, -20), b = bigProject(25000, -40);
    saveProject(a, path);
    std::mt19937 rng(5);
    std::uniform_int_distribution<int> delayMs(1, 120);
    int sawA = 0, sawB = 0;
    for (int round = 0; round < 12; ++round) {
        const pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            for (int i = 0;; ++i)
                saveProject(i % 2 ? a : b, path);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(delayMs(rng)));
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);
        ASSERT_TRUE(WIFSIGNALED(status));
        const Project read = loadProject(path); // throws on a torn file
        ASSERT_TRUE(read.shapes.size() == a.shapes.size() || read.shapes.size() == b.shapes.size())
            << read.shapes.size();
        (read.shapes.size() == a.shapes.size() ? sawA : sawB) += 1;
        EXPECT_EQ(read.shapes.back().gainDb, read.shapes.size() == a.shapes.size() ? -20 : -40);
    }
    // Killed at random moments, both versions turned up (not a test that never overlapped).
    EXPECT_GT(sawA + sawB, 0);
}

TEST(AtomicFile, AMissingFolderIsNamed) {
    TempDir dir;
    const std::string target = dir.file("nowhere/p.specedit.json");
    specedit::test::expectError([&] { writeFileAtomically(target, "{}"); },
                                {target, "does not exist", "an existing folder"});
    EXPECT_FALSE(std::filesystem::exists(dir.file("nowhere")));
}
