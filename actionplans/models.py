"""Models for this app arrive with its own issue."""
