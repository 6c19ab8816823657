#pragma once
// Helpers shared by the core tests: a temporary directory removed on scope exit, and small
// writers for fixture files.

#include "label/Label.h"
#include "util/Error.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <gtest/gtest.h>
#include <random>
#include <string>
#include <vector>

namespace specedit::test {

// A label's box (s, Hz), with a class name and id when given.
inline core::Label labelBox(double t0, double t1, double f0, double f1,
                            const std::string& className = {}, std::uint64_t id = 0) {
    core::Label l;
    l.id = id;
    l.t0 = t0;
    l.t1 = t1;
    l.f0 = f0;
    l.f1 = f1;
    l.className = className;
    return l;
}

class TempDir {
public:
    TempDir() {
        std::random_device rd;
        m_path = std::filesystem::temp_directory_path() /
                 ("specedit-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    std::string file(const std::string& name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

inline void writeBytes(const std::string& path, const void* data, std::size_t size) {
    std::ofstream out(path, std::ios::binary);
    out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
}

inline void writeText(const std::string& path, const std::string& text) {
    writeBytes(path, text.data(), text.size());
}

inline std::vector<std::uint8_t> readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The message of the core::Error that fn throws, or "" when it throws none.
inline std::string errorMessage(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const specedit::core::Error& e) {
        return e.what();
    }
    return "";
}

// Runs fn, which must throw core::Error whose message contains every one of parts.
inline void expectError(const std::function<void()>& fn, const std::vector<std::string>& parts) {
    const std::string msg = errorMessage(fn);
    if (msg.empty()) {
        ADD_FAILURE() << "no Error thrown";
        return;
    }
    for (const auto& part : parts)
        EXPECT_NE(msg.find(part), std::string::npos) << "\"" << part << "\" missing in: " << msg;
}

} // namespace specedit::test
