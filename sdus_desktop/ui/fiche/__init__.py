"""The selected fiche: its view, its tabs and their table models, its history."""
