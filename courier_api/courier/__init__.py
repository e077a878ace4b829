"""The courier's handheld actions: shift and locations, accept … deliver, contact, sync,
hand-over scans and PIN resends. It sits above the products it drives (pickups, hospital
runs, delivery) and below the app's wiring."""
