"""Hospital orders: prescription deliveries, hand-over runs, birth certificates."""
