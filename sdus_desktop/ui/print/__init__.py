"""Printing: one fiche as PDF and the comité de suivi dossier."""
