from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.document_row_addressee_kind import DocumentRowAddresseeKind
from ..models.document_row_addressee_role import DocumentRowAddresseeRole
from ..models.document_row_coord_system import DocumentRowCoordSystem
from ..types import UNSET, Unset

T = TypeVar("T", bound="DocumentRow")


@_attrs_define
class DocumentRow:
    """
    Attributes:
        address (str):
        addressee_name (str):
        addressee_role (DocumentRowAddresseeRole):
        case_number (str):  Example: (2026)粤2071民初1234号.
        document_type (str):  Example: 起诉状副本及应诉通知书.
        lat (float):
        lng (float):
        phone (str):
        service_deadline (datetime.date): the last day of service (Asia/Shanghai)
        addressee_kind (DocumentRowAddresseeKind | Unset): who may sign instead: family (person) or mailroom
            (organisation). Default when left out: `"person"`.
        cause (str | Unset): the cause of action (案由), printed on the receipt Example: 民间借贷纠纷.
        coord_system (DocumentRowCoordSystem | Unset): gcj02 coordinates (WeChat's map) are converted to WGS-84. Default
            when left out: `"wgs84"`.
        mediation (bool | Unset): a mediation document (调解书): never served by lodging. Default when left out: `false`.
        opposing_party_name (str | Unset): may never sign for the addressee
        reference (str | Unset): the court's own reference for this document (its case system's id or 文书编号), shown back
            on the document and its row's verdict Example: NS-2026-000123.
    """

    address: str
    addressee_name: str
    addressee_role: DocumentRowAddresseeRole
    case_number: str
    document_type: str
    lat: float
    lng: float
    phone: str
    service_deadline: datetime.date
    addressee_kind: DocumentRowAddresseeKind | Unset = UNSET
    cause: str | Unset = UNSET
    coord_system: DocumentRowCoordSystem | Unset = UNSET
    mediation: bool | Unset = UNSET
    opposing_party_name: str | Unset = UNSET
    reference: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        addressee_name = self.addressee_name

        addressee_role = self.addressee_role.value

        case_number = self.case_number

        document_type = self.document_type

        lat = self.lat

        lng = self.lng

        phone = self.phone

        service_deadline = self.service_deadline.isoformat()

        addressee_kind: str | Unset = UNSET
        if not isinstance(self.addressee_kind, Unset):
            addressee_kind = self.addressee_kind.value

        cause = self.cause

        coord_system: str | Unset = UNSET
        if not isinstance(self.coord_system, Unset):
            coord_system = self.coord_system.value

        mediation = self.mediation

        opposing_party_name = self.opposing_party_name

        reference = self.reference

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "address": address,
                "addressee_name": addressee_name,
                "addressee_role": addressee_role,
                "case_number": case_number,
                "document_type": document_type,
                "lat": lat,
                "lng": lng,
                "phone": phone,
                "service_deadline": service_deadline,
            }
        )
        if addressee_kind is not UNSET:
            field_dict["addressee_kind"] = addressee_kind
        if cause is not UNSET:
            field_dict["cause"] = cause
        if coord_system is not UNSET:
            field_dict["coord_system"] = coord_system
        if mediation is not UNSET:
            field_dict["mediation"] = mediation
        if opposing_party_name is not UNSET:
            field_dict["opposing_party_name"] = opposing_party_name
        if reference is not UNSET:
            field_dict["reference"] = reference

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        address = d.pop("address")

        addressee_name = d.pop("addressee_name")

        addressee_role = DocumentRowAddresseeRole(d.pop("addressee_role"))

        case_number = d.pop("case_number")

        document_type = d.pop("document_type")

        lat = d.pop("lat")

        lng = d.pop("lng")

        phone = d.pop("phone")

        service_deadline = datetime.date.fromisoformat(d.pop("service_deadline"))

        _addressee_kind = d.pop("addressee_kind", UNSET)
        addressee_kind: DocumentRowAddresseeKind | Unset
        if isinstance(_addressee_kind, Unset):
            addressee_kind = UNSET
        else:
            addressee_kind = DocumentRowAddresseeKind(_addressee_kind)

        cause = d.pop("cause", UNSET)

        _coord_system = d.pop("coord_system", UNSET)
        coord_system: DocumentRowCoordSystem | Unset
        if isinstance(_coord_system, Unset):
            coord_system = UNSET
        else:
            coord_system = DocumentRowCoordSystem(_coord_system)

        mediation = d.pop("mediation", UNSET)

        opposing_party_name = d.pop("opposing_party_name", UNSET)

        reference = d.pop("reference", UNSET)

        document_row = cls(
            address=address,
            addressee_name=addressee_name,
            addressee_role=addressee_role,
            case_number=case_number,
            document_type=document_type,
            lat=lat,
            lng=lng,
            phone=phone,
            service_deadline=service_deadline,
            addressee_kind=addressee_kind,
            cause=cause,
            coord_system=coord_system,
            mediation=mediation,
            opposing_party_name=opposing_party_name,
            reference=reference,
        )

        return document_row
