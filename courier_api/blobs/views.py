"""PUT and GET of content-addressed blobs."""

from __future__ import annotations

from flask import Response, current_app, request

from courier_api.blobs import service
from courier_api.blobs.storage import build_storage
from courier_api.core.blueprint import LOCATION_HEADER_DOC, Blueprint, binary
from courier_api.core.security import ROLES, principal, requires
from courier_api.core.transaction import transactional

blp = Blueprint("blobs", __name__, url_prefix="/v1", description="Photos, signatures, PDFs.")

#: The file's bytes. The server sniffs the type from them (JPEG, PNG, PDF or a JSON
#: document, blobs/service.py), whatever Content-Type says: a generated client sends
#: application/octet-stream, never JSON-encoded text.
_BINARY_BODY = {
    "required": True,
    "content": {
        ct: binary(ct)
        for ct in ("application/octet-stream", "image/jpeg", "image/png", "application/pdf")
    },
}


def storage():
    found = current_app.extensions.get("blob_storage")
    if found is None:
        found = current_app.extensions["blob_storage"] = build_storage(current_app.config)
    return found


@blp.put("/blobs/<sha256>")
@requires(*ROLES)
@transactional
@blp.problems(404, 413, 415, 422)
@blp.doc(
    requestBody=_BINARY_BODY,
    responses={
        "200": {"description": "Already stored"},
        "201": {"description": "Stored", "headers": LOCATION_HEADER_DOC},
    },
)
@blp.named("uploadBlob")
def put_blob(sha256: str) -> Response:
    """Upload a file under its SHA-256 (lowercase hex). Retrying is harmless."""
    limit = current_app.config["BLOB_MAX_BYTES"]
    request.max_content_length = limit
    blob, created = service.put(
        caller=principal(),
        sha256=sha256,
        data=request.get_data(cache=False),
        storage=storage(),
        max_bytes=limit,
    )
    response = Response(status=201 if created else 200)
    response.headers["ETag"] = f'"{blob.sha256}"'
    response.headers["Location"] = f"/v1/blobs/{blob.sha256}"
    return response


@blp.get("/blobs/<sha256>")
@requires(*ROLES)
@blp.problems(404)
@blp.doc(responses={"200": {"description": "The file, with its sniffed Content-Type"}})
@blp.named("downloadBlob")
def get_blob(sha256: str) -> Response:
    """Download a file you uploaded, or one referred to by an object you may read."""
    blob = service.get_readable(caller=principal(), sha256=sha256)
    response = Response(service.read(blob.sha256, storage()), mimetype=blob.content_type)
    response.headers["ETag"] = f'"{blob.sha256}"'
    response.headers["Cache-Control"] = "private, max-age=86400, immutable"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
