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
#include <signal.h>
#include <unistd.h>
#include <stdio.h>
#include <errno.h>
#include <spawn.h>
#include <sys/wait.h>
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

/// setlocale(LC_ALL, "") and the resulting LC_CTYPE name (NULL on failure).
static inline const char *ov_setlocale_all_env(void) { setlocale(LC_ALL, ""); return setlocale(LC_CTYPE, NULL); }
/// setlocale(LC_CTYPE, name); NULL when the locale is not available.
static inline const char *ov_setlocale_ctype(const char *name) { return setlocale(LC_CTYPE, name); }

static inline int ov_isatty(int fd) { return isatty(fd); }

/// newterm on stdin/stdout (NULL when TERM is unknown); makes it the current screen.
static inline SCREEN *ov_newterm(void) {
    SCREEN *s = newterm(NULL, stdout, stdin);
    if (s) set_term(s);
    return s;
}
static inline void ov_delscreen(SCREEN *s) { if (s) delscreen(s); }
static inline int ov_endwin(void) { return isendwin() ? OK : endwin(); }
static inline int ov_def_prog_mode(void) { return def_prog_mode(); }
static inline int ov_reset_prog_mode(void) { return reset_prog_mode(); }
static inline int ov_flushinp(void) { return flushinp(); }

extern char **environ;
/// Runs `/bin/sh -c command name file` in the dashboard's own process group, which holds the terminal's
/// foreground, so the editor can read and write the tty (a child in a process group of its own is stopped
/// or fails when it reads). While it runs, SIGINT and SIGQUIT are ignored here, as system(3) does; the child
/// gets them at their defaults. Returns the wait status, or -1 with errno when it could not start.
static inline int ov_run_in_foreground(const char *command, const char *name, const char *file) {
    struct sigaction ignore, old_int, old_quit;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGINT, &ignore, &old_int);
    sigaction(SIGQUIT, &ignore, &old_quit);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    int sigs[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP, SIGCHLD, SIGPIPE, SIGWINCH };
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaddset(&defaults, sigs[i]);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    char *argv[] = { (char *)"sh", (char *)"-c", (char *)command, (char *)name, (char *)file, NULL };
    pid_t pid = 0;
    int rc = posix_spawn(&pid, "/bin/sh", NULL, &attr, argv, environ);
    posix_spawnattr_destroy(&attr);
    int status = -1;
    if (rc == 0) {
        while (waitpid(pid, &status, 0) == -1 && errno == EINTR) {}
    } else {
        errno = rc;
    }
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    return rc == 0 ? status : -1;
}
static inline int ov_wifexited(int status) { return WIFEXITED(status); }
static inline int ov_wexitstatus(int status) { return WEXITSTATUS(status); }
static inline int ov_wifsignaled(int status) { return WIFSIGNALED(status); }
static inline int ov_wtermsig(int status) { return WTERMSIG(status); }
static inline int ov_cbreak(void) { return cbreak(); }
static inline int ov_noecho(void) { return noecho(); }
static inline int ov_nonl(void) { return nonl(); }
static inline int ov_curs_set(int v) { return curs_set(v); }
static inline int ov_has_colors(void) { return has_colors(); }
static inline int ov_start_color(void) { return start_color(); }
static inline int ov_use_default_colors(void) { return use_default_colors(); }
static inline int ov_init_pair(int pair, int fg, int bg) { return init_pair((short)pair, (short)fg, (short)bg); }
static inline int ov_doupdate(void) { return doupdate(); }
static inline int ov_set_escdelay(int ms) { return set_escdelay(ms); }
static inline int ov_clear_screen(void) { return wclear(stdscr); }
static inline int ov_erase(void) { return werase(stdscr); }
static inline int ov_move(int y, int x) { return wmove(stdscr, y, x); }
static inline int ov_resize_term(int lines, int cols) { return resize_term(lines, cols); }
static inline int ov_mouseinterval(int ms) { return mouseinterval(ms); }

/// Key codes that Swift cannot see as constants on every ncurses build.
static inline int ov_key_resize(void) { return KEY_RESIZE; }
static inline int ov_key_mouse(void) { return KEY_MOUSE; }
static inline int ov_key_btab(void) { return KEY_BTAB; }
static inline int ov_key_enter(void) { return KEY_ENTER; }
static inline int ov_key_backspace(void) { return KEY_BACKSPACE; }
static inline int ov_key_dc(void) { return KEY_DC; }
static inline int ov_key_up(void) { return KEY_UP; }
static inline int ov_key_down(void) { return KEY_DOWN; }
static inline int ov_key_left(void) { return KEY_LEFT; }
static inline int ov_key_right(void) { return KEY_RIGHT; }
static inline int ov_key_home(void) { return KEY_HOME; }
static inline int ov_key_end(void) { return KEY_END; }
static inline int ov_key_ppage(void) { return KEY_PPAGE; }
static inline int ov_key_npage(void) { return KEY_NPAGE; }

/// SIGINT/SIGTERM/SIGHUP set a flag that the main loop reads; the loop then restores the terminal.
static volatile sig_atomic_t ov_signal_flag = 0;
static inline void ov_signal_handler(int sig) { ov_signal_flag = sig; }
static inline void ov_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = ov_signal_handler;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}
static inline void ov_restore_signal_handlers(void) {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
}
/// Last resort for crashes (a Swift trap is SIGILL/SIGTRAP): put the terminal back, then die as before.
static inline void ov_crash_handler(int sig) {
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}
static inline void ov_install_crash_handlers(void) {
    int sigs[] = { SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE };
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) signal(sigs[i], ov_crash_handler);
}
static inline void ov_restore_crash_handlers(void) {
    int sigs[] = { SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE };
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) signal(sigs[i], SIG_DFL);
}
/// The signal number received since the last call (0 if none), cleared on read.
static inline int ov_take_signal(void) { int s = ov_signal_flag; ov_signal_flag = 0; return s; }

#endif
