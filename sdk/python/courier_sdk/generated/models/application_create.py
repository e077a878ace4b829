from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address_in import AddressIn
    from ..models.baby import Baby
    from ..models.parent import Parent


T = TypeVar("T", bound="ApplicationCreate")


@_attrs_define
class ApplicationCreate:
    """
    Attributes:
        address (AddressIn):
        baby (Baby):
        consent (bool): separate consent to process the child's and medical data
        father (Parent):
        hospital_id (str):
        mother (Parent):
        phone (str):
        postage_on_delivery (bool | Unset): pay the postage to the courier. Default when left out: `false`.
    """

    address: AddressIn
    baby: Baby
    consent: bool
    father: Parent
    hospital_id: str
    mother: Parent
    phone: str
    postage_on_delivery: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        address = self.address.to_dict()

        baby = self.baby.to_dict()

        consent = self.consent

        father = self.father.to_dict()

        hospital_id = self.hospital_id

        mother = self.mother.to_dict()

        phone = self.phone

        postage_on_delivery = self.postage_on_delivery

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "address": address,
                "baby": baby,
                "consent": consent,
                "father": father,
                "hospital_id": hospital_id,
                "mother": mother,
                "phone": phone,
            }
        )
        if postage_on_delivery is not UNSET:
            field_dict["postage_on_delivery"] = postage_on_delivery

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.address_in import AddressIn
        from ..models.baby import Baby
        from ..models.parent import Parent

        d = dict(src_dict)
        address = AddressIn.from_dict(d.pop("address"))

        baby = Baby.from_dict(d.pop("baby"))

        consent = d.pop("consent")

        father = Parent.from_dict(d.pop("father"))

        hospital_id = d.pop("hospital_id")

        mother = Parent.from_dict(d.pop("mother"))

        phone = d.pop("phone")

        postage_on_delivery = d.pop("postage_on_delivery", UNSET)

        application_create = cls(
            address=address,
            baby=baby,
            consent=consent,
            father=father,
            hospital_id=hospital_id,
            mother=mother,
            phone=phone,
            postage_on_delivery=postage_on_delivery,
        )

        return application_create
