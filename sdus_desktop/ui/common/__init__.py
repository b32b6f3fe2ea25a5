"""Shared building blocks of every screen: actions, messages, settings, widgets, undo, first-run and backups."""
