from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.catalogue_network_rules import CatalogueNetworkRules
    from ..models.product import Product


T = TypeVar("T", bound="Catalogue")


@_attrs_define
class Catalogue:
    """
    Attributes:
        catalogue_version (int):
        effective_from (datetime.datetime):
        network_rules (CatalogueNetworkRules):
        products (list[Product]):
    """

    catalogue_version: int
    effective_from: datetime.datetime
    network_rules: CatalogueNetworkRules
    products: list[Product]

    def to_dict(self) -> dict[str, Any]:
        catalogue_version = self.catalogue_version

        effective_from = self.effective_from.isoformat()

        network_rules = self.network_rules.to_dict()

        products = []
        for products_item_data in self.products:
            products_item = products_item_data.to_dict()
            products.append(products_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "catalogue_version": catalogue_version,
                "effective_from": effective_from,
                "network_rules": network_rules,
                "products": products,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.catalogue_network_rules import CatalogueNetworkRules
        from ..models.product import Product

        d = dict(src_dict)
        catalogue_version = d.pop("catalogue_version")

        effective_from = datetime.datetime.fromisoformat(d.pop("effective_from"))

        network_rules = CatalogueNetworkRules.from_dict(d.pop("network_rules"))

        products = []
        _products = d.pop("products")
        for products_item_data in _products:
            products_item = Product.from_dict(products_item_data)

            products.append(products_item)

        catalogue = cls(
            catalogue_version=catalogue_version,
            effective_from=effective_from,
            network_rules=network_rules,
            products=products,
        )

        return catalogue
