#pragma once
// Prepares what the user hears and hands it to the Player: the original and the edited
// version of a stretch of the recording (rendered off the GUI thread); for IQ recordings the
// band under the selection or view, moved to baseband, decimated to an audio rate and
// demodulated (AM, FM, USB, LSB), so an RF user can hear a burst. GUI thread only.

#include "dsp/IqDemod.h"
#include "util/JobControl.h"

#include <QObject>
#include <memory>

namespace specedit::ui {

class Document;
class Player;

class Listener : public QObject {
    Q_OBJECT
public:
    // Longest stretch rendered for listening: IQ is rendered at its full rate, so less.
    static constexpr double kMaxAudioSeconds = 120;
    static constexpr double kMaxIqSeconds = 20;

    Listener(Document* document, Player* player, QObject* parent = nullptr);

    // Plays seconds [t0, t1); for IQ the band [f0, f1] (absolute Hz). Replaces what plays.
    void listen(double t0, double t1, double f0, double f1, bool loop);
    void setDemodulation(core::Demodulation mode) { m_mode = mode; }
    core::Demodulation demodulation() const { return m_mode; }
    bool isPreparing() const { return m_generation != m_started; }
    // Drops the stretch being prepared (a new recording was opened, or a new request came).
    void cancel();
    // Which version is heard (A/B); also switches what is playing now.
    void setEdited(bool edited);
    bool isEdited() const { return m_edited; }

signals:
    void problem(const QString& message);
    // What Auto demodulated with ("AM" or "FM"), a colon, and why.
    void heardAs(const QString& choice);
    void started();

private:
    Document* m_document;
    Player* m_player;
    core::Demodulation m_mode = core::Demodulation::Auto;
    bool m_edited = true;
    int m_generation = 0;
    std::shared_ptr<core::JobControl> m_job; // of the request being prepared
    int m_started = 0;
};

} // namespace specedit::ui
