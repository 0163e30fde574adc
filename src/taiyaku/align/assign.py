"""Optimal one-to-one assignment (Hungarian algorithm), used for tables, columns and rows.

Pure Python, O(n^2 * m) for an n x m matrix (n <= m): a 40 x 40 table of rows solves in a
few milliseconds, and no numeric library is needed at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

S = TypeVar("S")

_INF = float("inf")


def assign(scores: Sequence[Sequence[float]], threshold: float) -> list[tuple[int, int]]:
    """Pairs (i, j) maximising the total score; pairs scoring below `threshold` are dropped.

    Dropping a pair after the solve is what makes a missing row unpaired instead of forced
    onto some other row: its best available partner scores below the threshold.
    """
    n = len(scores)
    m = len(scores[0]) if n else 0
    if n == 0 or m == 0:
        return []
    transposed = n > m
    if transposed:
        scores = [[scores[i][j] for i in range(n)] for j in range(m)]
        n, m = m, n
    cost = [[-s for s in row] for row in scores]
    rows_for = _solve(cost, n, m)
    pairs = []
    for j in range(1, m + 1):
        i = rows_for[j]
        if i and scores[i - 1][j - 1] >= threshold:
            pairs.append((j - 1, i - 1) if transposed else (i - 1, j - 1))
    pairs.sort()
    return pairs


def _solve(cost: list[list[float]], n: int, m: int) -> list[int]:
    """Shortest augmenting path Hungarian algorithm; returns p with p[j] = row (1-based) of column j."""
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [_INF] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            delta = _INF
            j1 = 0
            row = cost[i0 - 1]
            ui0 = u[i0]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = row[j - 1] - ui0 - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    return p


# Up to this many items a side, pairs are one optimal assignment over every candidate pair;
# beyond it (a 100-page report, a sheet of thousands of rows) that would take the cube of the
# items, so each item is scored only against the other side's items within BAND places of
# where it would stand, and pairs are taken best first: linear in the items.
DENSE_LIMIT = 60
BAND = 30


def scored_pairs(n: int, m: int, score: Callable[[int, int], S], threshold: float,
                 value: Callable[[S], float],
                 band: int = BAND) -> tuple[list[tuple[int, int]], dict[tuple[int, int], S]]:  # fmt: skip
    """Pairs (i, j) of n left and m right items by `score(i, j)` (its number: `value`), those
    below `threshold` dropped; and every score computed, keyed (i, j).

    Small inputs get the optimal assignment (`assign`); large ones a banded, greedy one (see
    DENSE_LIMIT), which finds the same pairs when the two sides keep their order (within
    `band` places).
    """
    if n == 0 or m == 0:
        return [], {}
    if n <= DENSE_LIMIT and m <= DENSE_LIMIT:
        scored = {(i, j): score(i, j) for i in range(n) for j in range(m)}
        matrix = [[value(scored[(i, j)]) for j in range(m)] for i in range(n)]
        return assign(matrix, threshold), scored
    scored = {}
    for i in range(n):
        centre = round(i * (m - 1) / max(n - 1, 1))
        for j in range(max(0, centre - band), min(m, centre + band + 1)):
            scored[(i, j)] = score(i, j)
    ranked = sorted(((value(s), -i, -j) for (i, j), s in scored.items() if value(s) >= threshold), reverse=True)
    used_i: set[int] = set()
    used_j: set[int] = set()
    pairs = []
    for _, ni, nj in ranked:
        i, j = -ni, -nj
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            pairs.append((i, j))
    pairs.sort()
    return pairs, scored
