"""The published JSON Schema of the record."""
