#include "rebuild/OutcomeText.h"

#include "Counted.h"
#include "ErrorText.h"
#include "apply/RebuildLevel.h"
#include "apply/RebuildNotes.h"

#include <QObject>
#include <algorithm>

namespace specedit::ui {

QString pictureText(const core::RebuildOutcome& outcome) {
    QString text = QObject::tr("Picture %1.").arg(QString::fromStdString(outcome.pictureNote));
    if (!outcome.pictureWarning.empty())
        text +=
            " " + QObject::tr("Warning: %1.").arg(QString::fromStdString(outcome.pictureWarning));
    return text;
}

QString outcomeText(const core::RebuildOutcome& outcome, bool picture) {
    const auto& p = outcome.params;
    QString text =
        outcome.directInverse
            ? QObject::tr(
                  "Inverse STFT of the given magnitudes and phases: its magnitudes are %1 dB from "
                  "the input (%2 dB away from the edge frames, whose padding differs between "
                  "tools).")
                  .arg(outcome.finalDb, 0, 'f', 1)
                  .arg(outcome.interiorDb, 0, 'f', 1)
            : QObject::tr(
                  "Spectral convergence %1 dB after %2 iterations (%3 dB at the start), %4 s.")
                  .arg(outcome.finalDb, 0, 'f', 2)
                  .arg(outcome.convergenceDb.size())
                  .arg(outcome.initialDb, 0, 'f', 1)
                  .arg(outcome.initSeconds + outcome.iterationSeconds, 0, 'f', 2);
    text += QObject::tr(" %1 samples, %2, %3 window %4, hop %5.")
                .arg(outcome.length)
                .arg(outcome.complexSignal ? QObject::tr("complex (IQ)") : QObject::tr("real"))
                .arg(QString::fromStdString(core::toString(p.window)))
                .arg(p.nperseg)
                .arg(p.hop());
    if (outcome.foldedHermitian)
        text += QObject::tr(" The two-sided spectrum is Hermitian: rebuilt as a real signal.");
    if (!outcome.pictureNote.empty())
        text += " " + pictureText(outcome);
    const std::string keep = QObject::tr("Scaling \"spectrum (scipy)\" picked").toStdString();
    for (const std::string& note :
         {outcome.layoutNote, outcome.unitNote, outcome.relativeLevelNote, core::sidesNote(outcome),
          core::levelNote(outcome, keep), core::coverageNote(outcome), core::trendNote(outcome)})
        if (!note.empty())
            text += " " + QObject::tr("Note: %1.").arg(userText(QString::fromStdString(note)));
    const std::string levels = picture ? QObject::tr("the Levels").toStdString() : "";
    if (const std::string level = core::levelWarning(outcome, levels); !level.empty()) {
        const std::size_t named = level.rfind("take scaling ");
        text += " " + (picture || named == std::string::npos
                           ? QObject::tr("Warning: %1.").arg(QString::fromStdString(level))
                           : QObject::tr("Warning: %1 (Scaling: %2).")
                                 .arg(QString::fromStdString(level),
                                      QString::fromStdString(level.substr(named + 13))));
    }
    if (const std::string warning = core::rebuildWarning(outcome); !warning.empty())
        text = QStringLiteral("<b>%1</b> %2")
                   .arg(QObject::tr("Warning: %1.")
                            .arg(userText(QString::fromStdString(warning)))
                            .toHtmlEscaped(),
                        text.toHtmlEscaped());
    return text;
}

QString guessText(const core::GuessResult& result,
                  const std::vector<core::GuessCandidate>& ranked) {
    const bool told = !ranked.empty() && ranked.front().centred.has_value();
    // The notes count among every reading ranked, the table lists the best few.
    const qint64 all = qint64(std::max(result.ranked, ranked.size()));
    const QString count = counted(all, QObject::tr("reading"), QObject::tr("readings"));
    QString text =
        (all > qint64(ranked.size())
             ? QObject::tr("%1 ranked, the best %2 listed; the best is applied. Pick another "
                           "row to use it. ")
                   .arg(count)
                   .arg(ranked.size())
             : QObject::tr("%1 ranked; the best is applied. Pick another row to use it. ")
                   .arg(count)) +
        (told ? QObject::tr("The length's frame count sets where the frames start.")
         : !ranked.empty() && !core::firstSampleTool(ranked.front()).empty()
             ? QObject::tr("Frames set to start at the first sample, as %1 do (a signal length "
                           "tells for sure).")
                   .arg(QString::fromStdString(core::firstSampleTool(ranked.front())))
             : QObject::tr("Where the frames start cannot be told from the data: tick \"frames "
                           "start at the first sample\" if they were made so (MATLAB, "
                           "center=False)."));
    if (result.hintedScaling)
        text += " " + QObject::tr("Scaling set to %1: %2.")
                          .arg(QString::fromStdString(core::toString(*result.hintedScaling)),
                               QString::fromStdString(result.scalingHint));
    for (const std::string& note :
         {result.unitNote, result.layoutNote, result.sidesNote, result.peakNote, result.hopNote})
        if (!note.empty())
            text += " " + QObject::tr("Note: %1.").arg(QString::fromStdString(note));
    if (!result.warning.empty())
        text =
            QObject::tr("Warning: %1.").arg(QString::fromStdString(result.warning)) + "\n" + text;
    return text;
}

} // namespace specedit::ui
