#pragma once
// The spectrogram plot: QCustomPlot with time (bottom) and frequency (left) axes, a dB colour
// scale (right), the spectrogram on its own buffered layer. A wheel notch zooms time 1.5x
// around the cursor (Ctrl: 1.1x); over the frequency axis or with Alt it zooms frequency;
// Shift+wheel pans time; dragging pans; a double-click zooms to the shape under it (else to
// fit); keys: +/- zoom, arrows pan, Home/F zoom to fit. The view never leaves the recording's
// extent. GUI thread only. SpectrogramViewInput.cpp handles the input and the tools' gestures,
// SpectrogramViewMarks.cpp the shapes and labels shown over the picture.

#include "mask/Shape.h"
#include "project/Project.h"
#include "render/Colormap.h"
#include "tools/Tool.h"
#include "view/FrequencyScale.h"
#include "view/LabelDrag.h"

#include <QImage>
#include <QWidget>
#include <memory>
#include <optional>
#include <set>

class QCustomPlot;
class QLabel;
class QCPColorScale;
class QCPAxisRect;

namespace specedit::core {
class TileComputer;
struct TileKey;
} // namespace specedit::core

namespace specedit::ui {

class ChannelPanes;
struct ChannelPane;
class LabelOverlay;
class MaskOverlay;
class TraceLane;
class OverviewStrip;
class ShapeEditGesture;
class SpectrogramPlottable;
class TileScheduler;
class ViewNavigator;

enum class ToolKind { Pan, Rect, Brush, Lasso, Wand, Eraser, Zoom, Measure, Label };

// Why the view gets a new analysis: what it keeps. Ordered from the strongest change (which
// redoes the most) to the weakest; strongest() relies on that order.
enum class ViewChange {
    NewRecording, // fit the recording, fit the levels
    NewAnalysis,  // keep the visible ranges; refit the levels unless set by hand
    SameData,     // keep ranges and levels (the edited result toggled or its mask changed)
};

// The change that does what both would: a new recording's fit is not lost to a later request.
constexpr ViewChange strongest(ViewChange a, ViewChange b) {
    return a < b ? a : b;
}

class SpectrogramView : public QWidget {
    Q_OBJECT
public:
    explicit SpectrogramView(QWidget* parent = nullptr);
    ~SpectrogramView() override;

    // Shows a new analysis (nullptr: empty); see ViewChange for what is kept. For a new
    // recording the caches are emptied.
    void setComputer(std::shared_ptr<const core::TileComputer> computer, ViewChange change);
    // One analysis per pane, shown one above another (the channels of an audio recording);
    // the first goes to the view's own pane.
    void setComputers(const std::vector<std::shared_ptr<const core::TileComputer>>& computers,
                      ViewChange change);
    // The panes shown (1, or one per channel when stacked) and the axis rect of pane i.
    int paneCount() const;
    QCPAxisRect* paneRect(int i) const;
    // Every pane's visible tiles were drawn exactly in the last replot, and nothing is pending.
    bool isPictureComplete() const;
    void setColorParams(const ColorParams& params);
    // Levels the user set (Settings panel): kept until the next recording or Auto levels.
    void setLevelsByHand(const ColorParams& params);
    // The visible ranges, levels and colormap, to keep in a project, and back.
    core::ViewState viewState() const;
    // The waveform / magnitude / frequency lane under the picture.
    TraceLane* traceLane() const { return m_trace; }
    // Seconds one pixel of the picture spans at the current zoom.
    double secondsPerPixel() const { return plotScale().secondsPerPixel; }
    // ViewNavigator::frequencyZoom.
    double frequencyZoom() const;
    void setViewState(const core::ViewState& state);
    const ColorParams& colorParams() const;
    // Sets the dB range from the visible tiles; false while too few tiles are ready.
    bool autoLevels();

    // Painting: the active tool, what new shapes get, and the shapes to draw.
    void setTool(ToolKind kind);
    ToolKind tool() const { return m_toolKind; }
    void setShapeDefaults(const ShapeDefaults& defaults) { m_defaults = defaults; }
    void setShapes(const std::vector<core::Shape>& shapes);
    // Shapes as outlines only (over the edited result, whose colours must read true) or tinted.
    void setShapesOutlined(bool on);
    // The topmost shape drawn at a widget pixel, or 0.
    std::uint64_t shapeAt(QPointF pixel) const;
    std::uint64_t selectedShape() const;
    void setSelectedShape(std::uint64_t id);
    // Edit > Delete: removes the selected shape, else the selected labels; labelsFirst (the
    // Labels table has the focus) the other way round.
    void deleteSelection(bool labelsFirst = false);

    void zoomToFit();
    // A linear, logarithmic or mel frequency axis (log and mel for audio, as Audacity and RX
    // offer them; a log axis starts at bin 0's upper edge). The same frequencies stay in view;
    // shapes keep their hertz. Not for IQ (negative offsets).
    void setFrequencyScale(FrequencyScale scale);
    FrequencyScale frequencyScale() const;
    // Zooms to a time-frequency box (plus a margin of 10 %).
    void zoomToBox(double t0, double t1, double f0, double f1);
    // Brings a box into view: centred at the same zoom when it fits, else zoomed to it.
    void showSpan(double t0, double t1, double f0, double f1);
    void zoomToSelection();
    void setPlayhead(std::optional<double> seconds);
    // The edit cursor: set by a Pan-tool click on empty space; playback starts there.
    std::optional<double> cursorTime() const { return m_cursorTime; }
    void setHiddenShapes(const std::set<std::uint64_t>& ids);
    // Labels (drawn over the first pane) and which of them are selected.
    void setLabels(const std::vector<core::Label>& labels,
                   const std::vector<core::LabelClass>& classes);
    const std::set<std::uint64_t>& selectedLabels() const;
    void setSelectedLabels(const std::set<std::uint64_t>& ids);
    LabelOverlay* labelOverlay() const { return m_labels; }
    // Saves the plot with its axes and colour scale as PNG (width x height px; 0: as shown).
    bool savePng(const QString& path, int width = 0, int height = 0);
    // The plot with its axes and colour scale as shown, and where the first pane's picture
    // lies in it (pixels).
    QImage renderPicture(QRect* plot);
    // Shapes are drawn as outlines: the edited result is shown.
    bool shapesOutlined() const { return m_shapesOutlined; }
    void zoomTime(double factor, double centre);
    void zoomFrequency(double factor, double centre);
    void panTime(double fractionOfView);

    QCustomPlot* plot() const { return m_plot; }
    TileScheduler* scheduler() const { return m_scheduler; }
    SpectrogramPlottable* spectrogram() const { return m_spectrogram; }
    OverviewStrip* overview() const { return m_overview; }

    // Nothing is open yet: a hint covers the empty plot (no placeholder axes).
    bool isEmpty() const;

signals:
    // Cursor position in seconds and Hz, level in dB (NaN when unknown; all NaN off the
    // picture: over an axis or the trace lane).
    void cursorMoved(double seconds, double hertz, double db);
    void colorParamsChanged(const ColorParams& params);
    // Visible tiles not computed yet, and those shown from a quick picture awaiting the exact one.
    void tilesPending(int missing, int inexact);
    // The visible time or frequency range changed (zoom or pan).
    void viewRangeChanged();
    // Every visible tile of the current analysis was drawn from its own level.
    void pictureComplete();
    // The picture cannot be computed (a core::Error's message, e.g. from an effect shape):
    // what is shown stays the fallback.
    void pictureFailed(const QString& message);
    // The recording holds NaN or infinite samples near this time (once per analysis); they
    // show as the floor colour and read "level —".
    void nonFiniteSamples(double seconds);
    // A finished gesture of a painting tool: one shape to add. Drawn over one channel's pane,
    // it applies to that channel.
    void shapeDrawn(const core::Shape& shape);
    // The eraser's stroke (a brush stroke in plot units), to cut out of the shapes it crosses.
    void eraseStroke(const core::Shape& stroke);
    // The magic wand was clicked at (seconds, Hz) over a pane showing `channel` (-1: the mix
    // or IQ); scale is the plot's at that moment.
    void wandRequested(double seconds, double hertz, const PlotScale& scale, int channel);
    // The measuring tool's span: time and frequency differences (end minus start), and the
    // plot's scale at its end (what a pixel is worth: the precision of the differences).
    void measured(double deltaSeconds, double deltaHertz, const PlotScale& scale);
    void deleteRequested(std::uint64_t shapeId);
    // A finished move or resize of a shape (Pan tool): the shape as it is now.
    void shapeEdited(const core::Shape& shape);
    void selectionChanged(std::uint64_t shapeId);
    // The Label tool drew a box (plot units), or clicked at (seconds, Hz) without dragging.
    void labelDrawn(const core::TfBox& box);
    void labelClicked(double seconds, double hertz);
    // A selected label was moved or resized by dragging (one gesture, its final place).
    void labelEdited(const core::Label& label);
    void labelSelectionChanged(const std::set<std::uint64_t>& ids);
    // Delete with labels selected (and no shape, unless the Labels table has the focus).
    void deleteLabelsRequested();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void setupAxes();
    void onWheel(QWheelEvent* event);
    void onDoubleClick(QMouseEvent* event);
    void onMouseMove(QMouseEvent* event);
    void onTileReady(const core::TileKey& key);
    void queueReplot();
    // The pane under the mouse or of the gesture under way.
    const ChannelPane& pane() const;
    void followPane(QPointF pixel);
    // The readout for the picture under a still mouse (after a new picture or a zoom).
    void refreshReadout();
    void onMousePress(QMouseEvent* event);
    void onMouseRelease(QMouseEvent* event);
    QPointF toPlot(const QPointF& pixel) const;
    QPointF gesturePoint(const QPointF& pixel) const;
    PlotScale plotScale() const;
    PlotScale plotScaleAt(QPointF pixel) const;
    void replotOverlay();
    // The levels refitted after a new analysis (followLevels in SpectrogramView.cpp).
    bool followLevels();
    bool beginShapeEdit(QPointF pixel);
    void selectLabelAt(QPointF pixel, bool add);
    void finishLabelGesture(QPointF pixel);
    bool beginLabelDrag(QPointF pixel);
    bool finishLabelDrag(QMouseEvent* event);
    void showEditedShape(const core::Shape& shape);

    QCustomPlot* m_plot;
    QLabel* m_emptyHint;
    QCPColorScale* m_colorScale;
    TileScheduler* m_scheduler;
    SpectrogramPlottable* m_spectrogram;
    bool m_shapesOutlined = false;
    MaskOverlay* m_overlay;
    LabelOverlay* m_labels;
    ChannelPanes* m_panes;
    int m_pane = 0; // index in m_panes of the pane under the mouse or of the gesture
    TraceLane* m_trace;
    std::unique_ptr<ViewNavigator> m_nav; // the visible ranges and the frequency scale
    void updateTraceBand();
    OverviewStrip* m_overview;
    ToolKind m_toolKind = ToolKind::Pan;
    std::unique_ptr<Tool> m_tool;
    ShapeDefaults m_defaults;
    std::optional<QPointF> m_measureStart;    // plot coordinates while measuring
    std::unique_ptr<ShapeEditGesture> m_edit; // moving or resizing a shape (Pan tool)
    std::optional<LabelDrag> m_labelDrag;     // moving or resizing a label (Pan, Label)
    std::vector<core::Shape> m_shapes;        // the document's, as last given
    std::optional<double> m_cursorTime;
    bool m_replotQueued = false;
    bool m_autoLevelPending = false;  // levels follow the tiles until the picture is complete
    bool m_levelsByHand = false;      // the user set the levels for this recording
    float m_keptLevelWidthDb = 0;     // followLevels keeps the levels at least this wide
    bool m_nonFiniteReported = false; // nonFiniteSamples was emitted for this analysis
};

} // namespace specedit::ui
