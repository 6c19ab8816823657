// The Shapes panel's box fields: a user types "this band, from 1.200 s to 1.350 s".

#include "../core/AudioFixture.h"
#include "Document.h"
#include "PaintToolBar.h"
#include "SecondsSpinBox.h"
#include "ShapeNotes.h"
#include "ShapesPanel.h"
#include "UiFixture.h"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTest>
#include <QWheelEvent>
#include <gtest/gtest.h>

using namespace specedit::test;

namespace {

QDoubleSpinBox* field(ui::ShapesPanel* panel, int row) {
    static const char* kNames[] = {"shapeStart", "shapeEnd", "shapeLow", "shapeHigh"};
    return panel->findChild<QDoubleSpinBox*>(kNames[row]);
}

} // namespace

TEST(ShapesPanelBox, TypedEdgesMoveTheShapeOneUndoStepEach) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(false));
    auto& w = demoWindow.window;
    const auto id = w.document()->addShape(rectShape(1.0, 1.5, 433.5e6, 433.6e6));
    w.shapesPanel()->select(id);
    QDoubleSpinBox* start = field(w.shapesPanel(), 0);
    QDoubleSpinBox* end = field(w.shapesPanel(), 1);
    QDoubleSpinBox* low = field(w.shapesPanel(), 2);
    EXPECT_EQ(start->value(), 1.0);
    EXPECT_EQ(low->value(), 433.5e6);
    const int steps = w.document()->undoStack()->count();
    start->setValue(1.2);
    end->setValue(1.35);
    low->setValue(433.55e6);
    const core::Shape* s = w.document()->shape(id);
    EXPECT_DOUBLE_EQ(s->t0, 1.2);
    EXPECT_DOUBLE_EQ(s->t1, 1.35);
    EXPECT_DOUBLE_EQ(s->f0, 433.55e6);
    EXPECT_DOUBLE_EQ(s->f1, 433.6e6);
    EXPECT_EQ(w.document()->undoStack()->count(), steps + 3);
    // Shown as read ("1.2 s", "433.55 MHz"), and typed as RF people type a frequency.
    EXPECT_EQ(start->text(), "1.2 s");
    EXPECT_EQ(low->text(), "433.55 MHz");
    low->setFocus();
    low->selectAll();
    QTest::keyClicks(low, "433.58M");
    QTest::keyClick(low, Qt::Key_Return);
    EXPECT_DOUBLE_EQ(w.document()->shape(id)->f0, 433.58e6);
    // An end before the start is refused, says why in the status bar, and the field shows
    // the shape's end again (never a value the shape does not use).
    QSignalSpy said(w.shapesPanel(), &ui::ShapesPanel::message);
    end->setValue(1.1);
    EXPECT_DOUBLE_EQ(w.document()->shape(id)->t1, 1.35);
    ASSERT_EQ(said.count(), 1);
    EXPECT_EQ(said.at(0).at(0).toString(),
              "End 1.1 s is not after Start 1.2 s: not applied (move Start first)");
    QTest::qWait(10);
    EXPECT_EQ(end->value(), 1.35);
    EXPECT_EQ(w.statusBar()->currentMessage(), said.at(0).at(0).toString());
    // Deleting the shape leaves no field showing its values.
    w.document()->removeShape(id);
    EXPECT_TRUE(start->cleanText().isEmpty()) << start->text().toStdString();
    EXPECT_FALSE(start->isEnabled());
    EXPECT_TRUE(w.shapesPanel()->findChild<QLineEdit*>()->text().isEmpty());
}

TEST(ShapesPanelBox, ALassoStretchesToItsTypedBox) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(false));
    auto& w = demoWindow.window;
    core::Shape lasso;
    lasso.type = core::ShapeType::Polygon;
    lasso.points = {{1.0, 433.5e6}, {2.0, 433.5e6}, {1.5, 433.7e6}};
    lasso.gainDb = -40;
    const auto id = w.document()->addShape(lasso);
    w.shapesPanel()->select(id);
    EXPECT_EQ(field(w.shapesPanel(), 1)->value(), 2.0);
    field(w.shapesPanel(), 1)->setValue(3.0); // the box now spans 1 to 3 s
    const core::Shape* s = w.document()->shape(id);
    EXPECT_DOUBLE_EQ(s->points[1].t, 3.0);
    EXPECT_DOUBLE_EQ(s->points[2].t, 2.0); // the apex keeps its relative place
    EXPECT_DOUBLE_EQ(s->points[2].f, 433.7e6);
}

// A brush stroke's fields give what it paints (its line grown by the brush), not its centre
// line; a typed edge moves the painted edge there, the brush keeping its size.
TEST(ShapesPanelBox, AStrokeShowsAndTakesThePaintedBox) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(false));
    auto& w = demoWindow.window;
    core::Shape stroke;
    stroke.type = core::ShapeType::Stroke;
    stroke.points = {{1.10, 433.60e6}, {1.11, 433.61e6}};
    stroke.radiusS = 0.04;
    stroke.radiusHz = 5e3;
    stroke.gainDb = -40;
    const auto id = w.document()->addShape(stroke);
    w.shapesPanel()->select(id);
    EXPECT_NEAR(field(w.shapesPanel(), 0)->value(), 1.06, 1e-6);
    EXPECT_NEAR(field(w.shapesPanel(), 1)->value(), 1.15, 1e-6);
    EXPECT_NEAR(field(w.shapesPanel(), 2)->value(), 433.595e6, 1);
    EXPECT_NEAR(field(w.shapesPanel(), 3)->value(), 433.615e6, 1);
    field(w.shapesPanel(), 1)->setValue(1.25); // the painted end, 0.1 s later
    const core::Shape* s = w.document()->shape(id);
    EXPECT_NEAR(s->points[0].t, 1.10, 1e-9); // the start stays
    EXPECT_NEAR(s->points[1].t, 1.21, 1e-9);
    EXPECT_DOUBLE_EQ(s->radiusS, 0.04);
}

namespace {
// 3 s of stereo noise at 8 kHz.
QString stereoNoise(const TempDir& dir) {
    return QString::fromStdString(
        audioRecording(dir.file("stereo.wav"), 2, 8000, 24000, [](std::int64_t i, int c) {
            return 0.1 * double((std::size_t(2 * i + c) * 7919) % 1000) / 1000.0 - 0.05;
        }));
}
} // namespace

// Stereo audio: a shape drawn while channel 2 is shown applies to channel 2; the panel's
// Channel field shows it and changes it (one undo step); with the mix shown, shapes apply to
// every channel.
TEST(ShapesPanelBox, ShapesTakeTheShownChannelAndThePanelChangesIt) {
    TempDir dir;
    ui::MainWindow w;
    ASSERT_TRUE(openAndWait(w, stereoNoise(dir)));
    ASSERT_EQ(w.document()->info().channels, 2);
    w.document()->setChannel(-1); // the mix
    ASSERT_TRUE(waitForTiles(w));
    auto* plot = w.view()->plot();
    w.paintToolBar()->selectTool(ui::ToolKind::Rect);
    drag(plot, {{0.5, 1000}, {1.0, 2000}});
    ASSERT_EQ(w.document()->shapes().size(), 1u);
    EXPECT_EQ(w.document()->shapes()[0].channel, -1); // the mix is shown
    w.document()->setChannel(1);
    ASSERT_TRUE(waitForTiles(w));
    drag(plot, {{1.5, 1000}, {2.0, 2000}});
    ASSERT_EQ(w.document()->shapes().size(), 2u);
    const auto second = w.document()->shapes()[1];
    EXPECT_EQ(second.channel, 1);
    w.shapesPanel()->select(second.id);
    auto* channel = w.shapesPanel()->findChild<QComboBox*>("shapeChannel");
    ASSERT_NE(channel, nullptr);
    EXPECT_EQ(channel->currentText(), "channel 2");
    const int steps = w.document()->undoStack()->count();
    channel->setCurrentIndex(0);
    EXPECT_EQ(w.document()->shape(second.id)->channel, -1);
    EXPECT_EQ(w.document()->undoStack()->count(), steps + 1);
}

// Units typed into the box fields reach the field, not the window's shortcuts: "50 ms" was
// read as 50 s (M toggled Show edited, S zoomed), "433.91m" as 433.91 Hz. A time field reads
// ms, us, min and m:ss; "m" alone (milli or minutes?) is refused, never guessed.
TEST(ShapesPanelBox, TypedUnitsReachTheFieldNotTheShortcuts) {
    EXPECT_EQ(ui::parseSeconds("50 ms"), 0.05);
    EXPECT_EQ(ui::parseSeconds("50ms"), 0.05);
    EXPECT_EQ(ui::parseSeconds("250 us"), 250e-6);
    EXPECT_EQ(ui::parseSeconds("1.5"), 1.5);
    EXPECT_EQ(ui::parseSeconds("2 min"), 120.0);
    EXPECT_EQ(ui::parseSeconds("1:02.5"), 62.5);
    EXPECT_EQ(ui::parseSeconds("1:00:02"), 3602.0);
    EXPECT_EQ(ui::parseSeconds("-0.25 s"), -0.25);
    for (const char* bad : {"50m", "1:75", "abc", "1.2.3 s", ""})
        EXPECT_FALSE(ui::parseSeconds(bad).has_value()) << bad;

    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.open(false));
    auto& w = demoWindow.window;
    const auto id = w.document()->addShape(rectShape(1.0, 1.5, 433.5e6, 433.6e6));
    w.shapesPanel()->select(id);
    ASSERT_TRUE(demoWindow.activate());
    // Tab goes down the form: Name, then Start (it went to Gain).
    auto* name = w.shapesPanel()->findChild<QLineEdit*>();
    name->setFocus();
    QTest::keyClick(name, Qt::Key_Tab);
    QWidget* focused = QApplication::focusWidget();
    EXPECT_TRUE(focused == field(w.shapesPanel(), 0) ||
                (focused && focused->parentWidget() == field(w.shapesPanel(), 0)));
    QAction* edited = action(w, "Show &edited result");
    ASSERT_NE(edited, nullptr);
    const bool editedBefore = edited->isChecked();
    auto type = [](QDoubleSpinBox* f, const char* text) {
        f->setFocus();
        f->selectAll();
        QTest::keyClicks(f, text);
        QTest::keyClick(f, Qt::Key_Tab);
    };
    type(field(w.shapesPanel(), 0), "1050 ms");
    type(field(w.shapesPanel(), 2), "433.51m");
    type(field(w.shapesPanel(), 3), "433.59 MHz");
    const core::Shape* s = w.document()->shape(id);
    EXPECT_DOUBLE_EQ(s->t0, 1.05);
    EXPECT_DOUBLE_EQ(s->f0, 433.51e6);
    EXPECT_DOUBLE_EQ(s->f1, 433.59e6);
    EXPECT_EQ(edited->isChecked(), editedBefore); // M went to the fields
    EXPECT_EQ(field(w.shapesPanel(), 0)->text(), "1.05 s");
    // An IQ recording at 2 MS/s: a time to the sample (0.5 us) is kept, not rounded to 1 us.
    type(field(w.shapesPanel(), 0), "1.0512345");
    EXPECT_DOUBLE_EQ(w.document()->shape(id)->t0, 1.0512345);
    // An edge past the recording (432.92-434.92 MHz) is applied, and said; text that is no
    // time is refused, and said too (the field went back without a word).
    QSignalSpy said(w.shapesPanel(), &ui::ShapesPanel::message);
    type(field(w.shapesPanel(), 1), "50m");
    QTest::qWait(10);
    EXPECT_EQ(w.document()->shape(id)->t1, 1.5);
    ASSERT_EQ(said.count(), 1);
    EXPECT_EQ(said.takeFirst().at(0).toString(),
              "\"50m\" is not a time: \"m\" could be milliseconds or minutes; write 50 ms or "
              "50 min. Not applied");
    type(field(w.shapesPanel(), 1), "50");
    EXPECT_DOUBLE_EQ(w.document()->shape(id)->t1, 50.0);
    // The refusal goes (a tester saw it stay beside the value then taken), and the new note.
    ASSERT_EQ(said.count(), 2);
    EXPECT_EQ(said.takeFirst().at(0).toString(), QString());
    EXPECT_EQ(said.at(0).at(0).toString(),
              QString("End 50 s lies outside 0 s to %1 s: applied, the shape reaches past the "
                      "recording")
                  .arg(w.document()->info().duration()));
    type(field(w.shapesPanel(), 3), "435.5M");
    ASSERT_EQ(said.count(), 2);
    EXPECT_EQ(said.at(1).at(0).toString().toStdString(),
              "High 435.5 MHz lies outside 432.92 MHz to 434.92 MHz: applied, the shape reaches "
              "past the recording"); // Ctrl+Z in a field after Return undoes the edit it made,
                                     // Ctrl+Shift+Z and Ctrl+Y redo it
    // (a number field kept them for its own text, which held nothing to undo).
    QDoubleSpinBox* low = field(w.shapesPanel(), 2);
    low->setFocus();
    low->selectAll();
    QTest::keyClicks(low, "433.55M");
    QTest::keyClick(low, Qt::Key_Return);
    EXPECT_DOUBLE_EQ(w.document()->shape(id)->f0, 433.55e6);
    ASSERT_TRUE(low->hasFocus());
    QTest::keyClick(w.windowHandle(), Qt::Key_Z, Qt::ControlModifier);
    EXPECT_DOUBLE_EQ(w.document()->shape(id)->f0, 433.51e6);
    QTest::keyClick(w.windowHandle(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_DOUBLE_EQ(w.document()->shape(id)->f0, 433.55e6);
    QTest::keyClick(w.windowHandle(), Qt::Key_Z, Qt::ControlModifier);
    QTest::keyClick(w.windowHandle(), Qt::Key_Y, Qt::ControlModifier);
    EXPECT_DOUBLE_EQ(w.document()->shape(id)->f0, 433.55e6);
}

// Harmonics of a band wide for its place run together, and the panel says so with what they
// cover (a tester's 35.5-66.3 Hz hum box with 10 silenced 71-663 Hz unsaid); the edit stands.
TEST(ShapesPanelBox, HarmonicsThatRunTogetherAreSaid) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.openAudio());
    auto& w = demoWindow.window;
    const auto id = w.document()->addShape(rectShape(1.0, 1.5, 35.5, 66.3));
    w.shapesPanel()->select(id);
    auto* harmonics = w.shapesPanel()->findChild<QSpinBox*>("shapeHarmonics");
    ASSERT_NE(harmonics, nullptr);
    QSignalSpy said(w.shapesPanel(), &ui::ShapesPanel::message);
    harmonics->setValue(10);
    EXPECT_EQ(w.document()->shape(id)->harmonics, 10);
    ASSERT_EQ(said.count(), 1);
    // Said after the band's own narrowness (1.3 bins at the demo's 23.4 Hz bins).
    EXPECT_TRUE(said.at(0).at(0).toString().endsWith(
        "Harmonics 2 and 3 of the band 35.5 Hz to 66.3 Hz overlap, as do all above: 71 Hz "
        "to 663 Hz is covered without a gap. For a hum's notches, draw the band around its "
        "line alone (47 to 53 Hz, say, at 8192 samples)"))
        << said.at(0).at(0).toString().toStdString();
    // Around the line alone the copies no longer overlap, but at this analysis (23.4 Hz bins)
    // 49-51 Hz holds no bin: that is said instead.
    field(w.shapesPanel(), 2)->setValue(49);
    field(w.shapesPanel(), 3)->setValue(51);
    ASSERT_EQ(said.count(), 3);
    EXPECT_TRUE(said.at(2).at(0).toString().startsWith(
        "The band 49 Hz to 51 Hz holds no frequency bin of this analysis"))
        << said.at(2).at(0).toString().toStdString();
}

// The mask is taken at the bins' centres: a band between two of them changes nothing, and one
// under two bins wide leaves most of a tone; both are said, with what would do (a tester's
// 49-51 Hz hum box at 43 Hz bins exported the recording unchanged, unsaid).
TEST(ShapesPanelBox, ABandTooNarrowForTheAnalysisIsSaid) {
    core::SignalInfo info;
    info.sampleRate = 22050;
    const auto at = [](int n) { return core::StftParams::make(core::parseWindow("hann"), n); };
    EXPECT_EQ(ui::narrowBandNote(rectShape(1, 2, 49, 51), at(512), info).toStdString(),
              "The band 49 Hz to 51 Hz holds no frequency bin of this analysis (one every "
              "43.066 Hz): it changes nothing. Draw it at least 172.266 Hz wide, or set Length to "
              "65536 samples or more.");
    // 43.07 Hz lies in 40-50 Hz: most of a tone there is left (Hann spreads it over +-2 bins).
    EXPECT_EQ(ui::narrowBandNote(rectShape(1, 2, 40, 50), at(512), info).toStdString(),
              "The band 40 Hz to 50 Hz is narrower than a tone spreads at this analysis "
              "(±86.133 Hz with hann, 512 samples): a tone in it keeps much of its energy. Draw "
              "it at least 172.266 Hz wide, or set Length to 16384 samples or more.");
    // At 8192 samples (2.69 Hz bins): 49-51 Hz still falls between 48.45 and 51.14 Hz, while
    // 47-53 Hz (took a 50 Hz line down 25 dB) is wide enough; so is 0-500 Hz at 512.
    EXPECT_TRUE(ui::narrowBandNote(rectShape(1, 2, 49, 51), at(8192), info)
                    .contains("holds no frequency bin"));
    EXPECT_TRUE(ui::narrowBandNote(rectShape(1, 2, 47, 53), at(8192), info).isEmpty());
    EXPECT_TRUE(ui::narrowBandNote(rectShape(1, 2, 0, 500), at(512), info).isEmpty());
    core::Shape profile = rectShape(1, 2, 49, 51);
    profile.noiseProfile = true; // changes nothing itself: nothing to say
    EXPECT_TRUE(ui::narrowBandNote(profile, at(512), info).isEmpty());
}

// The wheel over a field that is not being typed in scrolls the panel and leaves the value:
// rolled to scroll the panel, it moved the selected shape's Low edge 100 Hz a notch.
TEST(ShapesPanelBox, TheWheelChangesOnlyAFieldWithTheFocus) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.openAudio());
    auto& w = demoWindow.window;
    const auto id = w.document()->addShape(rectShape(1.0, 1.5, 1000, 2000));
    w.shapesPanel()->select(id);
    QDoubleSpinBox* low = field(w.shapesPanel(), 2);
    auto roll = [low](int notches) {
        const QPointF at(low->width() / 2.0, low->height() / 2.0);
        QWheelEvent wheel(at, low->mapToGlobal(at), {}, {0, 120 * notches}, Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(low, &wheel);
    };
    w.activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&w));
    w.view()->setFocus();
    ASSERT_FALSE(low->hasFocus());
    // Not given the focus by the wheel either (Qt's default for spin boxes and lists).
    EXPECT_EQ(low->focusPolicy(), Qt::StrongFocus);
    EXPECT_EQ(w.shapesPanel()->findChild<QComboBox*>()->focusPolicy(), Qt::StrongFocus);
    const int steps = w.document()->undoStack()->count();
    roll(-2);
    EXPECT_DOUBLE_EQ(w.document()->shape(id)->f0, 1000);
    EXPECT_EQ(w.document()->undoStack()->count(), steps);
    // Clicked into, the field takes the wheel as a spin box does.
    low->setFocus();
    ASSERT_TRUE(low->hasFocus());
    roll(-1);
    EXPECT_LT(w.document()->shape(id)->f0, 1000);
    EXPECT_EQ(w.document()->undoStack()->count(), steps + 1);
}

// A shape set to denoise with no noise profile says that steady tones stay (a tester's
// denoise over a hum kept the hum and said nothing); with a profile for its channel it says
// nothing.
TEST(ShapesPanelBox, DenoiseWithoutANoiseProfileSaysSteadyTonesStay) {
    DemoWindow demoWindow;
    ASSERT_TRUE(demoWindow.openAudio());
    auto& w = demoWindow.window;
    const auto id = w.document()->addShape(rectShape(1.0, 1.5, 0, 4000));
    w.shapesPanel()->select(id);
    auto* effect = w.shapesPanel()->findChild<QComboBox*>("shapeEffect");
    ASSERT_NE(effect, nullptr);
    const int denoise = effect->findText("denoise");
    ASSERT_GE(denoise, 0);
    QSignalSpy said(w.shapesPanel(), &ui::ShapesPanel::message);
    effect->setCurrentIndex(denoise);
    ASSERT_EQ(w.document()->shape(id)->effect, core::ShapeEffect::Denoise);
    ASSERT_EQ(said.count(), 1);
    EXPECT_EQ(said.at(0).at(0).toString().toStdString(),
              "Denoise without a noise profile keeps steady tones (a hum, a whistle) as sound: "
              "mark noise alone with a \"noise profile\" shape, or cut a tone with a gain shape.");
    core::Shape profile = rectShape(0.1, 0.4, 0, 4000);
    profile.noiseProfile = true;
    w.document()->addShape(profile);
    w.shapesPanel()->select(id);
    effect->setCurrentIndex(0);
    said.clear();
    effect->setCurrentIndex(denoise);
    EXPECT_EQ(said.count(), 0);
}
