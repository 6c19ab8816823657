#include "io/Npy.h"

#include "TestUtil.h"
#include "util/Error.h"

#include <gtest/gtest.h>

using namespace specedit::core;
using specedit::test::TempDir;

TEST(Npy, WritesAndReadsComplexFortranOrder) {
    TempDir dir;
    const auto path = dir.file("z.npy");
    NpyWriter w(path, NpyType::Complex64, {3, 2}, true);
    const std::complex<float> v[] = {{1, 2}, {3, 4}, {5, 6}, {7, 8}, {9, 10}, {11, 12}};
    w.append(v, 6);
    w.finish();
    const NpyReader r(path);
    EXPECT_EQ(r.shape(), (std::vector<std::int64_t>{3, 2}));
    EXPECT_TRUE(r.fortranOrder());
    EXPECT_TRUE(r.isComplex());
    // Fortran order: column 1 starts at element 3.
    EXPECT_EQ(r.at2(0, 1), std::complex<double>(7, 8));
    EXPECT_EQ(r.at2(2, 0), std::complex<double>(5, 6));
}

TEST(Npy, HeaderIsAlignedTo64Bytes) {
    TempDir dir;
    const auto path = dir.file("x.npy");
    NpyWriter w(path, NpyType::Float32, {4}, false);
    const float v[] = {1, 2, 3, 4};
    w.append(v, 4);
    w.finish();
    const auto bytes = specedit::test::readBytes(path);
    ASSERT_GT(bytes.size(), 16u);
    const std::size_t headerEnd = bytes.size() - 16; // four float32 values follow the header
    EXPECT_EQ(headerEnd % 64, 0u);
    EXPECT_EQ(bytes[headerEnd - 1], '\n');
    EXPECT_EQ(NpyReader(path).at(3), std::complex<double>(4, 0));
}

TEST(Npy, UnfinishedWriterLeavesNoFile) {
    TempDir dir;
    const auto path = dir.file("partial.npy");
    {
        NpyWriter w(path, NpyType::Float64, {10}, false);
        const double v[] = {1, 2};
        w.append(v, 2);
        EXPECT_THROW(w.finish(), Error); // 2 of 10 elements
    }
    EXPECT_FALSE(std::filesystem::exists(path));
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(Npy, BadFilesAreExplained) {
    TempDir dir;
    const auto path = dir.file("bad.npy");
    specedit::test::writeBytes(path, "hello world, not numpy", 22);
    try {
        NpyReader r(path);
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("bad magic"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("bad.npy"), std::string::npos);
    }
    // A valid header whose data is truncated.
    const auto trunc = dir.file("trunc.npy");
    {
        NpyWriter w(trunc, NpyType::Float32, {4}, false);
        const float v[] = {1, 2, 3, 4};
        w.append(v, 4);
        w.finish();
    }
    std::filesystem::resize_file(trunc, std::filesystem::file_size(trunc) - 8);
    try {
        NpyReader r(trunc);
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
    }
    EXPECT_THROW(NpyReader(dir.file("missing.npy")), Error);
}

TEST(Npy, HostileHeadersAreErrorsNotCrashes) {
    TempDir dir;
    auto npyWithHeader = [&](const std::string& name, std::string dict) {
        dict.append((64 - (10 + dict.size() + 1) % 64) % 64, ' ');
        dict += '\n';
        std::string bytes = "\x93NUMPY";
        bytes += char(1);
        bytes += char(0);
        bytes += char(dict.size() & 0xff);
        bytes += char(dict.size() >> 8);
        bytes += dict;
        bytes.append(64, '\0');
        const auto path = dir.file(name);
        specedit::test::writeBytes(path, bytes.data(), bytes.size());
        return path;
    };
    specedit::test::expectError(
        [&] {
            NpyReader r(npyWithHeader(
                "huge.npy",
                "{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296), }"));
        },
        {"huge.npy", "impossibly large"});
    specedit::test::expectError(
        [&] {
            NpyReader r(
                npyWithHeader("bad.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': }"));
        },
        {"bad.npy", "shape"});
    specedit::test::expectError(
        [&] {
            NpyReader r(npyWithHeader("int.npy",
                                      "{'descr': '<i4', 'fortran_order': False, 'shape': (4,), }"));
        },
        {"int.npy", "unsupported npy dtype"});
}
