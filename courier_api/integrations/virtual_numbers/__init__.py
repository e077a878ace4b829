"""Virtual-number connector: a temporary number that connects a courier and a customer."""

from courier_api.integrations.virtual_numbers.connector import (
    HttpVirtualNumbers,
    VirtualNumberProvider,
)
from courier_api.integrations.virtual_numbers.fake import Binding, FakeVirtualNumbers
from courier_api.integrations.virtual_numbers.mapper import VirtualNumber
from courier_api.integrations.virtual_numbers.settings import VirtualNumberSettings

__all__ = [
    "Binding",
    "FakeVirtualNumbers",
    "HttpVirtualNumbers",
    "VirtualNumber",
    "VirtualNumberProvider",
    "VirtualNumberSettings",
]
