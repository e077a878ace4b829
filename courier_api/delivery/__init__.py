"""Delivery: attempts with the proof each product requires, failed attempts and returns."""
