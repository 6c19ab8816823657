#include "Document.h"

#include "ErrorText.h"
#include "OutputFolder.h"
#include "commands/AnalysisCommand.h"
#include "commands/ShapeCommands.h"
#include "io/SourceFactory.h"
#include "label/LabelFiles.h"
#include "labels/ClassBar.h"
#include "mask/ShapeCut.h"
#include "util/Error.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <algorithm>
#include <cmath>

namespace specedit::ui {
namespace {

// core::openRecording, with compressed recordings unpacked into the application's cache.
std::unique_ptr<core::SampleSource> openSource(const std::string& path, core::OpenOptions options) {
    if (options.cacheDir.empty())
        options.cacheDir =
            QStandardPaths::writableLocation(QStandardPaths::CacheLocation).toStdString();
    return core::openRecording(path, options);
}

} // namespace

Document::Document(QObject* parent) : QObject(parent) {
    connect(&m_undo, &QUndoStack::cleanChanged, this,
            [this](bool) { emit modifiedChanged(isModified()); });
}

Document::~Document() = default;

int Document::windowLengthFor(const core::SignalInfo& info, double samplesPerPixel) {
    const double low = info.isComplex() ? 64.0 : info.sampleRate * 0.032;
    const double high = info.isComplex() ? 16384.0 : info.sampleRate * 0.1;
    const double wanted = std::clamp(samplesPerPixel, low, std::max(low, high));
    return std::clamp(1 << int(std::lround(std::log2(std::max(1.0, wanted)))), 16, 65536);
}

core::StftParams Document::defaultAnalysis(const core::SignalInfo& info, int viewPixels) {
    const int n = windowLengthFor(info, double(info.frames) / std::max(1, viewPixels));
    return core::StftParams::make(core::WindowSpec{}, n, 3 * n / 4, n, info.sampleRate);
}

void Document::openRecording(const QString& path, const core::OpenOptions& options,
                             int viewPixels) {
    auto source = openSource(path.toStdString(), options);
    core::Project project;
    project.source = QFileInfo(path).fileName().toStdString();
    project.sourceOptions = options;
    project.analysis = defaultAnalysis(source->info(), viewPixels);
    project.autoLength = true;
    QString note;
    try { // a SigMF recording's annotations are its labels
        auto labels = core::labelsOfRecording(*source, path.toStdString());
        core::numberLabels(labels);
        auto classes = withClassesOf({}, labels);
        core::validateLabelSet(classes, labels, path.toStdString());
        project.labels = std::move(labels);
        project.classes = std::move(classes);
    } catch (const core::Error& e) {
        note = tr("The recording's annotations were not read: %1").arg(userText(e));
    }
    adopt(std::move(source), std::move(project), QFileInfo(path).absoluteFilePath(), {});
    m_openNote = note;
}

void Document::openProject(const QString& path, const QString& recordingAt) {
    const QByteArray digest = fileDigest(path);
    core::Project project = core::loadProject(path.toStdString());
    const std::string sourcePath = recordingAt.isEmpty()
                                       ? core::existingSourcePath(project, path.toStdString())
                                       : QFileInfo(recordingAt).absoluteFilePath().toStdString();
    auto source = openSource(sourcePath, project.sourceOptions);
    adopt(std::move(source), std::move(project), QString::fromStdString(sourcePath),
          QFileInfo(path).absoluteFilePath());
    m_projectDigest = digest;
    m_recordingMoved = !recordingAt.isEmpty();
    emit modifiedChanged(isModified());
}

void Document::adopt(std::shared_ptr<const core::SampleSource> source, core::Project project,
                     QString sourcePath, QString projectPath) {
    m_undo.clear(); // first: its signals still describe the old document
    ++m_openSerial;
    m_source = std::move(source);
    m_project = std::move(project);
    m_viewAtOpening = m_project.view;
    m_sourcePath = std::move(sourcePath);
    m_projectPath = std::move(projectPath);
    m_outputFolder.clear();
    m_projectDigest.clear();
    m_openNote.clear();
    m_recordingMoved = false;
    m_autosave.claim(autosaveBase());
    m_channel = defaultChannel();
    m_nextShapeId = 1;
    for (const auto& s : m_project.shapes)
        m_nextShapeId = std::max(m_nextShapeId, s.id + 1);
    for (auto& s : m_project.shapes)
        if (s.id == 0) // projects written by hand may leave ids out
            s.id = m_nextShapeId++;
    emit sourceChanged();
    emit analysisChanged();
    emit shapesChanged();
    emit labelsChanged();
    emit autoLengthChanged(m_project.autoLength);
}

QString Document::besideSource(const QString& suffix) const {
    if (m_sourcePath.isEmpty())
        return {};
    const QFileInfo source(m_sourcePath);
    return suffix.isEmpty() ? source.absolutePath()
                            : source.dir().filePath(source.completeBaseName() + suffix);
}

QString Document::outputPath(const QString& suffix) const {
    if (m_sourcePath.isEmpty())
        return {};
    const QFileInfo source(m_sourcePath);
    const QString preferred = !m_outputFolder.isEmpty()  ? m_outputFolder
                              : !m_projectPath.isEmpty() ? QFileInfo(m_projectPath).absolutePath()
                                                         : source.absolutePath();
    return QDir(writableFolder(preferred)).filePath(source.completeBaseName() + suffix);
}

void Document::chooseOutput(const QString& path, bool isFolder) {
    if (path.isEmpty())
        return;
    const QFileInfo chosen(path);
    m_outputFolder =
        isFolder ? QFileInfo(chosen.absoluteFilePath()).absolutePath() : chosen.absolutePath();
}

QString Document::displayName() const {
    if (!m_projectPath.isEmpty())
        return QFileInfo(m_projectPath).fileName();
    return m_sourcePath.isEmpty() ? tr("Untitled") : QFileInfo(m_sourcePath).fileName();
}

core::StftParams Document::analysis() const {
    core::StftParams p = m_project.analysis;
    if (m_source)
        p.fs = m_source->info().sampleRate;
    return p;
}

int Document::defaultChannel() const {
    if (!m_source || info().isComplex())
        return -1;
    const int n = info().channels;
    return n >= 2 && n <= kMaxStackedChannels ? kStackedChannels : -1;
}

void Document::setChannel(int channel) {
    if (channel == m_channel)
        return;
    m_channel = channel;
    emit analysisChanged();
}

void Document::setIqMode(bool iq) {
    if (!m_source || m_source->info().isComplex() == iq)
        return;
    core::OpenOptions after = m_project.sourceOptions;
    after.forceIq = iq;
    after.forceAudio = !iq;
    if (!iq) { // audio has no centre and no I/Q order (undo brings them back)
        after.centerFrequency.reset();
        after.swapIq = false;
    }
    openSource(m_sourcePath.toStdString(), after); // throws if it cannot be read so
    m_undo.push(new SourceOptionsCommand(this, m_project.sourceOptions, after));
}

void Document::applySourceOptions(const core::OpenOptions& options) {
    m_source = openSource(m_sourcePath.toStdString(), options);
    m_project.sourceOptions = options;
    m_project.analysis.fs = m_source->info().sampleRate;
    m_channel = defaultChannel();
    emit sourceChanged();
    emit analysisChanged();
    emit shapesChanged();
}

void Document::setAnalysis(const core::StftParams& params, int mergeId) {
    core::StftParams checked = params;
    checked.fs = m_source ? m_source->info().sampleRate : 1.0;
    checked.validate();
    const core::StftParams before = analysis();
    if (before == checked)
        return; // a gesture that changed nothing pushes nothing
    // A length the user chose wins over Auto (and undoing it gives Auto back).
    const bool autoAfter = m_project.autoLength && checked.nperseg == before.nperseg;
    m_undo.push(
        new AnalysisCommand(this, before, checked, mergeId, m_project.autoLength, autoAfter));
}

void Document::setAutoLength(bool on) {
    if (m_project.autoLength == on)
        return;
    m_project.autoLength = on;
    emit autoLengthChanged(on);
}

void Document::followZoom(int n) {
    const core::StftParams before = analysis();
    if (!m_project.autoLength || n == before.nperseg)
        return;
    const double overlap = double(before.noverlap) / before.nperseg;
    const int pad = std::max(1, before.nfft / before.nperseg);
    const int noverlap = std::min(n - 1, int(std::lround(overlap * n)));
    core::StftParams p = core::StftParams::make(before.window, n, noverlap, n * pad, before.fs);
    p.validate();
    applyAnalysis(p);
}

const core::Shape* Document::shape(std::uint64_t id) const {
    for (const auto& s : m_project.shapes)
        if (s.id == id)
            return &s;
    return nullptr;
}

// A shape is applied with the analysis it was drawn at: Auto stops following the zoom, so
// what is exported no longer depends on how far the view was zoomed at the time (a tester's
// removed burst kept 3 to 4 ms at each end when exported zoomed out, at 16384 samples, and
// none zoomed in, at 512).
std::uint64_t Document::addShape(core::Shape shape) {
    shape.id = m_nextShapeId++;
    shape.validate("shape");
    const std::uint64_t id = shape.id;
    m_undo.push(new AddShapeCommand(this, std::move(shape)));
    if (m_project.autoLength) {
        setAutoLength(false);
        emit autoLengthStopped(analysis().nperseg);
    }
    return id;
}

void Document::cutShapes(const core::Shape& eraser) {
    const int channels = m_source && !info().isComplex() ? info().channels : 1;
    core::CutAllResult cut = core::cutShapes(m_project.shapes, eraser, channels);
    if (!cut.changed)
        return;
    for (auto& s : cut.shapes)
        if (s.id == 0)
            s.id = m_nextShapeId++;
    m_undo.push(
        new ReplaceShapesCommand(this, m_project.shapes, std::move(cut.shapes), tr("Erase")));
}

const core::Label* Document::label(std::uint64_t id) const {
    for (const auto& l : m_project.labels)
        if (l.id == id)
            return &l;
    return nullptr;
}

void Document::setLabels(std::vector<core::LabelClass> classes, std::vector<core::Label> labels,
                         const QString& text) {
    core::numberLabels(labels, m_project.labels);
    core::validateLabelSet(classes, labels, "labels");
    LabelState after{std::move(classes), std::move(labels)};
    LabelState before{m_project.classes, m_project.labels};
    if (after == before)
        return;
    m_undo.push(new ReplaceLabelsCommand(this, std::move(before), std::move(after), text));
}

void Document::assignLabels(const LabelState& state) {
    m_project.classes = state.classes;
    m_project.labels = state.labels;
    emit labelsChanged();
}

void Document::assignShapes(const std::vector<core::Shape>& shapes) {
    m_project.shapes = shapes;
    emit shapesChanged();
}

void Document::removeShape(std::uint64_t id) {
    for (std::size_t i = 0; i < m_project.shapes.size(); ++i)
        if (m_project.shapes[i].id == id) {
            m_undo.push(new RemoveShapeCommand(this, m_project.shapes[i], int(i)));
            return;
        }
}

void Document::modifyShape(const core::Shape& after, int mergeId) {
    const core::Shape* before = shape(after.id);
    if (!before || *before == after)
        return;
    after.validate("shape");
    m_undo.push(new ModifyShapeCommand(this, *before, after, mergeId));
}

void Document::moveShape(std::uint64_t id, int toIndex) {
    auto& list = m_project.shapes;
    for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i].id == id && int(i) != toIndex && toIndex >= 0 && toIndex < int(list.size())) {
            m_undo.push(new MoveShapeCommand(this, id, int(i), toIndex));
            return;
        }
}

void Document::relocateShape(std::uint64_t id, int toIndex) {
    auto& list = m_project.shapes;
    const auto it =
        std::find_if(list.begin(), list.end(), [id](const auto& s) { return s.id == id; });
    if (it == list.end())
        return;
    const core::Shape shape = *it;
    list.erase(it);
    list.insert(list.begin() + std::clamp<std::ptrdiff_t>(toIndex, 0, std::ptrdiff_t(list.size())),
                shape);
    emit shapesChanged();
}

void Document::insertShape(int index, const core::Shape& shape) {
    auto& list = m_project.shapes;
    list.insert(list.begin() + std::clamp<std::ptrdiff_t>(index, 0, std::ptrdiff_t(list.size())),
                shape);
    emit shapesChanged();
    emit shapeInserted(shape.id);
}

void Document::eraseShape(std::uint64_t id) {
    std::erase_if(m_project.shapes, [id](const core::Shape& s) { return s.id == id; });
    emit shapesChanged();
}

void Document::replaceShape(const core::Shape& shape) {
    for (auto& s : m_project.shapes)
        if (s.id == shape.id)
            s = shape;
    emit shapesChanged();
}

void Document::applyAnalysis(const core::StftParams& params) {
    m_project.analysis = params;
    emit analysisChanged();
}

} // namespace specedit::ui
