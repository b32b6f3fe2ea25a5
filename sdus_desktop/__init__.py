"""SDUS Desktop — suivi des schémas départementaux de la Lozère."""

__version__ = "0.1.0"
APP_NAME = "SDUS Desktop"
ORG_NAME = "Departement-Lozere"
