"""Decisions across documents: projects consolidated from every document's summary, linked
documents, events and people, and their conflicts."""
