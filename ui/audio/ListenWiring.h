#pragma once
// Wires listening to the window: the Listen bar's requests to the Listener and the Player,
// play what is selected (its stretch, and its band for IQ) or else what is visible, the
// playhead across the picture, and the Listener's problems and Auto's choice in the status bar.

#include <functional>

class QStatusBar;

namespace specedit::ui {

class Document;
class ListenToolBar;
class Listener;
class Player;
class SpectrogramView;

struct ListenParts {
    Document* document;
    SpectrogramView* view;
    ListenToolBar* bar;
    Listener* listener;
    Player* player;
    QStatusBar* status;
    std::function<bool()> settingsValid; // false: the analysis fields hold an invalid value
};

void wireListening(const ListenParts& parts);

// Plays the selected shape's stretch (and band, for IQ), else the visible range from the
// edit cursor on.
void playSelectionOrView(const ListenParts& parts);

} // namespace specedit::ui
