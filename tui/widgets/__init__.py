"""Reusable widgets; each renders library data and holds no business logic."""
