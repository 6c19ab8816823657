#include "Document.h"

#include "commands/AnalysisCommand.h"
#include "io/SourceFactory.h"

#include <QFileInfo>
#include <cmath>

namespace specedit::ui {

Document::Document(QObject* parent) : QObject(parent) {
    connect(&m_undo, &QUndoStack::cleanChanged, this,
            [this](bool clean) { emit modifiedChanged(!clean); });
}

Document::~Document() = default;

core::StftParams Document::defaultAnalysis(const core::SignalInfo& info) {
    const double target = info.isComplex() ? 1e-3 : 0.043; // seconds per window
    int n = 256;
    while (n < 65536 && n * 2 <= info.sampleRate * target * 1.5)
        n *= 2;
    return core::StftParams::make(core::WindowSpec{}, n, 3 * n / 4, n, info.sampleRate);
}

void Document::openRecording(const QString& path, const core::OpenOptions& options) {
    auto source = core::openRecording(path.toStdString(), options);
    core::Project project;
    project.source = QFileInfo(path).fileName().toStdString();
    project.sourceOptions = options;
    project.analysis = defaultAnalysis(source->info());
    adopt(std::move(source), std::move(project), QFileInfo(path).absoluteFilePath(), {});
}

void Document::openProject(const QString& path) {
    core::Project project = core::loadProject(path.toStdString());
    const std::string sourcePath = core::resolveSourcePath(project, path.toStdString());
    auto source = core::openRecording(sourcePath, project.sourceOptions);
    adopt(std::move(source), std::move(project), QString::fromStdString(sourcePath),
          QFileInfo(path).absoluteFilePath());
}

void Document::adopt(std::shared_ptr<const core::SampleSource> source, core::Project project,
                     QString sourcePath, QString projectPath) {
    m_source = std::move(source);
    m_project = std::move(project);
    m_sourcePath = std::move(sourcePath);
    m_projectPath = std::move(projectPath);
    m_channel = -1;
    m_undo.clear();
    emit sourceChanged();
    emit analysisChanged();
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

void Document::setChannel(int channel) {
    if (channel == m_channel)
        return;
    m_channel = channel;
    emit analysisChanged();
}

void Document::setAnalysis(const core::StftParams& params, int mergeId) {
    core::StftParams checked = params;
    checked.fs = m_source ? m_source->info().sampleRate : 1.0;
    checked.validate();
    const core::StftParams before = analysis();
    if (before == checked)
        return; // a gesture that changed nothing pushes nothing
    m_undo.push(new AnalysisCommand(this, before, checked, mergeId));
}

void Document::applyAnalysis(const core::StftParams& params) {
    m_project.analysis = params;
    emit analysisChanged();
}

} // namespace specedit::ui
