"""Tests of sdus_desktop.ui.fiche."""
