// The only place OneVoice touches ncurses. Swift cannot call function-like
// macros, and Swift 6 refuses the mutable globals (stdscr, LINES, COLS), so
// each is wrapped in a static inline function here.
#ifndef ONEVOICE_CNCURSESW_SHIM_H
#define ONEVOICE_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#include <stdlib.h>
#include <string.h>
#include <ncursesw/curses.h>

static inline WINDOW *ov_stdscr(void) { return stdscr; }
static inline int ov_lines(void) { return LINES; }
static inline int ov_cols(void) { return COLS; }
static inline int ov_colors(void) { return COLORS; }
static inline int ov_color_pairs(void) { return COLOR_PAIRS; }
static inline int ov_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int ov_err(void) { return ERR; }
static inline int ov_ok(void) { return OK; }
static inline int ov_key_code_yes(void) { return KEY_CODE_YES; }

static inline void ov_set_locale(void) { setlocale(LC_ALL, ""); }

/// Width of one Unicode scalar in terminal cells (-1 for non-printable).
static inline int ov_wcwidth(unsigned int scalar) { return wcwidth((wchar_t)scalar); }

/// Writes one grid cell: up to 5 code points (a base and its combining marks),
/// with attributes and a colour pair, at (y, x).
static inline int ov_put_cell(int y, int x, const unsigned int *scalars, int count, unsigned int attrs, short pair) {
    wchar_t wch[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 0; i < n; i++) wch[i] = (wchar_t)scalars[i];
    wch[n] = L'\0';
    cchar_t cc;
    memset(&cc, 0, sizeof cc);
    if (setcchar(&cc, wch, (attr_t)attrs, pair, NULL) == ERR) return ERR;
    return mvwadd_wch(stdscr, y, x, &cc);
}

static inline int ov_get_wch(unsigned int *out) {
    wint_t ch = 0;
    int rc = wget_wch(stdscr, &ch);
    *out = (unsigned int)ch;
    return rc;
}

static inline unsigned int ov_a_bold(void) { return (unsigned int)A_BOLD; }
static inline unsigned int ov_a_reverse(void) { return (unsigned int)A_REVERSE; }
static inline unsigned int ov_a_underline(void) { return (unsigned int)A_UNDERLINE; }
static inline unsigned int ov_a_dim(void) { return (unsigned int)A_DIM; }
static inline unsigned int ov_a_blink(void) { return (unsigned int)A_BLINK; }
static inline unsigned int ov_a_standout(void) { return (unsigned int)A_STANDOUT; }

static inline int ov_keypad(bool on) { return keypad(stdscr, on); }
static inline int ov_nodelay(bool on) { return nodelay(stdscr, on); }
static inline void ov_timeout(int ms) { wtimeout(stdscr, ms); }
static inline int ov_wnoutrefresh(void) { return wnoutrefresh(stdscr); }
static inline int ov_clearok(bool on) { return clearok(stdscr, on); }
static inline int ov_leaveok(bool on) { return leaveok(stdscr, on); }

static inline unsigned long ov_all_mouse_events(void) { return (unsigned long)(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED); }
static inline int ov_mousemask(unsigned long mask) { return mousemask((mmask_t)mask, NULL) != 0; }
/// Reads the pending mouse event: returns OK and fills y, x and the button state.
static inline int ov_getmouse(int *y, int *x, unsigned long *bstate) {
    MEVENT ev;
    if (getmouse(&ev) != OK) return ERR;
    *y = ev.y; *x = ev.x; *bstate = (unsigned long)ev.bstate;
    return OK;
}
static inline unsigned long ov_button1_clicked(void) { return (unsigned long)(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED); }
static inline unsigned long ov_button4_pressed(void) { return (unsigned long)BUTTON4_PRESSED; }
static inline unsigned long ov_button5_pressed(void) { return (unsigned long)BUTTON5_PRESSED; }

#endif
