"""Tests of sdus_desktop.ui.print."""
