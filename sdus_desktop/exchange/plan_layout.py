"""Sheets and columns of a plan definition workbook (shared by its writer and its reader)."""

from __future__ import annotations

from sdus_desktop.core import limits
from sdus_desktop.core.plan_states import CHOICES_TEXT, STATE_LABELS
from sdus_desktop.exchange.plan_model import FICHE_TEXT_FIELDS

FORMAT_MARK = "sdus-plan-definition/1"  # Lisez-moi!A1 comment-free marker in cell H1 (hidden column)

SHEET_README = "Lisez-moi"
SHEET_PLAN = "Plan"
SHEET_GROUPS = "Orientations"
SHEET_AXES = "Axes"
SHEET_FICHES = "Fiches"
SHEET_ETAPES = "Étapes"
SHEET_INDICATORS = "Indicateurs"
DATA_SHEETS = (SHEET_PLAN, SHEET_GROUPS, SHEET_AXES, SHEET_FICHES, SHEET_ETAPES, SHEET_INDICATORS)

# Plan sheet: one field per row (label in column A, value in column B).
PLAN_ROWS: tuple[tuple[str, str], ...] = (
    ("code", "Code du plan"),
    ("title", "Intitulé"),
    ("period_start", "Année de début"),
    ("period_end", "Année de fin"),
    ("level1_label", "Nom du premier niveau"),
    ("state", "État"),
    ("previous_code", "Plan précédent (code)"),
)

GROUP_COLUMNS = ("N°", "Intitulé")
AXE_COLUMNS = ("N° orientation", "N° axe", "Intitulé")
FICHE_COLUMNS = ("Clé", "N°", "Libellé", "N° orientation", "N° axe", "Intitulé",
                 *(title for _, title in FICHE_TEXT_FIELDS))
ETAPE_COLUMNS = ("N° fiche", "Clé", "N°", "Libellé", "Calendrier")
INDICATOR_COLUMNS = ("N° fiche", "Clé", "N°", "Libellé", "Unité", "Cible")

KIND_CHOICES = ("nombre", "pourcentage", "oui/non", "texte")
STATE_CHOICES = STATE_LABELS
LEVEL1_CHOICES = ("Orientation", "Thématique", "Axe stratégique", "Objectif")

MAX_TEXT = 32_767  # what one spreadsheet cell holds
MAX_TITLE = limits.MAX_TITLE  # one bound with the central-mode editor (store.services)
MAX_ROWS = 20_000

README_LINES = (
    "Définition de plan — SDUS Desktop",
    "",
    "Ce classeur décrit la structure et les textes d'un plan d'actions (schéma, programme…), sans aucune "
    "donnée de suivi.",
    "• « sdus plan import » (ou Plans… dans l'application, en mode central) crée le plan s'il n'existe pas, "
    "ou applique un avenant au plan du même code.",
    "• Un avenant ne touche jamais au suivi : statuts, dates, valeurs, bilans et journal restent tels quels.",
    "• Une fiche, une étape ou un indicateur retiré du classeur est archivé avec son historique, jamais supprimé.",
    "• Un avenant qui archiverait plus de la moitié des fiches du plan est signalé et n'est appliqué qu'après une "
    "confirmation explicite (case « J'ai compris », ou --archiver-tout en ligne de commande).",
    "",
    "Feuilles",
    "• Plan : code (lettres, chiffres, tirets ; 16 caractères au plus), intitulé, années, nom du premier niveau "
    f"(Orientation, Thématique…), état ({CHOICES_TEXT} ; un plan créé clos quitte l'arborescence et le tableau "
    "de bord), plan précédent (code d'un plan existant, ou vide).",
    "• Orientations : une ligne par orientation (ou thématique), numérotées 1, 2, 3…",
    "• Axes : une ligne par axe, numéroté à l'intérieur de son orientation (Axe 1, 2… de l'orientation 2).",
    "• Fiches : une ligne par fiche, numéro unique dans le plan ; l'orientation et l'axe la rangent.",
    "  Pilotes, partenaires, objectifs, sous-actions et acteurs sont des listes : un élément par ligne de la "
    "cellule (Alt+Entrée dans Excel, Ctrl+Entrée dans LibreOffice). Une ligne qui commence par « - » est un "
    "sous-élément de la précédente.",
    "• Étapes : une ligne par étape, rattachée à sa fiche par son numéro ; le calendrier s'écrit comme dans "
    "les schémas (« 2020 », « Fin 2021 », « 1er semestre 2022 », « 2020/2021 », « 2021 et suivantes »).",
    "• Indicateurs : une ligne par indicateur, avec son unité (nombre, pourcentage, oui/non, texte) et sa cible.",
    "",
    "La colonne « Clé » relie une ligne à ce qui existe déjà : ne la modifiez pas. Laissez-la vide pour une "
    "nouvelle fiche, étape ou un nouvel indicateur. Changer le « N° » en gardant la clé renumérote.",
    "Aucune formule n'est acceptée : saisissez les textes et nombres eux-mêmes.",
    "Le classeur entier est vérifié avant tout changement : à la moindre erreur, rien n'est appliqué et chaque "
    "erreur est indiquée avec sa place (par exemple « Fiches!B14 : numéro en double »).",
)
