"""Cash on delivery (代收货款): the cash's path from the door to the sender (docs/cod.md)."""
