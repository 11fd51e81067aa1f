#ifndef PODBOARD_CNCURSES_SHIM_H
#define PODBOARD_CNCURSES_SHIM_H
// The wide-character API is switched on here: the package does not read ncursesw.pc (SwiftPM would drop its
// -D flags with a warning on every build).
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
