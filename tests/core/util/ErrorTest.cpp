#include "util/Error.h"

#include "util/ThreadPool.h"
#include "util/Units.h"

#include <gtest/gtest.h>

using namespace specedit::core;

TEST(Error, MessageNamesSubjectProblemAndExpectation) {
    const Error e("rec.wav", "file is empty", "a recording with samples");
    EXPECT_STREQ(e.what(), "rec.wav: file is empty (expected a recording with samples)");
    EXPECT_EQ(e.subject(), "rec.wav");
}

TEST(Error, ExpectationIsOptional) {
    const Error e("--nfft", "too small");
    EXPECT_STREQ(e.what(), "--nfft: too small");
}

TEST(Units, DecibelsToGain) {
    EXPECT_DOUBLE_EQ(dbToGain(Decibels(0)), 1.0);
    EXPECT_NEAR(dbToGain(Decibels(-20)), 0.1, 1e-15);
    EXPECT_NEAR(dbToGain(Decibels(6.0205999132796239)), 2.0, 1e-12);
    EXPECT_EQ(dbToGain(Decibels(kMinusInfinityDb)), 0.0);
}

TEST(ThreadPool, RunsEveryTaskAndPropagatesExceptions) {
    ThreadPool pool(2);
    std::atomic<int> sum{0};
    std::vector<std::future<void>> futures;
    for (int i = 1; i <= 100; ++i)
        futures.push_back(pool.submit([&sum, i] { sum += i; }));
    for (auto& f : futures)
        f.get();
    EXPECT_EQ(sum.load(), 5050);
    auto failing = pool.submit([] { throw Error("x", "boom"); });
    EXPECT_THROW(failing.get(), Error);
}
