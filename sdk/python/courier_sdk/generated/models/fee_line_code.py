from enum import StrEnum


class FeeLineCode(StrEnum):
    COD_FEE = "cod_fee"
    EXTRA_WEIGHT = "extra_weight"
    FIRST_KG = "first_kg"
    FLAT = "flat"
    INSURANCE_PREMIUM = "insurance_premium"
    PIN_SIGN_OFF = "pin_sign_off"

    def __str__(self) -> str:
        return str(self.value)
