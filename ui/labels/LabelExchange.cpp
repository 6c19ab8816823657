#include "labels/LabelExchange.h"

#include "Counted.h"
#include "Document.h"
#include "ErrorText.h"
#include "TaskRunner.h"
#include "features/Dataset.h"
#include "label/LabelFiles.h"
#include "labels/ClassBar.h"
#include "labels/ClipExportDialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <algorithm>

namespace specedit::ui {
namespace {

const char* kLabelFilter =
    "Label files (*.csv *.txt *.sigmf-meta);;CSV (*.csv);;Audacity labels (*.txt);;"
    "Raven selection table (*.selections.txt);;SigMF annotations (*.sigmf-meta)";

} // namespace

LabelExchange::LabelExchange(Document* document, TaskRunner* tasks, QWidget* window)
    : QObject(window), m_document(document), m_tasks(tasks), m_window(window) {}

void LabelExchange::addActions(QMenu* menu) {
    menu->addAction(tr("I&mport labels…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            m_window, tr("Import labels"), m_document->besideSource(QString()), kLabelFilter);
        if (!path.isEmpty())
            guarded(tr("Import labels"), [&] { importLabels(path); });
    });
    menu->addAction(tr("E&xport labels…"), this, [this] {
        if (!hasLabels())
            return;
        const QString path = QFileDialog::getSaveFileName(
            m_window, tr("Export labels"), m_document->outputPath(".labels.csv"), kLabelFilter);
        m_document->chooseOutput(path);
        if (!path.isEmpty())
            guarded(tr("Export labels"), [&] {
                const QString note = exportLabels(path);
                const QString done = tr("Exported %1 to %2")
                                         .arg(counted(qint64(m_document->labels().size()),
                                                      tr("label"), tr("labels")),
                                              QDir::toNativeSeparators(path));
                emit message(done, 8000);
                if (!note.isEmpty())
                    QMessageBox::information(m_window, tr("Export labels"),
                                             unbrokenPaths(done + ".\n\n" + note));
            });
    });
    menu->addAction(tr("Export &dataset (features and patches)…"), this, [this] {
        if (!hasLabels())
            return;
        const QString path =
            QFileDialog::getSaveFileName(m_window, tr("Export dataset"),
                                         m_document->outputPath(".dataset.csv"), tr("CSV (*.csv)"));
        m_document->chooseOutput(path);
        if (!path.isEmpty() && !exportDataset(path))
            emit message(tr("Another task is running; export when it ends"), 5000);
    });
    menu->addAction(tr("Export bursts as c&lips…"), this, [this] {
        if (!hasLabels())
            return;
        auto labels = m_document->labels();
        const auto proposed = std::count_if(labels.begin(), labels.end(),
                                            [](const core::Label& l) { return !l.confirmed; });
        ClipExportDialog dialog(m_document->outputPath("_clips"),
                                m_document->source()->info().isComplex(), int(labels.size()),
                                int(proposed), m_window);
        if (dialog.exec() != QDialog::Accepted)
            return;
        m_document->chooseOutput(QString::fromStdString(dialog.options().folder), true);
        if (dialog.acceptedOnly())
            std::erase_if(labels, [](const core::Label& l) { return !l.confirmed; });
        if (!confirmClipFolder(m_window, dialog.options(), m_document->source()->info(), labels))
            return;
        if (!exportClips(dialog.options(), labels) && m_tasks->isBusy())
            emit message(tr("Another task is running; export when it ends"), 5000);
    });
}

// Says so when there is nothing to export, before any file dialog.
bool LabelExchange::hasLabels() {
    if (m_document->hasSource() && !m_document->labels().empty())
        return true;
    emit message(tr("No labels to export: label bursts first (the Label tool L, or Labels > "
                    "Detect bursts…)"),
                 6000);
    return false;
}

void LabelExchange::guarded(const QString& what, const std::function<void()>& body) {
    try {
        body();
    } catch (const std::exception& e) {
        QMessageBox::warning(m_window, what, userText(e));
    }
}

void LabelExchange::importLabels(const QString& path) {
    if (!m_document->hasSource())
        return;
    const auto recording =
        core::labelRecordingOf(*m_document->source(), m_document->sourcePath().toStdString());
    auto imported = core::readLabelFile(path.toStdString(), recording);
    auto labels = m_document->labels();
    for (auto& l : imported) {
        l.id = 0; // the document gives each its own
        labels.push_back(l);
    }
    m_document->setLabels(withClassesOf(m_document->classes(), imported), labels,
                          tr("Import labels"));
    emit message(
        tr("%1 labels imported from %2").arg(imported.size()).arg(QFileInfo(path).fileName()),
        6000);
}

QString LabelExchange::exportLabels(const QString& path) const {
    if (!m_document->hasSource())
        return {};
    const auto recording =
        core::labelRecordingOf(*m_document->source(), m_document->sourcePath().toStdString());
    core::writeLabelFile(path.toStdString(), m_document->labels(), recording);
    return QString::fromStdString(core::datasetAwayNote(path.toStdString(), recording));
}

bool LabelExchange::exportDataset(const QString& csvPath) {
    if (!m_document->hasSource())
        return false;
    auto source = m_document->source();
    const auto labels = m_document->labels();
    const int channel = source->info().isComplex() ? -1 : std::max(-1, m_document->channel());
    const std::string recording = m_document->sourcePath().toStdString();
    const std::string csv = csvPath.toStdString();
    const std::string npy =
        (csvPath.endsWith(".csv") ? csvPath.chopped(4) : csvPath).toStdString() + ".npy";
    return m_tasks->run(
        tr("Measuring %1").arg(counted(qint64(labels.size()), tr("label"), tr("labels"))),
        [source, labels, channel, recording, csv, npy](core::JobControl& job) {
            core::DatasetOptions o;
            o.patchSize = 64;
            const auto entries =
                core::computeDataset({{recording, source.get(), labels, channel}}, o, job);
            core::writeFeatureCsv(csv, entries);
            core::writePatches(npy, entries, o.patchSize);
            const auto left = std::count_if(entries.begin(), entries.end(),
                                            [](const auto& e) { return !e.error.empty(); });
            return left ? (left == 1 ? tr("Dataset written; 1 label could not be measured and "
                                          "was left out (outside the recording)")
                                     : tr("Dataset written; %1 labels could not be measured "
                                          "and were left out (outside the recording)")
                                           .arg(left))
                        : tr("Dataset of %1 labels written").arg(entries.size());
        },
        [this, csvPath](bool, const QString& text) {
            if (!text.isEmpty()) // where: the table beside its .json columns and .npy patches
                emit message(
                    tr("%1: %2 (and its .json, .npy)").arg(text, QDir::toNativeSeparators(csvPath)),
                    10000);
        });
}

bool LabelExchange::exportClips(const core::BurstClipOptions& options,
                                const std::vector<core::Label>& labels) {
    if (!m_document->hasSource() || options.folder.empty())
        return false;
    auto source = m_document->source();
    const std::string recording = m_document->sourcePath().toStdString();
    const auto analysis = m_document->analysis();
    const auto shapes = m_document->shapes();
    auto leftOut = std::make_shared<QStringList>();
    return m_tasks->run(
        tr("Writing %1").arg(counted(qint64(labels.size()), tr("clip"), tr("clips"))),
        [=](core::JobControl& job) {
            const auto r =
                core::writeBurstClips(*source, recording, analysis, shapes, labels, options, job);
            for (const auto& left : r.leftOut) // the reason names the label
                leftOut->append(QString::fromStdString(left.reason));
            return tr("%1 written to %2")
                .arg(counted(qint64(r.written.size()), tr("clip"), tr("clips")),
                     QDir::toNativeSeparators(QString::fromStdString(options.folder)));
        },
        [this, leftOut](bool ok, const QString& text) {
            if (!ok && !text.isEmpty())
                QMessageBox::warning(m_window, tr("Export bursts as clips"), text);
            if (!ok)
                return;
            emit message(text, 10000);
            if (!leftOut->isEmpty())
                QMessageBox::warning(
                    m_window, tr("Export bursts as clips"),
                    tr("%1; %2 left out:\n\n%3")
                        .arg(text,
                             counted(qint64(leftOut->size()), tr("label was"), tr("labels were")),
                             leftOut->join("\n")));
        });
}

} // namespace specedit::ui
