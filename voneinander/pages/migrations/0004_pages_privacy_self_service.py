from django.db import migrations

# The privacy statement as seeded by 0002 said that deleting an account needs a
# letter; accounts can now be deleted and their data downloaded in the profile.
# Only the seeded sentences are replaced: an operator's own wording stays.
OLD_DELETION = (
    "Die Daten werden gespeichert, bis Ihr Konto gelöscht wird. Wenn Sie Ihr Konto löschen lassen "
    "möchten, schreiben Sie bitte an die oben genannte Anschrift.\n"
)
NEW_DELETION = (
    "Die Daten werden gespeichert, bis Ihr Konto gelöscht wird. Sie können Ihr Konto jederzeit "
    "selbst im Profil unter „Konto löschen“ löschen. Name, E-Mail-Adressen, Profil, Passwort und "
    "Zwei-Faktor-Zugang werden dabei entfernt; Ihre Beiträge bleiben als „Gelöschte Person“ "
    "erhalten, Anmeldungen und Umfrageantworten zählen ohne Ihren Namen weiter. Im Protokoll "
    "sicherheitsrelevanter Ereignisse bleiben die Einträge erhalten; Ihre E-Mail-Adresse wird "
    "darin durch einen Platzhalter ersetzt.\n"
)
OLD_RIGHTS = "(Art. 7 Abs. 3 DSGVO). Schreiben Sie dazu bitte an die oben genannte Anschrift.\n"
NEW_RIGHTS = (
    OLD_RIGHTS + "\nAuskunft und Datenübertragbarkeit (Art. 15, 20 DSGVO): Unter „Meine Daten "
    "herunterladen“ im Profil erhalten Sie alle über Sie gespeicherten Daten als ZIP-Datei (JSON "
    "und Ihre hochgeladenen Dateien).\n"
)


def update(apps, schema_editor):
    for page in apps.get_model("pages", "Page").objects.filter(kind="privacy"):
        body = page.body
        if OLD_DELETION in body:
            body = body.replace(OLD_DELETION, NEW_DELETION)
        if OLD_RIGHTS in body and "Datenübertragbarkeit" not in body:
            body = body.replace(OLD_RIGHTS, NEW_RIGHTS)
        if body != page.body:
            page.body = body
            page.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("pages", "0003_pages_a11y_pages")]

    operations = [migrations.RunPython(update, migrations.RunPython.noop)]
