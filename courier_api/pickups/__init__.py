"""On-demand pickups: quotes and pickup orders (the 1-hour promise)."""
