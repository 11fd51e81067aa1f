#ifndef PODBOARD_CNCURSES_SHIM_H
#define PODBOARD_CNCURSES_SHIM_H
// SwiftPM drops the -D flags of ncursesw.pc, so the wide-character API is switched on here.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#endif
