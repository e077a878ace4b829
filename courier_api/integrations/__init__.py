"""Connectors to outside systems (WeChat, SMS, virtual numbers).

Each connector has three parts: `client.py` (HTTP only, with timeouts), `mapper.py`
(payload <-> domain, pure, tested with recorded payloads) and `settings.py`, plus a `fake.py`
with the same interface. `registry.build_connectors(config)` is the one seam that picks real or
fake, and it reads nothing but configuration. No Flask and no database in here.
"""
