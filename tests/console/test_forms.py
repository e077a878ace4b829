"""Reading a posted form as a schema's input (`console/forms.py`)."""

from __future__ import annotations

import marshmallow as ma

from courier_api.console.forms import form_data


class _Line(ma.Schema):
    name = ma.fields.String(required=True)
    quantity = ma.fields.Integer(required=True)
    cold = ma.fields.Boolean(load_default=False)


class _Order(ma.Schema):
    reference = ma.fields.String()
    first = ma.fields.Nested(_Line)
    lines = ma.fields.List(ma.fields.Nested(_Line))
    tags = ma.fields.List(ma.fields.String())


def _posted(app, form: dict) -> dict:
    with app.test_request_context("/console/x", method="POST", data=form):
        return form_data(_Order())


def test_a_list_of_records_is_read_from_numbered_boxes_in_order_blank_lines_left_out(app):
    read = _posted(
        app,
        {
            "reference": "R1",
            "lines.10.name": "c",
            "lines.10.quantity": "3",
            "lines.2.name": "a",
            "lines.2.quantity": "1",
            "lines.2.cold": "on",
            "lines.5.name": " ",
            "lines.5.quantity": "",
            "tags": "x, y",
        },
    )
    assert read == {
        "reference": "R1",
        "lines": [{"name": "a", "quantity": 1, "cold": True}, {"name": "c", "quantity": 3}],
        "tags": ["x", "y"],
    }


def test_only_blank_lines_send_no_list_so_the_schema_says_what_is_missing(app):
    assert _posted(app, {"reference": "R1", "lines.0.name": "", "lines.0.quantity": ""}) == {
        "reference": "R1"
    }


def test_a_box_only_looking_like_a_line_is_not_read_as_one(app):
    assert _posted(app, {"lines.x.name": "a", "linesX.0.name": "b", "lines.0": "c"}) == {}


def test_a_record_is_read_from_dotted_boxes_and_left_out_when_blank(app):
    assert _posted(app, {"first.name": "a", "first.quantity": "2"}) == {
        "first": {"name": "a", "quantity": 2}
    }
    assert _posted(app, {"first.name": "", "reference": "R"}) == {"reference": "R"}
