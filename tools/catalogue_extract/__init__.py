"""Extraction of the SDUS / SDSF catalogues from PDF-extracted text (stdlib only)."""
