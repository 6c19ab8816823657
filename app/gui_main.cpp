// specedit: the desktop editor. `specedit [FILE | PROJECT]`; without an argument it opens the
// bundled demo recording (generated once into the user's cache folder).

#include "MainWindow.h"
#include "apply/Demo.h"
#include "util/JobControl.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace {

QString demoRecording() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + "/demo";
    const QString path = dir + "/SDRuno_20261121_120000Z_433920kHz.wav";
    if (!QFileInfo::exists(path)) {
        specedit::core::JobControl job;
        specedit::core::writeDemo(dir.toStdString(), {}, job);
    }
    return path;
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("SpecEdit");
    QApplication::setOrganizationName("SpecEdit");
    QApplication::setApplicationVersion("0.1.0");
    QCommandLineParser parser;
    parser.setApplicationDescription("Spectrogram editor for audio and IQ recordings");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("file", "Recording or *.specedit.json project to open");
    parser.process(app);
    specedit::ui::MainWindow window;
    window.show();
    const QStringList args = parser.positionalArguments();
    window.openPath(args.isEmpty() ? demoRecording() : args.first());
    return app.exec();
}
