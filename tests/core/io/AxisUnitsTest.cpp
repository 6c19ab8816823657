#include "io/AxisUnits.h"

#include <gtest/gtest.h>

using namespace specedit::core;

namespace {

void expectUnit(const std::string& title, AxisQuantity q, const std::string& name, double factor) {
    const AxisUnit u = axisUnitOf(title, q);
    EXPECT_EQ(u.name, name) << title;
    EXPECT_EQ(u.factor, factor) << title;
    EXPECT_EQ(u.problem, "") << title;
}

} // namespace

TEST(AxisUnits, TitlesAsPlottingToolsPrintThem) {
    expectUnit("Time [s]", AxisQuantity::Time, "s", 1);
    expectUnit("Time (ms)", AxisQuantity::Time, "ms", 1e-3);
    expectUnit("time in \xc2\xb5s", AxisQuantity::Time, "us", 1e-6); // micro sign
    expectUnit("Time / \xce\xbcs", AxisQuantity::Time, "us", 1e-6);  // Greek mu
    expectUnit("Elapsed time, minutes", AxisQuantity::Time, "min", 60);
    expectUnit("Frequency [kHz]", AxisQuantity::Frequency, "kHz", 1e3);
    expectUnit("Frequency (MHz)", AxisQuantity::Frequency, "MHz", 1e6);
    expectUnit("FREQUENCY (HZ)", AxisQuantity::Frequency, "Hz", 1);
    expectUnit("Frequency offset / GHz", AxisQuantity::Frequency, "GHz", 1e9);
}

// A unit is a whole word: "us" in "Bus" or "ms" in "Items" is none (they read as microseconds
// and milliseconds when any substring counted).
TEST(AxisUnits, AUnitIsAWholeWord) {
    expectUnit("Bus time", AxisQuantity::Time, "", 1);
    expectUnit("Items", AxisQuantity::Time, "", 1);
    expectUnit("Time", AxisQuantity::Time, "", 1);
    expectUnit("", AxisQuantity::Frequency, "", 1);
    expectUnit("Chzx", AxisQuantity::Frequency, "", 1);
}

TEST(AxisUnits, CountsAndNormalisedFrequenciesAreNoUnits) {
    EXPECT_EQ(axisUnitOf("Time [frames]", AxisQuantity::Time).problem,
              "its title 'Time [frames]' counts frames, not seconds");
    EXPECT_EQ(axisUnitOf("Sample", AxisQuantity::Time).problem,
              "its title 'Sample' counts samples, not seconds");
    EXPECT_EQ(axisUnitOf("Frequency bin", AxisQuantity::Frequency).problem,
              "its title 'Frequency bin' counts bins, not hertz");
    EXPECT_EQ(axisUnitOf("Normalized Frequency (x pi rad/sample)", AxisQuantity::Frequency).problem,
              "its title 'Normalized Frequency (x pi rad/sample)' gives a normalised frequency, "
              "not hertz");
}

TEST(AxisUnits, ALabelMayPrintItsUnit) {
    const auto khz = unitLabelOf("\xe2\x88\x92"
                                 "200 kHz",
                                 AxisQuantity::Frequency); // U+2212
    ASSERT_TRUE(khz.has_value());
    EXPECT_EQ(khz->value, -200);
    EXPECT_EQ(khz->unit.name, "kHz");
    const auto ms = unitLabelOf("0.025 ms", AxisQuantity::Time);
    ASSERT_TRUE(ms.has_value());
    EXPECT_EQ(ms->value, 0.025);
    EXPECT_EQ(ms->unit.factor, 1e-3);
    EXPECT_FALSE(unitLabelOf("400", AxisQuantity::Frequency)); // no unit: a plain number
    EXPECT_FALSE(unitLabelOf("400 kHz", AxisQuantity::Time));  // not a time
    EXPECT_FALSE(unitLabelOf("kHz 400", AxisQuantity::Frequency));
    EXPECT_FALSE(unitLabelOf("20 frames", AxisQuantity::Time));
}
