// Intentionally empty: the helpers are static inline functions in include/podboard_curses_shim.h.
#include "podboard_curses_shim.h"
