#include "RecentFiles.h"

#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace specedit::ui {
namespace {

constexpr const char* kListKey = "recentFiles";
constexpr const char* kOpeningKey = "openingFile";

} // namespace

RecentFiles::RecentFiles(QMenu* menu, QObject* parent) : QObject(parent), m_menu(menu) {
    QSettings settings;
    m_crashed = settings.value(kOpeningKey).toString();
    if (!m_crashed.isEmpty()) {
        QStringList list = settings.value(kListKey).toStringList();
        list.removeAll(m_crashed);
        settings.setValue(kListKey, list);
        settings.remove(kOpeningKey);
    }
    updateMenu();
}

void RecentFiles::beginOpening(const QString& path) {
    QSettings settings;
    settings.setValue(kOpeningKey, path);
    settings.sync(); // on disk before anything can crash
    m_opening = true;
}

void RecentFiles::finishOpening() {
    if (!m_opening)
        return;
    m_opening = false;
    QSettings settings;
    const QString path = settings.value(kOpeningKey).toString();
    settings.remove(kOpeningKey);
    if (!path.isEmpty())
        remember(path);
}

void RecentFiles::abandonOpening() {
    m_opening = false;
    QSettings().remove(kOpeningKey);
}

void RecentFiles::remember(const QString& path) {
    QSettings settings;
    QStringList list = settings.value(kListKey).toStringList();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kMax)
        list.removeLast();
    settings.setValue(kListKey, list);
    updateMenu();
}

QStringList RecentFiles::files() const {
    return QSettings().value(kListKey).toStringList();
}

void RecentFiles::updateMenu() {
    m_menu->clear();
    const QStringList list = files();
    for (const QString& path : list)
        m_menu
            ->addAction(QFileInfo(path).fileName(), this,
                        [this, path] { emit openRequested(path); })
            ->setToolTip(path);
    m_menu->setEnabled(!list.isEmpty());
}

} // namespace specedit::ui
