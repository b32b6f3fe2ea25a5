"""Tableau de bord, calendrier des étapes and frozen comités."""
