from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="CustodyVerdict")


@_attrs_define
class CustodyVerdict:
    """
    Attributes:
        checkpoints_checked (int):
        events (int):
        first_broken_seq (int | None):
        head_hash (None | str):
        pending_events (int): links recorded since that head
        problem (None | str):
        sandbox (bool): a sandbox item's chain: its links are checked, but no checkpoint of the live log covers it
        tree_head (int | None): the signed tree head the chain was proved in
        valid (bool):
    """

    checkpoints_checked: int
    events: int
    first_broken_seq: int | None
    head_hash: None | str
    pending_events: int
    problem: None | str
    sandbox: bool
    tree_head: int | None
    valid: bool

    def to_dict(self) -> dict[str, Any]:
        checkpoints_checked = self.checkpoints_checked

        events = self.events

        first_broken_seq: int | None
        first_broken_seq = self.first_broken_seq

        head_hash: None | str
        head_hash = self.head_hash

        pending_events = self.pending_events

        problem: None | str
        problem = self.problem

        sandbox = self.sandbox

        tree_head: int | None
        tree_head = self.tree_head

        valid = self.valid

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "checkpoints_checked": checkpoints_checked,
                "events": events,
                "first_broken_seq": first_broken_seq,
                "head_hash": head_hash,
                "pending_events": pending_events,
                "problem": problem,
                "sandbox": sandbox,
                "tree_head": tree_head,
                "valid": valid,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        checkpoints_checked = d.pop("checkpoints_checked")

        events = d.pop("events")

        def _parse_first_broken_seq(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        first_broken_seq = _parse_first_broken_seq(d.pop("first_broken_seq"))

        def _parse_head_hash(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        head_hash = _parse_head_hash(d.pop("head_hash"))

        pending_events = d.pop("pending_events")

        def _parse_problem(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        problem = _parse_problem(d.pop("problem"))

        sandbox = d.pop("sandbox")

        def _parse_tree_head(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        tree_head = _parse_tree_head(d.pop("tree_head"))

        valid = d.pop("valid")

        custody_verdict = cls(
            checkpoints_checked=checkpoints_checked,
            events=events,
            first_broken_seq=first_broken_seq,
            head_hash=head_hash,
            pending_events=pending_events,
            problem=problem,
            sandbox=sandbox,
            tree_head=tree_head,
            valid=valid,
        )

        return custody_verdict
