#pragma once
// File > Open Recent, kept in QSettings ("recentFiles", newest first, at most kMax). A file is
// listed only once its first picture was shown: a file is marked as "being opened" until then,
// and a marker left behind by a crash removes that file from the list at the next start
// (crashedFile() names it so the window can say so). GUI thread only.

#include <QObject>
#include <QString>

class QMenu;

namespace specedit::ui {

class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int kMax = 10;

    // Fills menu (owned by the caller) and clears the marker of a crashed opening.
    RecentFiles(QMenu* menu, QObject* parent = nullptr);

    // The file whose opening did not finish in the last run (the program died), or empty.
    const QString& crashedFile() const { return m_crashed; }
    // Marks path as being opened (absolute path).
    void beginOpening(const QString& path);
    // The file being opened showed its first picture (or the window closes normally before
    // it did): it joins the list. Cheap when nothing is being opened.
    void finishOpening();
    // The opening failed with a message: the file does not join the list.
    void abandonOpening();
    // Adds path at the top at once (projects saved by the user).
    void remember(const QString& path);
    QStringList files() const;

signals:
    void openRequested(const QString& path);

private:
    void updateMenu();

    QMenu* m_menu;
    QString m_crashed;
    bool m_opening = false; // a marker is set (saves a settings look-up per repaint)
};

} // namespace specedit::ui
