"""Tests of sdus_desktop.ui.navigation."""
