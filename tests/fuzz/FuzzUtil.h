#pragma once
// Shared by the fuzz targets (tests/fuzz/*Fuzz.cpp). The readers take paths, so each input is
// written to a file in a private scratch folder (on /dev/shm when there is one) under the
// name whose extension picks the reader. A core::Error is the right answer to bad input and
// is swallowed; anything else (another exception, a sanitizer report, a crash, a hang, an
// allocation past libFuzzer's -malloc_limit_mb) is a finding.

#include "io/SampleSource.h"
#include "util/Error.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace specedit::fuzz {

// The process's scratch folder, made on first use and removed at exit.
const std::string& scratchDir();

// Writes size bytes to scratchDir()/name; returns the path.
std::string writeInput(const std::string& name, const std::uint8_t* data, std::size_t size);

// The input's first byte chooses among n choices (0 when empty); data and size then skip it.
std::size_t takeChoice(const std::uint8_t*& data, std::size_t& size, std::size_t n);

// Reads up to 4096 frames at the start, the middle and the end, and one past the end (which
// must throw core::Error or read nothing).
void readAround(const core::SampleSource& source);

// Prints a refusal's message when SPECEDIT_FUZZ_VERBOSE is set (to see what a seed hits).
void noteRefusal(const core::Error& e);

template <typename Fn> void refusalsOnly(Fn&& fn) {
    try {
        fn();
    } catch (const core::Error& e) {
        noteRefusal(e);
    }
}

} // namespace specedit::fuzz
