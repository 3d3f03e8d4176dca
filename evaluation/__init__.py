"""Measuring the archive against curated gold: extraction scores and change points."""
