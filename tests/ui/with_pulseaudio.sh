#!/bin/sh
# Runs "$@" with a real PulseAudio server whose default sink is a null sink named
# specedit_null; its monitor (specedit_null.monitor) records what was played. Starts the
# server if none answers (as root it runs in the user mode, with --exit-idle-time=-1).
set -eu
if ! pactl info >/dev/null 2>&1; then
  pulseaudio -D --exit-idle-time=-1 2>/dev/null || true
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    pactl info >/dev/null 2>&1 && break
    sleep 0.5
  done
fi
if ! pactl list short sinks | grep -q specedit_null; then
  pactl load-module module-null-sink sink_name=specedit_null >/dev/null
fi
pactl set-default-sink specedit_null
exec "$@"
