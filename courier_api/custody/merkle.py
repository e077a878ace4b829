"""RFC 6962 / 9162 Merkle tree hashing: pure functions, no database.

A leaf is an event hash (32 bytes); `leaf_hash = SHA-256(0x00 || leaf)`, an inner node
`SHA-256(0x01 || left || right)`, and the tree over n leaves splits at the largest power of
two below n. The tree's nodes come from a `nodes(level, index)` callable: the complete,
power-of-two aligned subtree over leaves [index * 2**level, (index + 1) * 2**level) (level 0
is the leaf hash). Proofs are lists of such hashes, verified with RFC 9162's algorithms.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence

#: (level, index) -> the complete aligned subtree's hash.
Nodes = Callable[[int, int], bytes]


def leaf_hash(leaf: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + leaf).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def subtree_hash(nodes: Nodes, start: int, end: int) -> bytes:
    """MTH(D[start:end]) where start is aligned to the subtree (as RFC 6962's recursion
    always is): complete pieces are read, the ragged right edge is folded."""
    size = end - start
    if size & (size - 1) == 0:
        level = size.bit_length() - 1
        return nodes(level, start >> level)
    k = _split(size)
    return node_hash(subtree_hash(nodes, start, start + k), subtree_hash(nodes, start + k, end))


def root(nodes: Nodes, size: int) -> bytes:
    if size == 0:
        return hashlib.sha256(b"").digest()
    return subtree_hash(nodes, 0, size)


def inclusion_proof(nodes: Nodes, index: int, size: int) -> list[bytes]:
    """The audit path of leaf `index` in the tree of `size` leaves (RFC 6962 2.1.1), leaf end
    first."""
    path: list[bytes] = []
    start, end = 0, size
    while end - start > 1:
        k = _split(end - start)
        if index < start + k:
            path.append(subtree_hash(nodes, start + k, end))
            end = start + k
        else:
            path.append(subtree_hash(nodes, start, start + k))
            start += k
    path.reverse()
    return path


def consistency_proof(nodes: Nodes, old_size: int, new_size: int) -> list[bytes]:
    """RFC 6962 2.1.2 SUBPROOF(m, D[0:n], true)."""
    if not 0 < old_size <= new_size:
        raise ValueError("a consistency proof needs 0 < old_size <= new_size")
    return _subproof(nodes, old_size, 0, new_size, True)


def _subproof(nodes: Nodes, m: int, start: int, end: int, complete: bool) -> list[bytes]:
    n = end - start
    if m == n:
        return [] if complete else [subtree_hash(nodes, start, end)]
    k = _split(n)
    if m <= k:
        return [
            *_subproof(nodes, m, start, start + k, complete),
            subtree_hash(nodes, start + k, end),
        ]
    return [*_subproof(nodes, m - k, start + k, end, False), subtree_hash(nodes, start, start + k)]


def root_from_inclusion(index: int, size: int, leaf: bytes, path: Sequence[bytes]) -> bytes:
    """RFC 9162 2.1.3.2: the root the audit path leads to (ValueError if it cannot)."""
    if index >= size:
        raise ValueError("leaf index beyond the tree")
    fn, sn, r = index, size - 1, leaf_hash(leaf)
    for p in path:
        if sn == 0:
            raise ValueError("audit path too long")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise ValueError("audit path too short")
    return r


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    """RFC 9162 2.1.4.2."""
    if old_size == new_size:
        return old_root == new_root and not proof
    if not 0 < old_size < new_size or not proof:
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == old_root and sr == new_root


class CompactRange:
    """The tree's right edge while leaves are added in order: one complete subtree per set
    bit of the size. `push` returns the complete nodes it finished, as (level, index, hash),
    so a caller can keep them; `root()` folds the edge (RFC 6962's split)."""

    def __init__(self, size: int = 0, edge: Iterable[bytes] = ()) -> None:
        self.size = size
        #: Hashes of the edge's subtrees, biggest (leftmost) first.
        self.edge = list(edge)

    def push(self, leaf: bytes) -> list[tuple[int, int, bytes]]:
        node, index, level = leaf_hash(leaf), self.size, 0
        finished = [(0, index, node)]
        while index & 1:
            node = node_hash(self.edge.pop(), node)
            index, level = index >> 1, level + 1
            finished.append((level, index, node))
        self.edge.append(node)
        self.size += 1
        return finished

    def root(self) -> bytes:
        if not self.edge:
            return hashlib.sha256(b"").digest()
        folded = self.edge[-1]
        for node in reversed(self.edge[:-1]):
            folded = node_hash(node, folded)
        return folded


def edge_positions(size: int) -> list[tuple[int, int]]:
    """(level, index) of the complete subtrees that make up the right edge at `size`."""
    positions, start = [], 0
    for level in range(size.bit_length() - 1, -1, -1):
        if size & (1 << level):
            positions.append((level, start >> level))
            start += 1 << level
    return positions
