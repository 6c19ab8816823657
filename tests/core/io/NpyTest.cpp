#include "io/Npy.h"

#include "TestUtil.h"
#include "io/NpySignalSource.h"
#include "util/Error.h"

#include <cmath>
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

namespace {

// A version 1.0 .npy with this header dictionary and these data bytes.
std::string npyFile(const TempDir& dir, const std::string& name, std::string dict,
                    const std::string& data) {
    dict.append((64 - (10 + dict.size() + 1) % 64) % 64, ' ');
    dict += '\n';
    std::string bytes = "\x93NUMPY";
    bytes += char(1);
    bytes += char(0);
    bytes += char(dict.size() & 0xff);
    bytes += char(dict.size() >> 8);
    bytes += dict + data;
    const auto path = dir.file(name);
    specedit::test::writeBytes(path, bytes.data(), bytes.size());
    return path;
}

} // namespace

// numpy.save keeps an array's dtype: float16 and big-endian arrays (">f8", as MATLAB's and
// network tools' data often are) and integers read as numpy.load gives their values.
TEST(Npy, HalfBigEndianAndIntegerArraysReadAsNumpyLoadsThem) {
    TempDir dir;
    const auto half =
        npyFile(dir, "h.npy", "{'descr': '<f2', 'fortran_order': False, 'shape': (5,), }",
                std::string("\x00\x3e\x00\xc0\xff\x7b\x01\x00\x00\x7c", 10));
    const NpyReader h(half);
    EXPECT_EQ(h.descr(), "<f2");
    EXPECT_EQ(h.at(0).real(), 1.5);
    EXPECT_EQ(h.at(1).real(), -2.0);
    EXPECT_EQ(h.at(2).real(), 65504.0);              // the largest half
    EXPECT_EQ(h.at(3).real(), std::ldexp(1.0, -24)); // the least subnormal
    EXPECT_TRUE(std::isinf(h.at(4).real()));
    // 0.1 and -3 as big-endian float64; 1 + 2i as big-endian complex64.
    const NpyReader d(npyFile(dir, "d.npy",
                              "{'descr': '>f8', 'fortran_order': False, 'shape': (2,), }",
                              std::string("\x3f\xb9\x99\x99\x99\x99\x99\x9a"
                                          "\xc0\x08\x00\x00\x00\x00\x00\x00",
                                          16)));
    EXPECT_EQ(d.at(0).real(), 0.1);
    EXPECT_EQ(d.at(1).real(), -3.0);
    const NpyReader c(npyFile(dir, "c.npy",
                              "{'descr': '>c8', 'fortran_order': False, 'shape': (1,), }",
                              std::string("\x3f\x80\x00\x00\x40\x00\x00\x00", 8)));
    EXPECT_TRUE(c.isComplex());
    EXPECT_EQ(c.at(0), std::complex<double>(1, 2));
    const NpyReader i(npyFile(dir, "i.npy",
                              "{'descr': '<i2', 'fortran_order': False, 'shape': (2,), }",
                              std::string("\x00\x80\xff\x7f", 4)));
    EXPECT_TRUE(i.isInteger());
    EXPECT_EQ(i.at(0).real(), -32768.0);
    EXPECT_EQ(i.at(1).real(), 32767.0);
    const NpyReader u(npyFile(dir, "u.npy",
                              "{'descr': '|u1', 'fortran_order': False, 'shape': (1,), }",
                              std::string("\xff", 1)));
    EXPECT_EQ(u.at(0).real(), 255.0);
}

// As a recording, integers have no full scale: refused, with what would be read.
TEST(Npy, AnIntegerSignalIsRefusedAsARecording) {
    TempDir dir;
    const auto path =
        npyFile(dir, "s.npy", "{'descr': '<i2', 'fortran_order': False, 'shape': (2,), }",
                std::string(4, '\0'));
    specedit::test::expectError([&] { NpySignalSource s(path, 8000); },
                                {"s.npy", "holds integers (<i2): a signal's full scale is unknown",
                                 "x.astype(np.float32) / 32768 for int16"});
    const auto half =
        npyFile(dir, "h.npy", "{'descr': '<f2', 'fortran_order': False, 'shape': (1,), }",
                std::string("\x00\x3c", 2));
    float v = 0;
    NpySignalSource(half, 8000).read(0, 1, &v);
    EXPECT_EQ(v, 1.0f);
}

TEST(Npy, HostileHeadersAreErrorsNotCrashes) {
    TempDir dir;
    auto npyWithHeader = [&](const std::string& name, const std::string& dict) {
        return npyFile(dir, name, dict, std::string(64, '\0'));
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
            NpyReader r(npyWithHeader("bool.npy",
                                      "{'descr': '|b1', 'fortran_order': False, 'shape': (4,), }"));
        },
        {"bool.npy", "unsupported npy dtype '|b1'", "float (f2, f4, f8)"});
    specedit::test::expectError(
        [&] {
            NpyReader r(npyWithHeader(
                "quad.npy", "{'descr': '<f16', 'fortran_order': False, 'shape': (2,), }"));
        },
        {"quad.npy", "unsupported npy dtype '<f16'"});
}
