// core/util/UnitText: the numbers the CLI's options and the editor's fields read.
#include "util/UnitText.h"

#include "util/Error.h"

#include <gtest/gtest.h>

using specedit::core::parseHertzText;
using specedit::core::parseSecondsText;

TEST(UnitText, FrequenciesWithPrefixAndUnit) {
    EXPECT_EQ(parseHertzText("2M"), 2e6);
    EXPECT_EQ(parseHertzText("2 MS/s"), 2e6);
    EXPECT_EQ(parseHertzText("2Msps"), 2e6);
    EXPECT_EQ(parseHertzText(" 433.92 MHz "), 433.92e6);
    EXPECT_EQ(parseHertzText("868.3m"), 868.3e6); // no one means millihertz
    EXPECT_EQ(parseHertzText("12.5k"), 12500.0);
    EXPECT_EQ(parseHertzText("2.4e6"), 2.4e6);
    EXPECT_EQ(parseHertzText("+1.5G"), 1.5e9);
    EXPECT_EQ(parseHertzText("-200 kHz"), -200e3);
    EXPECT_EQ(parseHertzText(".5 Hz"), 0.5);
    for (const char* bad : {"", "M", "2 MB", "5 ms", "868,3 MHz", "2 MHz 5", "inf", "nan", "0x10",
                            "1e", "--2", "2 kk"})
        EXPECT_FALSE(parseHertzText(bad).has_value()) << bad;
}

TEST(UnitText, TimesWithUnitOrClock) {
    EXPECT_EQ(parseSecondsText("5ms"), 0.005);
    EXPECT_EQ(parseSecondsText("250 us"), 250e-6);
    EXPECT_EQ(parseSecondsText("250 \xc2\xb5s"), 250e-6);
    EXPECT_EQ(parseSecondsText("250 \xce\xbcs"), 250e-6); // Greek mu, as some keyboards type it
    EXPECT_EQ(parseSecondsText("1.5"), 1.5);
    EXPECT_EQ(parseSecondsText("1.5 S"), 1.5);
    EXPECT_EQ(parseSecondsText("2 min"), 120.0);
    EXPECT_EQ(parseSecondsText("1 h"), 3600.0);
    EXPECT_EQ(parseSecondsText("1e-3 s"), 1e-3);
    EXPECT_EQ(parseSecondsText("1:02.5"), 62.5);
    EXPECT_EQ(parseSecondsText("90:00"), 5400.0); // minutes alone may pass 59
    EXPECT_EQ(parseSecondsText("1:00:02"), 3602.0);
    EXPECT_EQ(parseSecondsText("-0:30"), -30.0);
    for (const char* bad : {"", "50m", "2 mins", "1:75", "1:60:00", "1::2", ":5", "1:.5", "1:5x",
                            "1.2.3 s", "abc", "nan s", "5 Hz"})
        EXPECT_FALSE(parseSecondsText(bad).has_value()) << bad;
}

// Numbers in messages: what was typed, not std::to_string's "-5.000000".
TEST(UnitText, NumbersInMessages) {
    using specedit::core::exactNumber;
    using specedit::core::shortNumber;
    EXPECT_EQ(shortNumber(-5), "-5");
    EXPECT_EQ(shortNumber(0.25), "0.25");
    EXPECT_EQ(exactNumber(-5), "-5");
    EXPECT_EQ(exactNumber(2000000.3), "2000000.3"); // a rate's fraction shows
    EXPECT_EQ(exactNumber(433.92e6), "433920000");
}
