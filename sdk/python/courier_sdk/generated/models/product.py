from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.product_prices import ProductPrices
    from ..models.product_rules import ProductRules


T = TypeVar("T", bound="Product")


@_attrs_define
class Product:
    """
    Attributes:
        code (str):
        prices (ProductPrices): the prices as published and charged: `base` (flat_fen, or first_kg_fen and
            per_extra_kg_fen), `options` the product offers (insurance: rate_bp, min_fen, max_declared_fen; pin_sign_off:
            fee_fen; cod: rate_bp, min_fen), `included_cover_fen` for a fixed cover, `cancel_after_arrival_fen` for on-
            demand pickups
        rules (ProductRules): promise, proof, attempts, insurance and fees (fen, bp)
    """

    code: str
    prices: ProductPrices
    rules: ProductRules

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        prices = self.prices.to_dict()

        rules = self.rules.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "prices": prices,
                "rules": rules,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.product_prices import ProductPrices
        from ..models.product_rules import ProductRules

        d = dict(src_dict)
        code = d.pop("code")

        prices = ProductPrices.from_dict(d.pop("prices"))

        rules = ProductRules.from_dict(d.pop("rules"))

        product = cls(
            code=code,
            prices=prices,
            rules=rules,
        )

        return product
