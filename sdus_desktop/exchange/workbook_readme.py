"""Text of the "Lisez-moi" sheet of a référent workbook (French, for non-technical users)."""

from __future__ import annotations

from typing import Any

from sdus_desktop.core.statuses import ActionStatus, StepStatus


def readme_lines(scope_text: str, meta: dict[str, Any], counts: tuple[int, int, int]) -> list[tuple[str, str]]:
    """(text, style) lines; style is "title", "heading" or "" (plain)."""
    actions, steps, values = counts
    exported_at = str(meta["exported_at"]).replace("T", " à ")
    statuses = ", ".join(status.label for status in ActionStatus)
    states = ", ".join(status.label for status in StepStatus)
    return [
        ("Classeur de suivi pour les référents — SDUS Desktop", "title"),
        (f"Périmètre : {scope_text}", ""),
        (f"Exporté le {exported_at}" + (f" par {meta['exported_by']}" if meta.get("exported_by") else ""), ""),
        (f"Contenu : {actions} fiche(s), {steps} étape(s), {values} ligne(s) d'indicateurs.", ""),
        (f"Identifiant de l'export : {meta['export_id']}", ""),
        ("", ""),
        ("Comment remplir ce classeur", "heading"),
        ("1. Ne remplissez que les cellules sur fond jaune. Les cellules grises (numéros, intitulés, "
         "calendriers, cibles) servent de repère et sont protégées.", ""),
        (f"2. Feuille « Fiches » : statut ({statuses}), avancement en % (0 à 100), référent(s) séparés par "
         "un point-virgule, commentaire ou bilan.", ""),
        (f"3. Feuille « Étapes » : dates prévues et réelles au format jj/mm/aaaa (15/03/2021 ; 15/3/21 est "
         f"aussi accepté), état ({states}), commentaire.", ""),
        ("4. Feuille « Indicateurs » : une ligne par indicateur et par période. Saisissez la valeur "
         "(un nombre comme 12 ou 12,5 ; Oui/Non ; ou un texte selon le type) et un commentaire si besoin. "
         "La colonne « Cible » donne la cible de l'année quand l'équipe centrale l'a fixée (elle ne se modifie "
         "pas dans ce classeur).", ""),
        ("5. Nouvelle période (par exemple un trimestre 2021-T2) : utilisez les lignes libres en bas de la "
         "feuille « Indicateurs » ; indiquez le plan, le n° de fiche, le n° d'indicateur, la période, la valeur.",
         ""),
        ("5 bis. Feuille « Notes de suivi » : les notes déjà enregistrées (en gris, elles ne se modifient pas). "
         "Pour ajouter une note, utilisez une ligne libre en bas : plan, n° de fiche, date (jj/mm/aaaa) et texte. "
         "La note est ajoutée à la fiche à votre nom (« Rempli par » ci-dessous) ; le bilan de la feuille « Fiches » "
         "reste le résumé à jour de la fiche.", ""),
        ("6. Ne supprimez pas de ligne et ne modifiez pas les feuilles masquées : une ligne supprimée ne "
         "supprime rien dans la base, et un classeur abîmé sera refusé à l'import.", ""),
        ("7. N'écrivez pas de formule dans les cellules à remplir : saisissez directement les valeurs.", ""),
        ("8. Enregistrez au format Excel (.xlsx), avec Excel ou LibreOffice, puis renvoyez le fichier à "
         "l'équipe centrale.", ""),
        ("", ""),
        ("Au retour du classeur", "heading"),
        ("L'équipe centrale réimporte le classeur dans SDUS Desktop. Seules les cellules que vous avez modifiées "
         "sont prises en compte. Si une même cellule a aussi été modifiée dans la base depuis l'export, rien "
         "n'est écrasé : les deux valeurs sont présentées à l'équipe centrale, qui choisit.", ""),
        ("Si une valeur est invalide (date impossible, statut inconnu…), rien n'est importé et la liste des "
         "cellules à corriger vous est renvoyée, avec leur emplacement (par exemple « Étapes!H12 »).", ""),
    ]
