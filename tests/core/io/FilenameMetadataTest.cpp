#include "io/FilenameMetadata.h"

#include <gtest/gtest.h>

using namespace specedit::core;

namespace {

struct Case {
    const char* name;
    std::optional<double> center;
    std::optional<double> rate;
    const char* start;
};

void check(const Case& c) {
    const FilenameHints h = parseRecorderFilename(c.name);
    EXPECT_EQ(h.centerFrequency, c.center) << c.name;
    EXPECT_EQ(h.sampleRate, c.rate) << c.name;
    EXPECT_EQ(h.startTime, c.start) << c.name;
}

} // namespace

TEST(FilenameMetadata, RecorderPatterns) {
    const Case cases[] = {
        {"SDRuno_20220309_140138Z_1kHz.wav", 1e3, std::nullopt, "2022-03-09T14:01:38Z"},
        {"SDRSharp_20220309_140138Z_100000000Hz_IQ.wav", 100e6, std::nullopt,
         "2022-03-09T14:01:38Z"},
        {"HDSDR_20220309_140138Z_7050kHz_RF.wav", 7.05e6, std::nullopt, "2022-03-09T14:01:38Z"},
        {"gqrx_20220309_140138_100000000_2000000_fc.raw", 100e6, 2e6, "2022-03-09T14:01:38Z"},
        {"capture_100.5MHz_2Msps.cu8", 100.5e6, 2e6, ""},
        {"capture_100.5MHz_2.4MSPS.cu8", 100.5e6, 2.4e6, ""},
        {"x_2000000sps_1.2GHz.cs16", 1.2e9, 2e6, ""},
        {"x_250ksps.cf32", std::nullopt, 250e3, ""},
        {"x_2MS-s.cf32", std::nullopt, std::nullopt, ""}, // "MS" alone is no unit
        {"x_2.048MS_s.cf32", std::nullopt, std::nullopt, ""},
        {"rtl_433.92M_2Msps.cu8", 433.92e6, 2e6, ""},
        {"hackrf_2.4G.cs8", 2.4e9, std::nullopt, ""},
        {"19-Jan-2020 175024.012 162.550MHz.wav", 162.55e6, std::nullopt, ""},
        {"/home/me/recordings.d/SDRuno_20200904_204525Z_1826kHz.wav", 1.826e6, std::nullopt,
         "2020-09-04T20:45:25Z"},
        {"C:\\SDR\\HDSDR_20180220_143059Z_7100kHz_AF.wav", 7.1e6, std::nullopt,
         "2018-02-20T14:30:59Z"},
        {"upper_100.5mhz_2msps", 100.5e6, 2e6, ""}, // no extension: ".5mhz" is not one
        {"Aufnahme_größe_ü_145.8MHz.cf32", 145.8e6, std::nullopt, ""},
        // rtl_433's names: centre then rate, "k" for thousands of samples per second.
        {"g001_433.92M_250k.cu8", 433.92e6, 250e3, ""},
        {"g012_868.3M_1024k.cs16", 868.3e6, 1024e3, ""},
        {"adsb_1090M_2M.cu8", 1090e6, 2e6, ""},
        {"x_2M.cu8", std::nullopt, 2e6, ""}, // bare and below 70 MHz: a rate
        {"night_2.4M_run.cu8", std::nullopt, 2.4e6, ""},
        // Generic names with a sample type: a MHz figure below 70 MHz is the rate.
        {"capture_4MHz_cf32.iq", std::nullopt, 4e6, ""},
        {"b210_10MHz_2450MHz_cf32.iq", 2450e6, 10e6, ""},
        {"sat_2Msps_ci16_le.bin", std::nullopt, 2e6, ""},
        {"x_250ksps_cf32.dat", std::nullopt, 250e3, ""},
    };
    for (const Case& c : cases)
        check(c);
}

TEST(FilenameMetadata, NamesThatMustGiveNothing) {
    const char* names[] = {
        "recording.wav",
        "recording_20220309.wav",        // a date alone
        "recording_20220309_140138.wav", // local time: zone unknown
        "IMG_1234.wav",                  // bare numbers
        "track12_1999_44100.wav",        // bare numbers, a year
        "notes_5s.wav",                  // seconds are not a unit here
        "SDRuno_20221309_140138Z_x.wav", // month 13
        "SDRuno_20220230_140138Z_x.wav", // 30 February
        "SDRuno_20220309_256138Z_x.wav", // hour 25
        "gqrx_20220309_140138_fc.raw",   // gqrx without frequency and rate
        "x_MHz.wav",                     // unit without number
        "x_.5MHz.wav",                   // number must start with a digit
        "x_100MHzz.wav",                 // unknown unit
    };
    for (const char* name : names) {
        const FilenameHints h = parseRecorderFilename(name);
        EXPECT_TRUE(h.empty()) << name << ": centre " << h.centerFrequency.value_or(-1) << " rate "
                               << h.sampleRate.value_or(-1) << " start " << h.startTime;
    }
}

TEST(FilenameMetadata, SampleTypeTokens) {
    EXPECT_EQ(parseRecorderFilename("capture_4MHz_cf32.iq").sampleFormat, "cf32");
    EXPECT_EQ(parseRecorderFilename("sat_2Msps_ci16_le.bin").sampleFormat, "ci16_le");
    EXPECT_EQ(parseRecorderFilename("SDRSharp_20220309_140138Z_100000000Hz_IQ.wav").sampleFormat,
              "");
    EXPECT_EQ(parseRecorderFilename("score_cu8fan.bin").sampleFormat, ""); // not a token
}

TEST(FilenameMetadata, ConflictingValuesAreAmbiguous) {
    const FilenameHints h = parseRecorderFilename("x_100MHz_200MHz_1Msps_2Msps.cu8");
    EXPECT_FALSE(h.centerFrequency);
    EXPECT_FALSE(h.sampleRate);
    const FilenameHints same = parseRecorderFilename("x_100MHz_100000kHz.cu8");
    EXPECT_EQ(same.centerFrequency, 100e6);
    // Two bare candidates: neither is taken.
    EXPECT_FALSE(parseRecorderFilename("x_433.92M_868.3M.cu8").centerFrequency);
    // An explicit unit wins over a bare one.
    EXPECT_EQ(parseRecorderFilename("x_433.92M_100MHz.cu8").centerFrequency, 100e6);
}
