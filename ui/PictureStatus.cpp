#include "PictureStatus.h"

#include <QLabel>
#include <QStatusBar>

namespace specedit::ui {

PictureStatus::PictureStatus(QStatusBar* bar) : QObject(bar), m_bar(bar), m_label(new QLabel(bar)) {
    m_label->setObjectName("pictureStatus");
    bar->addPermanentWidget(m_label);
}

void PictureStatus::showPending(int missingTiles, int inexactTiles) {
    m_missing = missingTiles;
    m_inexact = inexactTiles;
    if (m_failed)
        return; // the missing tiles will not come: keep saying so
    m_label->setStyleSheet(QString());
    m_label->setText(missingTiles > 0   ? tr("rendering %1 tiles…").arg(missingTiles)
                     : inexactTiles > 0 ? tr("refining %1 tiles…").arg(inexactTiles)
                                        : QString());
}

void PictureStatus::showFailure(const QString& reason) {
    m_failed = true;
    const QString message = tr("Cannot draw: %1").arg(reason);
    m_label->setStyleSheet("color: #d04040;");
    m_label->setText(tr("not drawn"));
    m_label->setToolTip(message);
    m_bar->setToolTip(message);
    m_bar->showMessage(message);
}

void PictureStatus::clear() {
    const bool wasFailed = m_failed;
    m_failed = false;
    m_label->setToolTip(QString());
    m_bar->setToolTip(QString());
    if (wasFailed)
        m_bar->clearMessage();
    showPending(m_missing, m_inexact);
}

} // namespace specedit::ui
