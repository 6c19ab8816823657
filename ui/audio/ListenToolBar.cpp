#include "audio/ListenToolBar.h"

#include "AbSwitch.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QMenu>

namespace specedit::ui {

ListenToolBar::ListenToolBar(QWidget* parent) : QToolBar(tr("Listen"), parent) {
    setObjectName("listenToolBar");
    m_play = addAction(tr("Play"));
    m_play->setShortcut(QKeySequence(Qt::Key_Space));
    m_play->setToolTip(tr("Play the selected shape's stretch, or the visible range (Space)"));
    m_loop = addAction(tr("Loop"));
    m_loop->setCheckable(true);
    addSeparator();
    m_hearEdited = new QAction(tr("&Hear the edited result"), this);
    m_hearEdited->setCheckable(true);
    m_hearEdited->setShortcut(QKeySequence(Qt::Key_T));
    m_hearEdited->setShortcutContext(Qt::WindowShortcut);
    m_hear = new AbSwitch(tr("Hear"),
                          tr("A/B: play the original recording or the edited result, switching "
                             "while playing (T, Play > Hear the edited result)"),
                          this);
    m_hear->setObjectName("hearSwitch");
    m_hearEdited->setChecked(true);
    m_hear->setEdited(true);
    addWidget(m_hear);
    // The key works with the menu closed and the bar hidden: the window holds the action too.
    if (parent)
        parent->addAction(m_hearEdited);
    connect(m_hear, &AbSwitch::editedChanged, m_hearEdited, &QAction::setChecked);
    connect(m_hearEdited, &QAction::toggled, m_hear, &AbSwitch::setEdited);
    m_demod = new QComboBox(this);
    m_demod->setObjectName("demodulation");
    m_demod->setSizeAdjustPolicy(QComboBox::AdjustToContents); // "Auto (AM)" whole
    using core::Demodulation;
    for (auto [text, mode] :
         {std::pair{tr("Auto"), Demodulation::Auto}, std::pair{QString("AM"), Demodulation::Am},
          std::pair{QString("FM"), Demodulation::Fm}, std::pair{QString("USB"), Demodulation::Usb},
          std::pair{QString("LSB"), Demodulation::Lsb}})
        m_demod->addItem(text, int(mode));
    m_demod->setToolTip(tr("How to demodulate the IQ band under the selection or view. Auto: AM "
                           "when the carrier holds still while its level moves (on/off keying), "
                           "else FM"));
    auto* demodLabel = new QLabel(tr(" Demodulate "), this); // the box alone read as a mystery
    demodLabel->setToolTip(m_demod->toolTip());
    m_demodLabelAction = addWidget(demodLabel);
    m_demodAction = addWidget(m_demod);
    connect(m_play, &QAction::triggered, this,
            [this] { m_playing ? emit stopRequested() : emit playRequested(); });
    connect(m_hear, &AbSwitch::editedChanged, this, &ListenToolBar::editedChanged);
    connect(m_demod, &QComboBox::currentIndexChanged, this, [this](int i) {
        emit demodulationChanged(core::Demodulation(m_demod->itemData(i).toInt()));
    });
    setIqMode(false); // until an IQ recording opens (it showed in an empty window)
}

void ListenToolBar::buildMenu(QMenu* menu) {
    menu->addAction(m_play);
    menu->addAction(m_loop);
    menu->addSeparator();
    menu->addAction(m_hearEdited);
}

void ListenToolBar::setPlaying(bool playing) {
    m_playing = playing;
    m_play->setText(playing ? tr("Stop") : tr("Play"));
}

void ListenToolBar::setIqMode(bool iq) {
    m_demodLabelAction->setVisible(iq);
    m_demodAction->setVisible(iq);
    showAutoChoice({}); // what it chose was another recording's
}
void ListenToolBar::showAutoChoice(const QString& choice) {
    const QString mode = choice.section(':', 0, 0);
    m_demod->setItemText(0, choice.isEmpty() ? tr("Auto") : tr("Auto (%1)").arg(mode));
    m_demod->setItemData(0, choice.isEmpty() ? QVariant() : tr("Last played as %1").arg(choice),
                         Qt::ToolTipRole);
}

bool ListenToolBar::loop() const {
    return m_loop->isChecked();
}
bool ListenToolBar::edited() const {
    return m_hear->edited();
}

} // namespace specedit::ui
