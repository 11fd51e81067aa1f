#ifndef PODBOARD_CURSES_SHIM_H
#define PODBOARD_CURSES_SHIM_H
// Helpers for the ncurses macros Swift cannot import (function-like or computed macros).
// Only PodboardTerminal uses this target. Like CNcurses' shim.h, switch on the wide-character API first
// (SwiftPM drops the -D flags of ncursesw.pc).
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <wchar.h>
#include <ncursesw/curses.h>

/// The display attributes as plain numbers (attr_t is an unsigned int in ncurses 6).
static inline unsigned int podboard_a_normal(void) { return (unsigned int)A_NORMAL; }
static inline unsigned int podboard_a_bold(void) { return (unsigned int)A_BOLD; }
static inline unsigned int podboard_a_dim(void) { return (unsigned int)A_DIM; }
static inline unsigned int podboard_a_underline(void) { return (unsigned int)A_UNDERLINE; }
static inline unsigned int podboard_a_reverse(void) { return (unsigned int)A_REVERSE; }

/// KEY_F(n): the key code of function key n (0 to 63).
static inline int podboard_key_f(int n) { return KEY_F(n); }

/// How many function keys ncurses can report (KEY_F(0) ... KEY_F(63)).
static inline int podboard_key_f_count(void) { return 64; }

/// The C library's column width of one wide character (what ncurses itself uses to lay out a cchar_t):
/// -1 for a non-printable or unknown character. Swift's Glibc module hides wcwidth, so it is declared here.
extern int wcwidth(wchar_t);
static inline int podboard_wcwidth(int c) { return wcwidth((wchar_t)c); }

/// The mouse events podboard asks for: button 1 clicked and double-clicked, the wheel (buttons 4 and 5).
static inline unsigned long podboard_mouse_mask(void) {
    return (unsigned long)(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED);
}
static inline unsigned long podboard_button1_clicked(void) { return (unsigned long)(BUTTON1_CLICKED | BUTTON1_PRESSED); }
static inline unsigned long podboard_button1_double(void) { return (unsigned long)BUTTON1_DOUBLE_CLICKED; }
static inline unsigned long podboard_button4(void) { return (unsigned long)BUTTON4_PRESSED; }
static inline unsigned long podboard_button5(void) { return (unsigned long)BUTTON5_PRESSED; }
/// The next mouse event (after KEY_MOUSE): 0 and its place and buttons, or -1.
static inline int podboard_getmouse(int *x, int *y, unsigned long *bstate) {
    MEVENT e;
    if (getmouse(&e) != OK) return -1;
    *x = e.x; *y = e.y; *bstate = (unsigned long)e.bstate;
    return 0;
}

#endif

