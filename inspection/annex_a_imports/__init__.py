"""Uploading an Annex A workbook to import, in the browser: the form, the background run, the result."""
