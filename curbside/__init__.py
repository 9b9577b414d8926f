"""Curbside: a self-hostable ask-a-doctor platform."""
