# Helpers for driving rnnscope in detached tmux panes; sourced by reliability.sh, endurance.sh and
# tsan-session.sh. Every pane lives on a private tmux server (its own socket), so the tests never
# touch anyone's tmux sessions, and `harness_cleanup` (run from an EXIT trap) kills just that server.
#
# A pane runs `COMMAND; echo $? > WORK/NAME.status; sleep 600`: the exit status lands in a file and
# the trailing sleep keeps the pane (and its terminal state) around to be inspected.

HARNESS_SOCKET="rnnscope-test-$$-$RANDOM"
HARNESS_WORK="$(mktemp -d "${TMPDIR:-/tmp}/rnnscope-test.XXXXXX")"

# tmux on the private server.
tt() { tmux -L "$HARNESS_SOCKET" -f /dev/null "$@"; }

# Kills the private tmux server and removes the work folder.
harness_cleanup() {
  tt kill-server 2>/dev/null || true
  rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$HARNESS_SOCKET"
  rm -rf "$HARNESS_WORK"
}

# Installs tmux when missing (like scripts/ensure-deps.sh), or explains how.
harness_require_tmux() {
  command -v tmux >/dev/null 2>&1 && return 0
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && apt-get install -y --no-install-recommends tmux >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo apt-get install -y --no-install-recommends tmux >/dev/null
  fi
  command -v tmux >/dev/null 2>&1 || { echo "tmux is needed: sudo apt-get install tmux" >&2; return 1; }
}

# pane_start NAME COLS ROWS COMMAND: runs COMMAND (a shell command line) in a new detached pane.
# The private server keeps a session of its own (`harness-keepalive`) from the first pane to the
# cleanup: without it the server exits whenever the last pane is stopped, and a pane started while
# it is still shutting down fails with "server exited unexpectedly" (about 1 in 1,000 under load).
pane_start() {
  local name=$1 cols=$2 rows=$3 command=$4
  rm -f "$HARNESS_WORK/$name.status"
  tt has-session -t harness-keepalive 2>/dev/null || tt new-session -d -s harness-keepalive "sleep 86400"
  tt new-session -d -s "$name" -x "$cols" -y "$rows" \
    "$command; echo \$? > '$HARNESS_WORK/$name.status'; sleep 600"
}

# pane_text NAME: the visible screen as plain text.
pane_text() { tt capture-pane -p -t "$1" 2>/dev/null; }

# pane_wait_text NAME TEXT SECONDS: waits until TEXT is on the screen; fails after SECONDS.
pane_wait_text() {
  local deadline=$((SECONDS + $3))
  while [ $SECONDS -lt $deadline ]; do
    pane_text "$1" | grep -qF -- "$2" && return 0
    sleep 0.2
  done
  return 1
}

# pane_wait_exit NAME SECONDS: waits for the command to end and prints its exit status; fails after SECONDS.
pane_wait_exit() {
  local deadline=$((SECONDS + $2))
  while [ $SECONDS -lt $deadline ]; do
    if [ -s "$HARNESS_WORK/$1.status" ]; then cat "$HARNESS_WORK/$1.status"; return 0; fi
    sleep 0.1
  done
  return 1
}

# pane_program_pid NAME: the pid of the program the pane's shell started (its only child but sleep).
pane_program_pid() {
  local shell_pid
  shell_pid=$(tt display -p -t "$1" '#{pane_pid}' 2>/dev/null) || return 1
  pgrep -P "$shell_pid" | head -1
}

# pane_restored NAME: succeeds when the terminal is back to normal after the program left: main
# screen, cursor visible, and typed text echoed. Prints what was wrong otherwise.
pane_restored() {
  local state marker="typed$RANDOM"
  state=$(tt display -p -t "$1" '#{alternate_on} #{cursor_flag}')
  if [ "$state" != "0 1" ]; then echo "alternate_on cursor_flag = $state (want 0 1)"; return 1; fi
  tt send-keys -t "$1" -l "$marker"
  local deadline=$((SECONDS + 3))
  while [ $SECONDS -lt $deadline ]; do
    pane_text "$1" | grep -qF "$marker" && return 0
    sleep 0.1
  done
  echo "typed text is not echoed"
  return 1
}

# pane_stop NAME: ends the pane and its program.
pane_stop() { tt kill-session -t "$1" 2>/dev/null || true; }

# rss_kb PID: the process's resident set size in kB (VmRSS), empty if it is gone.
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }
