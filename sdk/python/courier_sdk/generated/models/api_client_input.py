from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ApiClientInput")


@_attrs_define
class ApiClientInput:
    """
    Attributes:
        name (str):  Example: Pharmacy kiosk 3.
        sandbox (bool | Unset): a sandbox client: its orders are carried by the robo-courier and kept apart from live
            work (production: only clients named in SANDBOX_CLIENTS). Default when left out: `false`.
    """

    name: str
    sandbox: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        sandbox = self.sandbox

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if sandbox is not UNSET:
            field_dict["sandbox"] = sandbox

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        sandbox = d.pop("sandbox", UNSET)

        api_client_input = cls(
            name=name,
            sandbox=sandbox,
        )

        return api_client_input
