"""Tests of sdus_desktop.ui.dashboard."""
