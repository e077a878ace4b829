from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.archive_to_driver import ArchiveToDriver
    from ..models.archive_to_office import ArchiveToOffice
    from ..models.driver import Driver


T = TypeVar("T", bound="ArchiveTransferIn")


@_attrs_define
class ArchiveTransferIn:
    """
    Attributes:
        archive_no (str):
        driver (Driver):
        seal_no (str): the sealed bag's number as the sending office sealed it: every hand-over, the first included,
            must scan the same Example: SEAL-000123.
        to (ArchiveToDriver | ArchiveToOffice):
        pickup_point_id (str | Unset): where the courier collects it (default: the office's first)
    """

    archive_no: str
    driver: Driver
    seal_no: str
    to: ArchiveToDriver | ArchiveToOffice
    pickup_point_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.archive_to_office import ArchiveToOffice

        archive_no = self.archive_no

        driver = self.driver.to_dict()

        seal_no = self.seal_no

        to: dict[str, Any]
        if isinstance(self.to, ArchiveToOffice):
            to = self.to.to_dict()
        else:
            to = self.to.to_dict()

        pickup_point_id = self.pickup_point_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "archive_no": archive_no,
                "driver": driver,
                "seal_no": seal_no,
                "to": to,
            }
        )
        if pickup_point_id is not UNSET:
            field_dict["pickup_point_id"] = pickup_point_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.archive_to_driver import ArchiveToDriver
        from ..models.archive_to_office import ArchiveToOffice
        from ..models.driver import Driver

        d = dict(src_dict)
        archive_no = d.pop("archive_no")

        driver = Driver.from_dict(d.pop("driver"))

        seal_no = d.pop("seal_no")

        def _parse_to(data: object) -> ArchiveToDriver | ArchiveToOffice:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_archive_destination_type_0 = ArchiveToOffice.from_dict(data)

                return componentsschemas_archive_destination_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_archive_destination_type_1 = ArchiveToDriver.from_dict(data)

            return componentsschemas_archive_destination_type_1

        to = _parse_to(d.pop("to"))

        pickup_point_id = d.pop("pickup_point_id", UNSET)

        archive_transfer_in = cls(
            archive_no=archive_no,
            driver=driver,
            seal_no=seal_no,
            to=to,
            pickup_point_id=pickup_point_id,
        )

        return archive_transfer_in
