"""The RFC 6962 tree: roots, inclusion and consistency proofs, against the RFC's own
recursive definition (no database)."""

from __future__ import annotations

import hashlib

import pytest

from courier_api.custody import merkle


def _mth(leaves: list[bytes]) -> bytes:
    """RFC 6962 2.1, as written."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return merkle.leaf_hash(leaves[0])
    k = 1 << ((len(leaves) - 1).bit_length() - 1)
    return merkle.node_hash(_mth(leaves[:k]), _mth(leaves[k:]))


def _tree(count: int):
    leaves = [hashlib.sha256(str(i).encode()).digest() for i in range(count)]
    stored: dict[tuple[int, int], bytes] = {}
    compact = merkle.CompactRange()
    for leaf in leaves:
        for level, index, node in compact.push(leaf):
            stored[level, index] = node
    return leaves, stored, compact


@pytest.mark.parametrize("count", [1, 2, 3, 5, 7, 8, 13, 64, 100])
def test_roots_and_proofs_agree_with_the_rfc(count):
    leaves, stored, compact = _tree(count)
    nodes = lambda level, index: stored[level, index]  # noqa: E731
    expected = _mth(leaves)
    assert compact.root() == merkle.root(nodes, count) == expected
    for index in range(count):
        path = merkle.inclusion_proof(nodes, index, count)
        assert merkle.root_from_inclusion(index, count, leaves[index], path) == expected
        other = hashlib.sha256(b"forged").digest()
        assert merkle.root_from_inclusion(index, count, other, path) != expected
    for old in range(1, count + 1):
        proof = merkle.consistency_proof(nodes, old, count)
        old_root = _mth(leaves[:old])
        assert merkle.verify_consistency(old, count, old_root, expected, proof)
        if old < count:
            assert not merkle.verify_consistency(
                old, count, hashlib.sha256(b"x").digest(), expected, proof
            )


def test_a_compact_range_resumes_from_its_edge():
    leaves, stored, _ = _tree(13)
    edge = [stored[p] for p in merkle.edge_positions(13)]
    resumed = merkle.CompactRange(13, edge)
    more = hashlib.sha256(b"14").digest()
    resumed.push(more)
    assert resumed.root() == _mth([*leaves, more])
