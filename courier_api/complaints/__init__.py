"""Complaints about shipments and pickups, answered within 7 days (快递暂行条例)."""
