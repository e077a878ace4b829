"""The console's fixtures: a staff member logged in through the login form."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.helpers import console_login


@pytest.fixture
def console(client: FlaskClient, world):
    """`console("dispatcher_a")` -> (the client, logged in to the console; a CSRF token)."""

    def log_in(who: str) -> tuple[FlaskClient, str]:
        return client, console_login(client, who)

    return log_in
