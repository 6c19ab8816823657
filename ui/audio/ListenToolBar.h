#pragma once
// Listening controls: play/stop (Space) what is selected or visible, "Hear Original | Edited"
// (A/B, T) even while playing, loop, and the demodulator for IQ
// recordings (AM, FM, USB, LSB). Emits requests; owns no state beyond its controls.

#include "dsp/IqDemod.h"

#include <QToolBar>

class QAction;
class QComboBox;

namespace specedit::ui {

class AbSwitch;

class ListenToolBar : public QToolBar {
    Q_OBJECT
public:
    explicit ListenToolBar(QWidget* parent = nullptr);

    void setPlaying(bool playing);
    void setIqMode(bool iq); // shows the demodulator only for IQ recordings
    bool loop() const;
    bool edited() const;

signals:
    void playRequested();
    void stopRequested();
    void editedChanged(bool edited);
    void demodulationChanged(core::Demodulation mode);

private:
    QAction* m_play;
    AbSwitch* m_hear;
    QAction* m_loop;
    QAction* m_demodLabelAction = nullptr;
    QAction* m_demodAction;
    QComboBox* m_demod;
    bool m_playing = false;
};

} // namespace specedit::ui
