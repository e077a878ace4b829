"""Insurance: premiums and cover (priced in shipments/pricing.py), claims, payouts."""
