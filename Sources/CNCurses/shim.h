// ncursesw with the wide-character API, plus wrappers for what Swift cannot import:
// attribute macros, function-like macros and the mutable globals Swift 6 rejects.
#ifndef RNNSCOPE_CNCURSES_SHIM_H
#define RNNSCOPE_CNCURSES_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *rs_stdscr(void) { return stdscr; }
/// Starts curses on stdout/stdin; NULL when TERM has no terminfo entry (initscr would exit instead).
static inline SCREEN *rs_newterm_stdio(void) { return newterm(NULL, stdout, stdin); }
static inline int rs_colors(void) { return COLORS; }
static inline int rs_color_pairs(void) { return COLOR_PAIRS; }
static inline int rs_lines(void) { return LINES; }
static inline int rs_cols(void) { return COLS; }

static inline attr_t rs_a_bold(void) { return A_BOLD; }
static inline attr_t rs_a_dim(void) { return A_DIM; }
static inline attr_t rs_a_reverse(void) { return A_REVERSE; }
static inline attr_t rs_a_underline(void) { return A_UNDERLINE; }
static inline attr_t rs_a_italic(void) { return A_ITALIC; }

static inline mmask_t rs_mouse_all(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t rs_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t rs_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t rs_button5_pressed(void) { return BUTTON5_PRESSED; }

/// Draws one wide character at (y, x) with attributes and a colour pair of any number
/// (the pair goes through setcchar's opts pointer, so pairs above 255 work).
static inline int rs_put(int y, int x, const wchar_t *wch, attr_t attrs, int pair) {
  cchar_t cc;
  int p = pair;
  if (setcchar(&cc, wch, attrs, 0, &p) != OK) return ERR;
  return mvadd_wch(y, x, &cc);
}
#endif
