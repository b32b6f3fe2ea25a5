"""First-run dialog (asks the user's name) and the Paramètres dialog (every declared setting)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sdus_desktop.ui.common import messages
from sdus_desktop.ui.common.screen_fit import resize_within_screen, scrolling_body
from sdus_desktop.ui.common.settings import MODE_LABELS, SETTINGS, Setting, Settings

FOLDER_SETTINGS = {"export_folder", "import_folder", "print_folder"}
# Alt+letter of each Paramètres field: the word of its label that carries the mnemonic (its first letter, unique)
MNEMONIC_AT = {"user_name": "Votre", "mode": "Mode", "referent_name": "organisation", "export_folder": "xportés",
               "import_folder": "reçus", "print_folder": "imprimés", "lateness_grace_days": "tolérance",
               "stale_days": "près"}


def with_mnemonic(setting: Setting) -> str:
    """The field's label with its « & » (« Dossier des classeurs &reçus »)."""
    word = MNEMONIC_AT.get(setting.name)
    return setting.label.replace(word, "&" + word, 1) if word else setting.label


class FirstRunDialog(QDialog):
    """Shown once: the name written in the journal, and optionally the référent of this workstation."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Bienvenue dans SDUS Desktop")
        intro = QLabel("Bienvenue ! Indiquez votre nom : il sera inscrit dans l'historique de chaque "
                       "modification que vous ferez. Vous pourrez le changer dans Outils › Paramètres.")
        intro.setWordWrap(True)
        self.name = QLineEdit(str(settings.value("user_name")))
        self.name.setAccessibleName("Votre nom")
        self.name.selectAll()
        self.referent = QLineEdit(str(settings.value("referent_name")))
        self.referent.setAccessibleName("Votre organisation (facultatif)")
        self.referent.setPlaceholderText("facultatif : par exemple ARS, MDA, Conseil départemental")
        form = QFormLayout()
        form.addRow("&Votre nom :", self.name)
        form.addRow("Votre &organisation :", self.referent)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        name = self.name.text().strip()
        if not name:
            messages.warn(self, "Nom manquant", "Votre nom est nécessaire pour le journal des modifications. "
                                                "Saisissez-le dans le champ « Votre nom ».")
            self.name.setFocus()
            return
        self.settings.set_value("user_name", name)
        self.settings.set_value("referent_name", self.referent.text().strip())
        super().accept()


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Paramètres")
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow screen: the field below its label
        for setting in SETTINGS:
            widget, field = self._editor(setting)
            self.editors[setting.name] = widget
            label = QLabel(with_mnemonic(setting) + " :")
            label.setBuddy(widget)
            form.addRow(label, field)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        body, outer = scrolling_body(self)
        body.addLayout(form)
        body.addStretch(1)
        outer.addWidget(buttons)
        resize_within_screen(self, 860, form.sizeHint().height() + buttons.sizeHint().height() + 40)

    def _editor(self, setting: Setting) -> tuple[QWidget, QWidget]:
        value = self.settings.value(setting.name)
        if setting.name == "mode":
            combo = QComboBox()
            for code, label in MODE_LABELS.items():
                combo.addItem(label, code)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.setAccessibleName(setting.label)
            return combo, combo
        if setting.kind is int:
            spin = QSpinBox()
            spin.setRange(0, 3650)
            spin.setSuffix(" jours")
            spin.setValue(int(value))
            spin.setAccessibleName(setting.label)
            return spin, spin
        line = QLineEdit(str(value))
        line.setAccessibleName(setting.label)
        if setting.name not in FOLDER_SETTINGS:
            return line, line
        browse = QPushButton("Parcourir…")
        browse.setAccessibleName(f"Parcourir : choisir le {setting.label[0].lower()}{setting.label[1:]}")
        browse.setToolTip(browse.accessibleName())
        browse.clicked.connect(lambda: self._browse(line, setting.label))
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(line, 1)
        box.addWidget(browse)
        return line, row

    def _browse(self, line: QLineEdit, title: str) -> None:
        folder = QFileDialog.getExistingDirectory(self, title, line.text())
        if folder:
            line.setText(folder)

    def accept(self) -> None:
        name = self.editors["user_name"]
        assert isinstance(name, QLineEdit)
        if not name.text().strip():
            messages.warn(self, "Nom manquant", "Le champ « Votre nom » ne peut pas être vide : il est inscrit au "
                                                "journal de chaque modification.")
            return
        for setting_name, widget in self.editors.items():
            if isinstance(widget, QComboBox):
                self.settings.set_value(setting_name, widget.currentData())
            elif isinstance(widget, QSpinBox):
                self.settings.set_value(setting_name, widget.value())
            elif isinstance(widget, QLineEdit):
                self.settings.set_value(setting_name, widget.text().strip())
        super().accept()
