#include "audio/ListenToolBar.h"

#include "AbSwitch.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>

namespace specedit::ui {

ListenToolBar::ListenToolBar(QWidget* parent) : QToolBar(tr("Listen"), parent) {
    setObjectName("listenToolBar");
    m_play = addAction(tr("Play"));
    m_play->setShortcut(QKeySequence(Qt::Key_Space));
    m_play->setToolTip(tr("Play the selected shape's stretch, or the visible range (Space)"));
    m_loop = addAction(tr("Loop"));
    m_loop->setCheckable(true);
    addSeparator();
    m_hear = new AbSwitch(tr("Hear"),
                          tr("A/B: play the original recording or the edited result, switching "
                             "while playing (T)"),
                          QKeySequence(Qt::Key_T), this);
    m_hear->setObjectName("hearSwitch");
    m_hear->setEdited(true);
    addWidget(m_hear);
    m_demod = new QComboBox(this);
    m_demod->addItems({"AM", "FM", "USB", "LSB"});
    m_demod->setCurrentIndex(1);
    m_demod->setToolTip(tr("How to demodulate the IQ band under the selection or view"));
    auto* demodLabel = new QLabel(tr(" Demodulate "), this); // the box alone read as a mystery
    demodLabel->setToolTip(m_demod->toolTip());
    m_demodLabelAction = addWidget(demodLabel);
    m_demodAction = addWidget(m_demod);
    connect(m_play, &QAction::triggered, this,
            [this] { m_playing ? emit stopRequested() : emit playRequested(); });
    connect(m_hear, &AbSwitch::editedChanged, this, &ListenToolBar::editedChanged);
    connect(m_demod, &QComboBox::currentIndexChanged, this,
            [this](int i) { emit demodulationChanged(core::Demodulation(i)); });
}

void ListenToolBar::setPlaying(bool playing) {
    m_playing = playing;
    m_play->setText(playing ? tr("Stop") : tr("Play"));
}

void ListenToolBar::setIqMode(bool iq) {
    m_demodLabelAction->setVisible(iq);
    m_demodAction->setVisible(iq);
}
bool ListenToolBar::loop() const {
    return m_loop->isChecked();
}
bool ListenToolBar::edited() const {
    return m_hear->edited();
}

} // namespace specedit::ui
