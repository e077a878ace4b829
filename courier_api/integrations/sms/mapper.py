"""SMS request body and outcome. Pure functions."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from courier_api.integrations.common import SendResult

#: Mainland China mobile numbers; landlines and foreign numbers cannot receive these SMS.
MAINLAND_MOBILE = re.compile(r"^1[3-9]\d{9}$")


class InvalidPhoneError(ValueError):
    """Not a mainland mobile number; nothing was sent."""


def check_phone(phone: str) -> str:
    if not MAINLAND_MOBILE.match(phone):
        raise InvalidPhoneError("the phone must be a mainland mobile number (11 digits, 1[3-9]…)")
    return phone


def request_body(
    phone: str, template: str, params: Mapping[str, str], sign_name: str
) -> dict[str, Any]:
    return {
        "phone": check_phone(phone),
        "template": template,
        "params": dict(params),
        "sign_name": sign_name,
    }


def result_from_status(status: int) -> SendResult:
    if 200 <= status < 300:
        return SendResult("sent", None, "")
    if status == 429 or status >= 500:
        return SendResult("retry", status, f"HTTP {status}")
    # Any other 4xx: the request itself is wrong (template, number, key); resending won't help.
    return SendResult("final_refusal", status, f"HTTP {status}")
