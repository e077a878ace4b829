"""Content-addressed files: photos, signatures, PDFs."""
