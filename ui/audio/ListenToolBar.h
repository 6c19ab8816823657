#pragma once
// Listening controls: play/stop (Space) what is selected or visible, "Hear Original | Edited"
// (A/B, T) even while playing, loop, and the demodulator for IQ
// recordings (Auto, AM, FM, USB, LSB; Auto shows what it chose); the same actions in a Play menu.
// Emits requests; owns no state beyond its controls.

#include "dsp/IqDemod.h"

#include <QToolBar>

class QAction;
class QComboBox;
class QMenu;

namespace specedit::ui {

class AbSwitch;

class ListenToolBar : public QToolBar {
    Q_OBJECT
public:
    explicit ListenToolBar(QWidget* parent = nullptr);

    void setPlaying(bool playing);
    void setIqMode(bool iq); // shows the demodulator only for IQ recordings
    // "Auto (AM)": what Auto chose for the last stretch played; the tooltip says why. Empty:
    // plain "Auto" again (another selection or recording).
    void showAutoChoice(const QString& choice);
    void buildMenu(QMenu* menu); // Play/Stop, Loop, Hear the edited result
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
    QAction* m_hearEdited; // T; the switch follows it
    QAction* m_loop;
    QAction* m_demodLabelAction = nullptr;
    QAction* m_demodAction;
    QComboBox* m_demod;
    bool m_playing = false;
};

} // namespace specedit::ui
