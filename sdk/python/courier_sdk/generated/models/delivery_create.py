from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.delivery_create_channel import DeliveryCreateChannel
from ..models.delivery_create_product import DeliveryCreateProduct
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.item_in import ItemIn
    from ..models.party_in import PartyIn
    from ..models.proxy_in import ProxyIn


T = TypeVar("T", bound="DeliveryCreate")


@_attrs_define
class DeliveryCreate:
    """
    Attributes:
        channel (DeliveryCreateChannel):
        items (list[ItemIn]):
        reference_no (str): prescription or record number; once per hospital
        declared_value_fen (int | Unset): amount in fen. Default when left out: `0`.
        hospital_id (str | Unset): WeChat orders only
        insured_amount_fen (int | Unset): amount in fen. Default when left out: `0`.
        pickup_point_id (str | Unset): where it is collected; default the hospital's pharmacy
        pin_sign_off (bool | Unset): Default when left out: `false`.
        product (DeliveryCreateProduct | Unset): Default when left out: `"prescription"`.
        proxies (list[ProxyIn] | Unset): who may receive instead of the patient; when any are named, only they (name and
            relation checked at the door)
        recipient (PartyIn | Unset):
        window_token (str | Unset):
    """

    channel: DeliveryCreateChannel
    items: list[ItemIn]
    reference_no: str
    declared_value_fen: int | Unset = UNSET
    hospital_id: str | Unset = UNSET
    insured_amount_fen: int | Unset = UNSET
    pickup_point_id: str | Unset = UNSET
    pin_sign_off: bool | Unset = UNSET
    product: DeliveryCreateProduct | Unset = UNSET
    proxies: list[ProxyIn] | Unset = UNSET
    recipient: PartyIn | Unset = UNSET
    window_token: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        reference_no = self.reference_no

        declared_value_fen = self.declared_value_fen

        hospital_id = self.hospital_id

        insured_amount_fen = self.insured_amount_fen

        pickup_point_id = self.pickup_point_id

        pin_sign_off = self.pin_sign_off

        product: str | Unset = UNSET
        if not isinstance(self.product, Unset):
            product = self.product.value

        proxies: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.proxies, Unset):
            proxies = []
            for proxies_item_data in self.proxies:
                proxies_item = proxies_item_data.to_dict()
                proxies.append(proxies_item)

        recipient: dict[str, Any] | Unset = UNSET
        if not isinstance(self.recipient, Unset):
            recipient = self.recipient.to_dict()

        window_token = self.window_token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel": channel,
                "items": items,
                "reference_no": reference_no,
            }
        )
        if declared_value_fen is not UNSET:
            field_dict["declared_value_fen"] = declared_value_fen
        if hospital_id is not UNSET:
            field_dict["hospital_id"] = hospital_id
        if insured_amount_fen is not UNSET:
            field_dict["insured_amount_fen"] = insured_amount_fen
        if pickup_point_id is not UNSET:
            field_dict["pickup_point_id"] = pickup_point_id
        if pin_sign_off is not UNSET:
            field_dict["pin_sign_off"] = pin_sign_off
        if product is not UNSET:
            field_dict["product"] = product
        if proxies is not UNSET:
            field_dict["proxies"] = proxies
        if recipient is not UNSET:
            field_dict["recipient"] = recipient
        if window_token is not UNSET:
            field_dict["window_token"] = window_token

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.item_in import ItemIn
        from ..models.party_in import PartyIn
        from ..models.proxy_in import ProxyIn

        d = dict(src_dict)
        channel = DeliveryCreateChannel(d.pop("channel"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ItemIn.from_dict(items_item_data)

            items.append(items_item)

        reference_no = d.pop("reference_no")

        declared_value_fen = d.pop("declared_value_fen", UNSET)

        hospital_id = d.pop("hospital_id", UNSET)

        insured_amount_fen = d.pop("insured_amount_fen", UNSET)

        pickup_point_id = d.pop("pickup_point_id", UNSET)

        pin_sign_off = d.pop("pin_sign_off", UNSET)

        _product = d.pop("product", UNSET)
        product: DeliveryCreateProduct | Unset
        if isinstance(_product, Unset):
            product = UNSET
        else:
            product = DeliveryCreateProduct(_product)

        _proxies = d.pop("proxies", UNSET)
        proxies: list[ProxyIn] | Unset = UNSET
        if _proxies is not UNSET:
            proxies = []
            for proxies_item_data in _proxies:
                proxies_item = ProxyIn.from_dict(proxies_item_data)

                proxies.append(proxies_item)

        _recipient = d.pop("recipient", UNSET)
        recipient: PartyIn | Unset
        if isinstance(_recipient, Unset):
            recipient = UNSET
        else:
            recipient = PartyIn.from_dict(_recipient)

        window_token = d.pop("window_token", UNSET)

        delivery_create = cls(
            channel=channel,
            items=items,
            reference_no=reference_no,
            declared_value_fen=declared_value_fen,
            hospital_id=hospital_id,
            insured_amount_fen=insured_amount_fen,
            pickup_point_id=pickup_point_id,
            pin_sign_off=pin_sign_off,
            product=product,
            proxies=proxies,
            recipient=recipient,
            window_token=window_token,
        )

        return delivery_create
