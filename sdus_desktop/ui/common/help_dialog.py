"""« Premiers pas » (F1): the few things a référent needs, in plain French, inside the application."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from sdus_desktop.ui.common.screen_fit import resize_within_screen

GUIDE = """
<h2>Premiers pas avec SDUS Desktop</h2>
<h3>Trouver ses fiches</h3>
<p>Tapez un mot dans <b>Rechercher</b> (Ctrl+F) : tout le texte de la fiche (titre, problématique, pilotes,
partenaires, étapes, indicateurs, bilan), avec ou sans accents ; les fiches dont le titre contient le mot
viennent d'abord. Un numéro (<b>12</b>, <b>fiche 12</b>, <b>SDSF 3</b>, <b>action 3</b>) trouve cette fiche.
<b>Entrée</b> ouvre la première fiche trouvée, <b>↓</b> descend dans la liste. <b>Mes fiches</b> montre les fiches
dont vous (votre nom ou votre organisation, Outils › Paramètres) êtes référent, pilote ou co-pilote.</p>
<h3>Mettre à jour une fiche</h3>
<p>Onglet <b>Suivi</b> (Alt+2) : statut, avancement, référents, bilan. Onglet <b>Étapes</b> (Alt+3) : dates
réelles et état de chaque étape (F2, double-clic ou simplement taper pour modifier ; une date s'écrit
15/03/2021, 15/3/21 ou 15032021 et la date qui sera enregistrée s'affiche pendant la saisie ; F4 ou Alt+↓ ouvre
le calendrier ; Suppr efface une date ; une fin réelle marque l'étape réalisée). Une année à deux chiffres est
celle du siècle le plus proche (21 → 2021). Onglet
<b>Indicateurs</b> (Alt+4) : une valeur par année, avec un commentaire si besoin. Onglet <b>Notes de suivi</b>
(Alt+6) : des notes datées et signées (Ctrl+Entrée ajoute la note) ; le bilan reste le résumé à jour.</p>
<p>Il n'y a pas de bouton « Enregistrer » : chaque modification est enregistrée aussitôt et inscrite dans
l'onglet <b>Historique</b> (Alt+5), avec votre nom et la date.</p>
<h3>Se tromper sans risque</h3>
<p><b>Ctrl+Z</b> annule la dernière modification, <b>Ctrl+Maj+Z</b> la rétablit (menu Édition). Dans un champ
en cours de saisie, Ctrl+Z annule seulement ce que vous venez de taper ; une fois le champ quitté, il annule
la dernière modification enregistrée. Une saisie
impossible (date qui n'existe pas, fin avant le début, texte dans un nombre) est refusée avec un message qui dit
quoi corriger : rien n'est enregistré de travers.</p>
<h3>Le signe ⚠</h3>
<p>Une étape est <b>en retard</b> quand sa fin prévue est passée et qu'elle n'est ni réalisée ni abandonnée.
Les statuts sont toujours écrits en toutes lettres, avec un symbole : ○ non démarrée, ◐ en cours,
● réalisée, ↻ reportée, ✕ abandonnée.</p>
<h3>Échanger avec l'équipe centrale</h3>
<p><b>Fichier › Exporter un classeur</b> produit un classeur Excel à remplir (cellules jaunes).
<b>Fichier › Importer des classeurs</b> montre d'abord ce qui va changer ; rien n'est écrit avant
« Appliquer », et une sauvegarde de la base est faite avant. Une cellule modifiée des deux côtés devient un
<b>conflit à arbitrer</b> : rien n'est écrasé sans votre choix.</p>
<h3>Imprimer</h3>
<p><b>Ctrl+P</b> imprime la fiche affichée en PDF ; <b>Fichier › Dossier du comité de suivi</b> produit le
dossier complet (synthèse, retards, évolutions, fiches).</p>
<p>Les sauvegardes se trouvent dans le dossier « sauvegardes », à côté du fichier de la base.</p>
"""


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Premiers pas")
        resize_within_screen(self, 720, 640)  # the text scrolls; « Fermer » stays on a small screen
        self.text = QTextBrowser()
        self.text.setAccessibleName("Guide « Premiers pas »")
        self.text.setHtml(GUIDE)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")  # even without qtbase_fr
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
