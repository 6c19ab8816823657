#include "PanelWiring.h"

#include "AnalysisPanel.h"
#include "Document.h"
#include "ErrorText.h"
#include "util/Error.h"
#include "view/SpectrogramView.h"

#include <QStatusBar>

namespace specedit::ui {

void wireAnalysisPanel(AnalysisPanel* panel, Document* document, SpectrogramView* view,
                       QStatusBar* status) {
    QObject::connect(view, &SpectrogramView::colorParamsChanged, panel, &AnalysisPanel::showColor);
    QObject::connect(panel, &AnalysisPanel::colorEdited, view, &SpectrogramView::setLevelsByHand);
    QObject::connect(panel, &AnalysisPanel::levelsRefused, status,
                     [status](const QString& why) { status->showMessage(why, 8000); });
    QObject::connect(panel, &AnalysisPanel::autoLevelsRequested, view,
                     &SpectrogramView::autoLevels);
    // The fields back to the document's analysis (Restore, or an IQ mode it refused).
    auto showDocument = [panel, document] {
        if (document->hasSource())
            panel->showAnalysis(document->analysis(), document->info(), document->channel());
    };
    QObject::connect(panel, &AnalysisPanel::restoreRequested, panel, showDocument);
    QObject::connect(panel, &AnalysisPanel::channelEdited, document, &Document::setChannel);
    QObject::connect(panel, &AnalysisPanel::autoLengthEdited, document, &Document::setAutoLength);
    QObject::connect(document, &Document::autoLengthChanged, panel, &AnalysisPanel::showAutoLength);
    QObject::connect(document, &Document::autoLengthStopped, status, [status](int n) {
        status->showMessage(QObject::tr("Auto length off: the edit is applied with the %1-sample "
                                        "window it was drawn at, whatever the zoom. Tick Auto to "
                                        "follow the zoom again.")
                                .arg(n),
                            12000);
    });
    QObject::connect(panel, &AnalysisPanel::iqModeEdited, panel,
                     [document, status, showDocument](bool iq) {
                         try {
                             document->setIqMode(iq);
                         } catch (const std::exception& e) {
                             showDocument();
                             status->showMessage(userText(e), 8000);
                         }
                     });
    QObject::connect(panel, &AnalysisPanel::analysisEdited, panel,
                     [panel, document](const core::StftParams& p, int mergeId) {
                         try {
                             document->setAnalysis(p, mergeId);
                             panel->showProblem({});
                         } catch (const core::Error& e) {
                             panel->showProblem(userText(e));
                         }
                     });
    panel->showColor(view->colorParams());
}

} // namespace specedit::ui
