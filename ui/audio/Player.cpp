#include "audio/Player.h"

#include <QAudioDevice>
#include <QAudioSink>
#include <QIODevice>
#include <QMediaDevices>
#include <QTimer>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>

namespace specedit::ui {

// Pull-mode source for QAudioSink: reads the chosen variant at a shared position.
class PlaybackBuffer : public QIODevice {
public:
    PlaybackBuffer(PlaybackAudio audio, bool edited, bool loop)
        : m_audio(std::move(audio)), m_edited(edited), m_loop(loop) {}

    void setEdited(bool edited) { m_edited.store(edited); }
    std::int64_t frame() const { return m_frame.load(); }
    std::int64_t frames() const { return std::int64_t(m_audio.original.size()) / m_audio.channels; }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override {
        return m_loop ? (1 << 20)
                      : (frames() - frame()) * frameBytes() + QIODevice::bytesAvailable();
    }

protected:
    qint64 readData(char* data, qint64 maxBytes) override {
        const auto& v = m_edited.load() ? m_audio.edited : m_audio.original;
        qint64 written = 0;
        while (written + frameBytes() <= maxBytes) {
            std::int64_t f = m_frame.load();
            if (f >= frames()) {
                if (!m_loop || frames() == 0)
                    break;
                f = 0;
            }
            const std::int64_t n =
                std::min<std::int64_t>(frames() - f, (maxBytes - written) / frameBytes());
            std::memcpy(data + written, v.data() + f * m_audio.channels,
                        std::size_t(n * frameBytes()));
            written += n * frameBytes();
            m_frame.store(f + n);
        }
        return written;
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    qint64 frameBytes() const { return qint64(sizeof(float)) * m_audio.channels; }

    PlaybackAudio m_audio;
    std::atomic<bool> m_edited;
    bool m_loop;
    std::atomic<std::int64_t> m_frame{0};
};

Player::Player(QObject* parent) : QObject(parent), m_timer(new QTimer(this)) {
    m_timer->setInterval(40);
    connect(m_timer, &QTimer::timeout, this, [this] { emit positionChanged(position()); });
}

Player::~Player() {
    stop();
}

bool Player::hasDevice() const {
    return !QMediaDevices::defaultAudioOutput().isNull();
}

QString Player::deviceName() const {
    return QMediaDevices::defaultAudioOutput().description();
}

void Player::play(PlaybackAudio audio, bool edited, bool loop) {
    stop();
    if (!hasDevice() || audio.original.empty())
        return;
    QAudioFormat format;
    format.setSampleRate(int(std::lround(audio.rate)));
    format.setChannelCount(audio.channels);
    format.setSampleFormat(QAudioFormat::Float);
    m_start = audio.startSeconds;
    m_rate = audio.rate;
    m_edited = edited;
    m_loop = loop;
    m_buffer = std::make_unique<PlaybackBuffer>(std::move(audio), edited, loop);
    m_buffer->open(QIODevice::ReadOnly);
    m_sink = std::make_unique<QAudioSink>(QMediaDevices::defaultAudioOutput(), format);
    connect(m_sink.get(), &QAudioSink::stateChanged, this, &Player::onStateChanged);
    m_sink->start(m_buffer.get());
    m_timer->start();
    emit playingChanged(true);
}

void Player::stop() {
    if (!m_sink)
        return;
    m_timer->stop();
    m_sink->disconnect(this);
    m_sink->stop();
    m_sink.reset();
    m_buffer.reset();
    emit playingChanged(false);
}

bool Player::isPlaying() const {
    return m_sink && m_sink->state() == QAudio::ActiveState;
}

void Player::setEdited(bool edited) {
    m_edited = edited;
    if (m_buffer)
        m_buffer->setEdited(edited);
}

double Player::position() const {
    if (!m_sink || !m_buffer || m_buffer->frames() == 0)
        return m_start;
    // What the device has played, wrapped for loops (the buffer runs ahead by its latency).
    const double played = double(m_sink->processedUSecs()) / 1e6;
    const double length = double(m_buffer->frames()) / m_rate;
    return m_start + (m_loop ? std::fmod(played, length) : std::min(played, length));
}

// Idle: the device has taken the last of the audio, but its buffer still holds up to
// bufferSize bytes of it: stopping at once cut the last 110-130 ms (a 117 ms packet played
// silent). The sink stops once that much time has passed.
void Player::onStateChanged() {
    if (!m_sink || m_sink->state() != QAudio::IdleState)
        return;
    if (m_buffer && m_buffer->frame() < m_buffer->frames())
        return; // a late read (a busy machine), not the end: it goes on
    const QAudioFormat format = m_sink->format();
    const double bytesPerSecond = double(format.bytesPerFrame()) * format.sampleRate();
    const int tailMs = bytesPerSecond > 0
                           ? int(std::ceil(1000.0 * m_sink->bufferSize() / bytesPerSecond)) + 40
                           : 0;
    QTimer::singleShot(tailMs, this, [this, sink = m_sink.get()] {
        if (m_sink.get() == sink) // not stopped or replaced meanwhile
            stop();
    });
}

} // namespace specedit::ui
