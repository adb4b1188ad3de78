"""A distance between a typed word and the word meant, that weighs the slips typists make.

Plain edit distances count every edit alike, so "Irleand" is 1 edit from Ireland and 2 from
Iceland: too close a runner-up for a safe reading, though swapping two neighbours is the
commonest slip of all and "Iceland" needs a changed consonant besides. Here the slips of the
hand and of spelling cost half an edit:
- two neighbouring letters swapped ("Irleand", "Ugnada");
- a letter doubled or undoubled ("Morroco": one r too many, one c too few);
- a vowel written for another ("Bulgeria", "Senagal"), y counting as a vowel ("Lybia");
- a key hit for its neighbour on a QWERTY keyboard ("Ugamda").
Any other insertion, deletion or changed letter costs one edit. The runner-up is measured
with the same distance, so the margin the typo rule asks for compares like with like.
"""

from __future__ import annotations

import functools

SLIP = 0.5
EDIT = 1.0

_VOWELS = frozenset("aeiouy")
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _keyboard_neighbours() -> frozenset[tuple[str, str]]:
    """Pairs of keys that touch on a QWERTY keyboard: left and right in a row, and the two
    keys below each key (rows are offset by half a key)."""
    pairs: set[tuple[str, str]] = set()
    for r, row in enumerate(_ROWS):
        for i, key in enumerate(row):
            near = [row[i + 1]] if i + 1 < len(row) else []
            if r + 1 < len(_ROWS):
                below = _ROWS[r + 1]
                near += [below[j] for j in (i - 1, i) if 0 <= j < len(below)]
            for other in near:
                pairs.update({(key, other), (other, key)})
    return frozenset(pairs)


_NEIGHBOURS = _keyboard_neighbours()


def _substitution(a: str, b: str) -> float:
    if a == b:
        return 0.0
    if (a in _VOWELS and b in _VOWELS) or (a, b) in _NEIGHBOURS:
        return SLIP
    return EDIT


def _indel(word: str, i: int) -> float:
    """Cost of inserting or deleting word[i]: a slip when it doubles its neighbour."""
    ch = word[i]
    doubled = (i > 0 and word[i - 1] == ch) or (i + 1 < len(word) and word[i + 1] == ch)
    return SLIP if doubled else EDIT


@functools.lru_cache(maxsize=65_536)
def typing_distance(typed: str, meant: str) -> float:
    """The cheapest way to turn `meant` into `typed` by the weighted edits above (optimal
    string alignment: a swapped pair is not edited again)."""
    n, m = len(typed), len(meant)
    d = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        d[i][0] = d[i - 1][0] + _indel(typed, i - 1)  # a letter typed too many
    for j in range(1, m + 1):
        d[0][j] = d[0][j - 1] + _indel(meant, j - 1)  # a letter left out
    for i in range(1, n + 1):
        a = typed[i - 1]
        for j in range(1, m + 1):
            b = meant[j - 1]
            best = min(
                d[i - 1][j] + _indel(typed, i - 1),
                d[i][j - 1] + _indel(meant, j - 1),
                d[i - 1][j - 1] + _substitution(a, b),
            )
            if i > 1 and j > 1 and a == meant[j - 2] and typed[i - 2] == b and a != b:
                best = min(best, d[i - 2][j - 2] + SLIP)
            d[i][j] = best
    return d[n][m]
