// main() of every editor test program: a QApplication on the offscreen platform with its own
// settings folder (UiFixture.h), then GoogleTest.

#include "UiFixture.h"

#include <gtest/gtest.h>

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName("SpecEditTests");
    specedit::test::isolateSettings();
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
