#pragma once
// Plays prepared audio through Qt Multimedia with A/B switching: two variants of the same
// stretch (original and edited, same length) are held in memory and the output reads from
// either at the current position, so switching while playing is seamless. Loops on request;
// reports the playhead in recording seconds. Where no audio output exists, hasDevice() is
// false and play() does nothing (the rest of the editor works). GUI thread only.

#include <QObject>
#include <QPointer>
#include <memory>
#include <vector>

class QAudioSink;
class QTimer;

namespace specedit::ui {

class PlaybackBuffer;

struct PlaybackAudio {
    std::vector<float> original; // interleaved float, `channels` per frame
    std::vector<float> edited;   // same length as original
    int channels = 1;
    double rate = 48000;
    double startSeconds = 0; // recording time of the first frame
    QString heardAs;         // IQ with Auto: "AM" or "FM", and why after a colon
};

class Player : public QObject {
    Q_OBJECT
public:
    explicit Player(QObject* parent = nullptr);
    ~Player() override;

    bool hasDevice() const;
    QString deviceName() const;

    void play(PlaybackAudio audio, bool edited, bool loop);
    void stop();
    bool isPlaying() const;
    // A/B: which variant is heard; takes effect at once while playing.
    void setEdited(bool edited);
    bool isEdited() const { return m_edited; }
    // Playhead in recording seconds (valid while playing).
    double position() const;

signals:
    void positionChanged(double seconds);
    void playingChanged(bool playing);

private:
    void onStateChanged();

    std::unique_ptr<QAudioSink> m_sink;
    std::unique_ptr<PlaybackBuffer> m_buffer;
    QTimer* m_timer;
    bool m_edited = true;
    double m_start = 0;
    double m_rate = 48000;
    bool m_loop = false;
};

} // namespace specedit::ui
