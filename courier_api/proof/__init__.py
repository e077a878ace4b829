"""Proof of delivery: PIN sign-off (pins.py) and its notification."""
