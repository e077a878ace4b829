"""An organisation at its pickup point, as a shipment's sender: one name for both."""

from __future__ import annotations

import pytest

from courier_api.core.masking import ORGANISATION
from courier_api.network.models import Organisation, PickupPoint
from courier_api.shipments.service import Party, point_party


@pytest.mark.parametrize(
    ("organisation", "point", "name"),
    [
        ("中山市人民医院", "门诊药房", "中山市人民医院门诊药房"),
        ("中山市第一人民法院", "诉讼服务中心", "中山市第一人民法院诉讼服务中心"),
        ("Zhongshan People's Hospital", "Pharmacy", "Zhongshan People's Hospital Pharmacy"),
        ("中山市人民医院", "Pharmacy 2", "中山市人民医院 Pharmacy 2"),
    ],
)
def test_chinese_names_run_on_and_other_scripts_take_a_space(organisation, point, name):
    at = PickupPoint(name=point, address="中山市孙文东路2号", lat=22.52, lng=113.39)
    party = point_party(Organisation(name=organisation), at)
    # A desk is an institution, not a person (never masked); without a phone, none.
    assert party == Party(name, "", "中山市孙文东路2号", 22.52, 113.39, ORGANISATION)
