"""Tests of sdus_desktop.ui.exchange."""
