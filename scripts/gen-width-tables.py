#!/usr/bin/env python3
"""Generate Sources/PodboardCore/Text/DisplayWidthTables.swift.

The tables say how many terminal cells a single Unicode scalar takes; the
grapheme-cluster rules (emoji sequences, combining marks, controls) live in
DisplayWidth.swift.

    python3 scripts/gen-width-tables.py              # writes the Swift file
    python3 scripts/gen-width-tables.py -o -         # prints it instead
    python3 scripts/gen-width-tables.py --check      # exit 1 if the file is stale
    python3 scripts/gen-width-tables.py --emoji-data emoji-data.txt

Sources:
  * Python's unicodedata (its unidata_version is written into the header):
      - zero width: general category Mn, Me or Cf; Hangul Jungseong/Jongseong
        U+1160..U+11FF and U+D7B0..U+D7FF (they join the preceding leading
        consonant); Default_Ignorable_Code_Point (below). U+00AD SOFT HYPHEN
        stays 1 (terminals draw it).
      - wide: East_Asian_Width W or F, for assigned code points only.
        (CPython's unicodedata answers 'F' for *unassigned* code points, so
        unassigned ones are skipped here and only added back explicitly.)
  * Unassigned code points that EastAsianWidth.txt defaults to W (CJK blocks,
    planes 2 and 3), so ideographs newer than the Python data are still wide.
  * Emoji_Presentation=Yes (Unicode 17.0 emoji-data.txt, embedded below, or
    read from --emoji-data): wide even when the Python data is older than the
    emoji. Regional indicators are left out: a lone one is 1 cell, a pair
    (a flag) is handled as a cluster in DisplayWidth.swift.
  * Unassigned code points in the pictograph blocks U+1F300..U+1F64F,
    U+1F900..U+1F9FF and U+1FA70..U+1FAFF are wide, since new emoji land there
    with Emoji_Presentation. Assigned text-presentation pictographs in those
    blocks (e.g. U+1F321, U+1F5A5) have East_Asian_Width N in current Unicode
    data and stay 1 unless followed by U+FE0F.
"""

import argparse
import os
import sys
import unicodedata

# Emoji_Presentation=Yes ranges from Unicode 17.0 emoji-data.txt.
EMOJI_PRESENTATION_17 = [
    (0x231A, 0x231B), (0x23E9, 0x23EC), (0x23F0, 0x23F0), (0x23F3, 0x23F3),
    (0x25FD, 0x25FE), (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F),
    (0x2693, 0x2693), (0x26A1, 0x26A1), (0x26AA, 0x26AB), (0x26BD, 0x26BE),
    (0x26C4, 0x26C5), (0x26CE, 0x26CE), (0x26D4, 0x26D4), (0x26EA, 0x26EA),
    (0x26F2, 0x26F3), (0x26F5, 0x26F5), (0x26FA, 0x26FA), (0x26FD, 0x26FD),
    (0x2705, 0x2705), (0x270A, 0x270B), (0x2728, 0x2728), (0x274C, 0x274C),
    (0x274E, 0x274E), (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797),
    (0x27B0, 0x27B0), (0x27BF, 0x27BF), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50),
    (0x2B55, 0x2B55), (0x1F004, 0x1F004), (0x1F0CF, 0x1F0CF), (0x1F18E, 0x1F18E),
    (0x1F191, 0x1F19A), (0x1F1E6, 0x1F1FF), (0x1F201, 0x1F201), (0x1F21A, 0x1F21A),
    (0x1F22F, 0x1F22F), (0x1F232, 0x1F236), (0x1F238, 0x1F23A), (0x1F250, 0x1F251),
    (0x1F300, 0x1F320), (0x1F32D, 0x1F335), (0x1F337, 0x1F37C), (0x1F37E, 0x1F393),
    (0x1F3A0, 0x1F3CA), (0x1F3CF, 0x1F3D3), (0x1F3E0, 0x1F3F0), (0x1F3F4, 0x1F3F4),
    (0x1F3F8, 0x1F43E), (0x1F440, 0x1F440), (0x1F442, 0x1F4FC), (0x1F4FF, 0x1F53D),
    (0x1F54B, 0x1F54E), (0x1F550, 0x1F567), (0x1F57A, 0x1F57A), (0x1F595, 0x1F596),
    (0x1F5A4, 0x1F5A4), (0x1F5FB, 0x1F64F), (0x1F680, 0x1F6C5), (0x1F6CC, 0x1F6CC),
    (0x1F6D0, 0x1F6D2), (0x1F6D5, 0x1F6D8), (0x1F6DC, 0x1F6DF), (0x1F6EB, 0x1F6EC),
    (0x1F6F4, 0x1F6FC), (0x1F7E0, 0x1F7EB), (0x1F7F0, 0x1F7F0), (0x1F90C, 0x1F93A),
    (0x1F93C, 0x1F945), (0x1F947, 0x1F9FF), (0x1FA70, 0x1FA7C), (0x1FA80, 0x1FA8A),
    (0x1FA8E, 0x1FAC6), (0x1FAC8, 0x1FAC8), (0x1FACD, 0x1FADC), (0x1FADF, 0x1FAEA),
    (0x1FAEF, 0x1FAF8),
]

REGIONAL_INDICATORS = (0x1F1E6, 0x1F1FF)

# Default_Ignorable_Code_Point (DerivedCoreProperties.txt), including its
# unassigned parts. Left out on purpose: U+00AD (drawn as a hyphen) and the
# Hangul fillers U+115F, U+3164, U+FFA0 (they occupy cells in terminals; U+1160
# is covered by the jamo range).
DEFAULT_IGNORABLE = [
    (0x034F, 0x034F), (0x061C, 0x061C), (0x17B4, 0x17B5), (0x180B, 0x180F),
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
]

HANGUL_CONJOINING_VOWELS_FINALS = [(0x1160, 0x11FF), (0xD7B0, 0xD7FF)]

# EastAsianWidth.txt: unassigned code points in these ranges default to W.
DEFAULT_WIDE_UNASSIGNED = [
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
    (0x20000, 0x2FFFD), (0x30000, 0x3FFFD),
]

# New emoji are allocated here; treat the still-unassigned slots as wide.
EMOJI_BLOCKS_UNASSIGNED_WIDE = [
    (0x1F300, 0x1F64F), (0x1F900, 0x1F9FF), (0x1FA70, 0x1FAFF),
]

SOFT_HYPHEN = 0x00AD
MAX_CODE_POINT = 0x10FFFF


def read_emoji_presentation(path):
    ranges = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            cps, prop = (part.strip() for part in line.split(";")[:2])
            if prop != "Emoji_Presentation":
                continue
            lo, _, hi = cps.partition("..")
            ranges.append((int(lo, 16), int(hi or lo, 16)))
    if not ranges:
        sys.exit(f"{path}: no Emoji_Presentation entries found")
    return ranges


def in_ranges(cp, ranges):
    return any(lo <= cp <= hi for lo, hi in ranges)


def to_ranges(code_points):
    out = []
    for cp in sorted(code_points):
        if out and out[-1][1] + 1 == cp:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return [tuple(r) for r in out]


def build(emoji_presentation):
    zero = set()
    wide = set()
    for cp in range(MAX_CODE_POINT + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue  # surrogates never reach a Swift String
        ch = chr(cp)
        cat = unicodedata.category(ch)
        if cp == SOFT_HYPHEN:
            continue
        if (cat in ("Mn", "Me", "Cf")
                or in_ranges(cp, HANGUL_CONJOINING_VOWELS_FINALS)
                or in_ranges(cp, DEFAULT_IGNORABLE)):
            zero.add(cp)
            continue
        if cat == "Cn":
            if in_ranges(cp, DEFAULT_WIDE_UNASSIGNED) or in_ranges(cp, EMOJI_BLOCKS_UNASSIGNED_WIDE):
                wide.add(cp)
            continue
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            wide.add(cp)
    for lo, hi in emoji_presentation:
        for cp in range(lo, hi + 1):
            if REGIONAL_INDICATORS[0] <= cp <= REGIONAL_INDICATORS[1] or cp in zero:
                continue
            wide.add(cp)
    assert not (zero & wide)
    return to_ranges(zero), to_ranges(wide)


def swift_array(name, ranges, doc):
    lines = [f"    /// {doc}", f"    static let {name}: [ClosedRange<UInt32>] = ["]
    per_line = 4
    for i in range(0, len(ranges), per_line):
        chunk = ranges[i:i + per_line]
        lines.append("        " + " ".join(f"0x{lo:05X}...0x{hi:05X}," for lo, hi in chunk))
    lines.append("    ]")
    return "\n".join(lines)


def render(zero, wide, emoji_source):
    return f"""\
// GENERATED FILE - DO NOT EDIT. Regenerate with: python3 scripts/gen-width-tables.py
//
// Python unicodedata.unidata_version: {unicodedata.unidata_version}
// Python: {sys.version.split()[0]}
// Emoji_Presentation: {emoji_source}
//
// Sorted, non-overlapping, non-adjacent closed ranges of Unicode scalar values,
// searched by binary search in DisplayWidth.swift. Scalars in neither table are
// 1 cell wide. See scripts/gen-width-tables.py for the exact rules.

enum DisplayWidthTables {{
    /// Unicode version of the character database the tables came from.
    static let unicodeVersion = "{unicodedata.unidata_version}"

{swift_array("zeroWidth", zero, f"Scalars that take no cell: Mn, Me, Cf, conjoining Hangul vowels/finals, default-ignorables ({len(zero)} ranges).")}

{swift_array("wide", wide, f"Scalars that take two cells: East_Asian_Width W/F and Emoji_Presentation ({len(wide)} ranges).")}
}}
"""


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    default_out = os.path.join(root, "Sources", "PodboardCore", "Text", "DisplayWidthTables.swift")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", default=default_out, help="output file, '-' for stdout")
    ap.add_argument("--emoji-data", help="emoji-data.txt to read Emoji_Presentation from "
                                         "(default: the embedded Unicode 17.0 list)")
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the output file differs from what would be generated")
    args = ap.parse_args()

    if args.emoji_data:
        emoji = read_emoji_presentation(args.emoji_data)
        emoji_source = f"read from {os.path.basename(args.emoji_data)}"
    else:
        emoji = EMOJI_PRESENTATION_17
        emoji_source = "embedded list, Unicode 17.0 emoji-data.txt"
    zero, wide = build(emoji)
    text = render(zero, wide, emoji_source)

    if args.check:
        try:
            with open(args.output, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current != text:
            print(f"{args.output} is out of date; run scripts/gen-width-tables.py", file=sys.stderr)
            return 1
        return 0
    if args.output == "-":
        sys.stdout.write(text)
    else:
        os.makedirs(os.path.dirname(args.output), exist_ok=True)
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"wrote {args.output}: {len(zero)} zero-width ranges, {len(wide)} wide ranges "
              f"(Unicode {unicodedata.unidata_version})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
