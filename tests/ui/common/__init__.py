"""Tests of sdus_desktop.ui.common."""
