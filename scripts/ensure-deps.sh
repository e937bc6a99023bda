#!/usr/bin/env bash
# Installs the system packages rnnscope builds against, when they are missing.
# As root (or with password-less sudo) it runs apt-get; otherwise it prints the command and stops.
set -euo pipefail

case "$(uname -s)" in
  Darwin) exit 0 ;;  # Accelerate and the SDK's ncurses ship with macOS.
esac

if ! command -v swift >/dev/null 2>&1; then
  echo "rnnscope: 'swift' is not on PATH. Install Swift 6 (https://swift.org/install) and try again." >&2
  exit 1
fi

# Each package, and a file that proves it is installed.
declare -A probe=(
  [libncurses-dev]="ncursesw/curses.h"
  [libopenblas-dev]="cblas.h"
)
missing=()
for package in "${!probe[@]}"; do
  header="${probe[$package]}"
  if ! echo "#include <$header>" | cc -E -x c - >/dev/null 2>&1; then
    missing+=("$package")
  fi
done
# make test drives the TUI in a private tmux server (scripts/reliability.sh).
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
[ ${#missing[@]} -eq 0 ] && exit 0

command=(apt-get install -y --no-install-recommends "${missing[@]}")
if [ "$(id -u)" -eq 0 ]; then
  echo "rnnscope: installing ${missing[*]}"
  apt-get update -qq && "${command[@]}"
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  echo "rnnscope: installing ${missing[*]} with sudo"
  sudo apt-get update -qq && sudo "${command[@]}"
else
  echo "rnnscope: missing system packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get update && sudo ${command[*]}" >&2
  exit 1
fi
