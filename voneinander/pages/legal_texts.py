"""The German texts of the legal pages as first published (Markdown).

The data migration seeds them once, with the operator's details from the
settings of that moment; afterwards platform admins edit them on the site.
"""

from django.conf import settings

IMPRINT_SLUG = "impressum"
PRIVACY_SLUG = "datenschutz"
ACCESSIBILITY_SLUG = "barrierefreiheit"


def _operator_address(email: str) -> str:
    lines = [settings.OPERATOR_NAME, settings.OPERATOR_ADDRESS, f"E-Mail: <{email}>"]
    if settings.OPERATOR_PHONE:
        lines.append(f"Telefon: {settings.OPERATOR_PHONE}")
    return "\\\n".join(lines)


def imprint() -> str:
    operator = settings.OPERATOR_NAME
    site = settings.SITE_NAME
    return f"""Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG).

## Anbieter

{_operator_address(settings.OPERATOR_EMAIL)}

## Verantwortlich für den Inhalt

Verantwortlich für den redaktionellen Inhalt gemäß § 18 Abs. 2 Medienstaatsvertrag (MStV): \
{operator}, Anschrift wie oben.

## Inhalte von Netzwerken und registrierten Personen

Netzwerke, ihre Koordinationsstellen und die auf {site} registrierten Personen pflegen ihre \
Angaben selbst, zum Beispiel Beschreibungen von Netzwerken und Kontaktdaten. Der Anbieter prüft \
diese Inhalte nicht vor der Veröffentlichung. Wenn Ihnen falsche oder rechtswidrige Inhalte \
auffallen, teilen Sie uns das bitte unter der oben genannten Anschrift mit. Wir prüfen Ihren \
Hinweis unverzüglich und entfernen rechtswidrige Inhalte.

## Links zu anderen Websites

Soweit diese Plattform auf Websites anderer Anbieter verlinkt, sind diese Anbieter für deren \
Inhalte verantwortlich. Die verlinkten Seiten wurden zum Zeitpunkt der Verlinkung auf \
offensichtliche Rechtsverstöße geprüft. Sobald wir von rechtswidrigen Inhalten erfahren, \
entfernen wir die betreffenden Links.

## Software

{site} ist freie Software unter der European Union Public Licence (EUPL) 1.2. Die \
Benutzeroberfläche folgt dem Designsystem KERN UX für die deutsche Verwaltung, das ebenfalls \
unter der EUPL 1.2 steht.
"""


def privacy() -> str:
    site = settings.SITE_NAME
    email = settings.OPERATOR_EMAIL
    return f"""**{site} speichert nur, was nötig ist, um Kommunen miteinander zu verbinden: \
Ihr Konto, Ihr Profil und ein Protokoll sicherheitsrelevanter Ereignisse. Es gibt kein \
Tracking, und Ihr Browser stellt keine Anfragen an andere Server.**

Diese Erklärung informiert Sie darüber, welche personenbezogenen Daten die Plattform zu welchem \
Zweck, auf welcher Rechtsgrundlage und wie lange verarbeitet und welche Rechte Sie haben \
(Art. 13 und 14 Datenschutz-Grundverordnung, DSGVO).

## Verantwortliche Stelle

{_operator_address(email)}

Die behördliche Datenschutzbeauftragte oder den behördlichen Datenschutzbeauftragten der \
verantwortlichen Stelle erreichen Sie unter der oben genannten Postanschrift mit dem Zusatz \
„z. Hd. Datenschutzbeauftragte/Datenschutzbeauftragter“ oder per E-Mail an <{email}>.

## Besuch der Plattform ohne Konto

- Keine Cookies: Solange Sie sich nicht anmelden, setzt die Plattform keine Cookies und \
speichert nichts auf Ihrem Gerät.
- Kein Tracking: Es gibt keine Webanalyse, keine Werbung und keine Social-Media-Plug-ins.
- Keine Anfragen an Dritte: Schriften, Stylesheets und Skripte liefert die Plattform selbst aus. \
Ihr Browser nimmt daher keine Verbindung zu anderen Servern auf.
- Um Seiten auszuliefern und Angriffe abzuwehren, verarbeitet der Webserver die Adresse Ihres \
Geräts (IP-Adresse), die aufgerufene Seite, Datum und Uhrzeit sowie die Kennung Ihres Browsers. \
Diese Server-Protokolldateien werden spätestens nach 14 Tagen gelöscht, es sei denn, ein \
konkreter Angriff muss aufgeklärt werden.

Rechtsgrundlage: Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit dem Landesdatenschutzgesetz, \
das für den Anbieter gilt (Betrieb eines sicheren Online-Angebots), sowie Art. 32 DSGVO \
(Sicherheit der Verarbeitung).

## Ihr Konto und Ihr Profil

Wenn Sie ein Konto erstellen und nutzen, speichert die Plattform:

- Ihre E-Mail-Adresse und Ihr Passwort – das Passwort nur als gesalzenen Hashwert, aus dem sich \
das Passwort nicht zurückgewinnen lässt;
- die Profilangaben, die Sie eintragen: Name, Funktion, Organisation, Kommune, Telefonnummer und \
wer Ihre Kontaktdaten sehen darf;
- Ihre Rollen: in welchen Netzwerken Sie Ansprechperson sind oder die Koordination übernehmen, \
sowie die Bestätigung Ihrer Zugehörigkeit zu Ihrer Kommune;
- wenn Sie die Zwei-Faktor-Authentifizierung einrichten: den geheimen Schlüssel Ihrer \
Authenticator-App und Ihre Wiederherstellungscodes;
- den Zeitpunkt Ihrer letzten Anmeldung.

Ihre Kontaktdaten werden so angezeigt, wie Sie es in Ihrem Profil festlegen: allen, den \
Mitgliedern Ihrer Netzwerke oder nur der Koordination Ihrer Netzwerke. Die Koordination und die \
Administration der Plattform sehen Ihre Kontaktdaten immer, weil sie diese für die Arbeit der \
Netzwerke brauchen.

Rechtsgrundlage: Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit dem Landesdatenschutzgesetz, \
das für den Anbieter gilt (Unterstützung der Zusammenarbeit von Kommunen). Alle Profilangaben \
außer Ihrer E-Mail-Adresse sind freiwillig (Art. 6 Abs. 1 Buchst. a DSGVO). Sie können sie \
jederzeit in Ihrem Profil ändern oder löschen.

Die Daten werden gespeichert, bis Ihr Konto gelöscht wird. Sie können Ihr Konto jederzeit \
selbst im Profil unter „Konto löschen“ löschen. Name, E-Mail-Adressen, Profil, Passwort und \
Zwei-Faktor-Zugang werden dabei entfernt; Ihre Beiträge bleiben als „Gelöschte Person“ \
erhalten, Anmeldungen und Umfrageantworten zählen ohne Ihren Namen weiter. Im Protokoll \
sicherheitsrelevanter Ereignisse bleiben die Einträge erhalten; Ihre E-Mail-Adresse wird \
darin durch einen Platzhalter ersetzt.

## Cookies nach der Anmeldung

Wenn Sie sich anmelden, setzt die Plattform ein Sitzungs-Cookie, das Sie angemeldet hält, und \
ein Cookie, das Formulare vor Missbrauch durch andere Websites schützt \
(Cross-Site-Request-Forgery). Beide Cookies sind für den von Ihnen gewünschten Dienst technisch \
erforderlich (§ 25 Abs. 2 Nr. 2 Telekommunikation-Digitale-Dienste-Datenschutz-Gesetz, TDDDG) \
und werden für keinen anderen Zweck verwendet. Die Sitzung endet, wenn Sie sich abmelden, \
spätestens aber nach 12 Stunden.

## Protokoll sicherheitsrelevanter Ereignisse

Um Missbrauch zu erkennen und aufzuklären, protokolliert die Plattform sicherheitsrelevante \
Ereignisse: Anmeldungen und fehlgeschlagene Anmeldeversuche, Änderungen an E-Mail-Adressen, \
Passwörtern und der Zwei-Faktor-Authentifizierung, Änderungen an Rollen, Mitgliedschaften und \
Ansprechpersonen sowie Änderungen in der Administration. Jeder Eintrag enthält den Zeitpunkt, die \
handelnde Person, die Aktion und das betroffene Objekt. Nur die Administration der Plattform kann \
das Protokoll lesen. Einträge können nicht geändert werden.

Rechtsgrundlage: Art. 6 Abs. 1 Buchst. e und Art. 32 DSGVO. Die Einträge werden gelöscht, sobald \
sie für diesen Zweck nicht mehr benötigt werden.

## E-Mails

Die Plattform schickt Ihnen E-Mails, um Ihre E-Mail-Adresse zu bestätigen, um Ihr Passwort \
zurückzusetzen und um Sie über sicherheitsrelevante Änderungen an Ihrem Konto zu informieren. \
Sie verschickt keine Newsletter.

## Empfänger der Daten

Ihre Daten werden nicht verkauft, nicht an Dritte weitergegeben und nicht in Länder außerhalb \
der Europäischen Union übermittelt. Technische Dienstleister, die im Auftrag des Anbieters Server \
betreiben oder E-Mails zustellen, verarbeiten die Daten nur nach dessen Weisung \
(Auftragsverarbeitung nach Art. 28 DSGVO).

## Ihre Rechte

Sie haben das Recht auf Auskunft über Ihre Daten (Art. 15 DSGVO), auf Berichtigung \
(Art. 16 DSGVO), auf Löschung (Art. 17 DSGVO) und auf Einschränkung der Verarbeitung \
(Art. 18 DSGVO), das Recht, der Verarbeitung zu widersprechen (Art. 21 DSGVO), und das Recht, \
Daten, die Sie bereitgestellt haben, in einem maschinenlesbaren Format zu erhalten \
(Art. 20 DSGVO). Eine Einwilligung können Sie jederzeit mit Wirkung für die Zukunft widerrufen \
(Art. 7 Abs. 3 DSGVO). Schreiben Sie dazu bitte an die oben genannte Anschrift.

Auskunft und Datenübertragbarkeit (Art. 15, 20 DSGVO): Unter „Meine Daten herunterladen“ im \
Profil erhalten Sie alle über Sie gespeicherten Daten als ZIP-Datei (JSON und Ihre \
hochgeladenen Dateien).

Sie haben außerdem das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren \
(Art. 77 DSGVO), insbesondere bei der Aufsichtsbehörde, die für den Anbieter zuständig ist.
"""


def accessibility() -> str:
    operator = settings.OPERATOR_NAME
    site = settings.SITE_NAME
    return f"""{operator} möchte, dass alle Menschen {site} nutzen können. Diese Erklärung zur \
Barrierefreiheit gilt für die Plattform {site}. Sie beruht auf der \
Barrierefreie-Informationstechnik-Verordnung (BITV 2.0), mit der die Richtlinie (EU) 2016/2102 \
umgesetzt wird.

## Wie barrierefrei ist diese Plattform?

Die Plattform ist teilweise mit den Anforderungen der BITV 2.0 und der europäischen Norm \
EN 301 549 vereinbar. Die Norm verweist auf die Web Content Accessibility Guidelines (WCAG) 2.1 \
in der Konformitätsstufe AA.

Sie verwendet KERN UX, das Designsystem für die deutsche Verwaltung. Alle Seiten lassen sich \
allein mit der Tastatur und mit einem Screenreader bedienen. Sie haben einen sichtbaren Fokus, \
ausreichende Kontraste und eine klare Gliederung durch Überschriften. Sie lassen sich auf \
400 Prozent vergrößern, funktionieren auf kleinen Bildschirmen und brauchen kein JavaScript.

## Welche Inhalte sind nicht barrierefrei?

- Texte, die Netzwerke und registrierte Personen selbst schreiben, zum Beispiel Beschreibungen \
von Netzwerken, werden vor der Veröffentlichung nicht auf Barrierefreiheit geprüft.
- Beim Einrichten der Zwei-Faktor-Authentifizierung wird ein QR-Code angezeigt. Wenn Sie ihn \
nicht scannen können, geben Sie stattdessen den geheimen Schlüssel, der darunter als Text steht, \
in Ihre Authenticator-App ein.

## Erstellung dieser Erklärung

Diese Erklärung wurde im November 2026 erstellt. Sie beruht auf einer Selbstbewertung durch das \
Entwicklungsteam.

## Kontakt zur Barrierefreiheit

Ist Ihnen eine Barriere aufgefallen? Oder brauchen Sie Informationen dieser Plattform in \
barrierefreier Form? Dann teilen Sie uns das bitte mit – mit dem Formular *Barriere melden* \
unten auf dieser Seite oder auf einem anderen Weg. Wir antworten Ihnen so schnell wie möglich.

{_operator_address(settings.ACCESSIBILITY_CONTACT_EMAIL)}

## Schlichtungsverfahren

Wenn Sie von uns keine zufriedenstellende Antwort erhalten, können Sie bei der Schlichtungsstelle \
nach § 16 des Behindertengleichstellungsgesetzes (BGG) einen Antrag auf ein \
Schlichtungsverfahren stellen. Das Schlichtungsverfahren ist kostenlos. Sie brauchen dafür \
keinen Rechtsbeistand. Ziel des Verfahrens ist es, Streitigkeiten über Barrierefreiheit zwischen \
Menschen mit Behinderungen und öffentlichen Stellen außergerichtlich beizulegen.

Schlichtungsstelle nach dem Behindertengleichstellungsgesetz\\
bei dem Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen\\
Mauerstraße 53, 10117 Berlin\\
Telefon: +49 30 18 527-2805\\
E-Mail: <info@schlichtungsstelle-bgg.de>\\
Internet: [www.schlichtungsstelle-bgg.de](https://www.schlichtungsstelle-bgg.de)
"""


def legal_pages() -> list[dict]:
    return [
        {"kind": "imprint", "slug": IMPRINT_SLUG, "title": "Impressum", "body": imprint()},
        {
            "kind": "privacy",
            "slug": PRIVACY_SLUG,
            "title": "Datenschutzerklärung",
            "body": privacy(),
        },
        {
            "kind": "accessibility",
            "slug": ACCESSIBILITY_SLUG,
            "title": "Erklärung zur Barrierefreiheit",
            "body": accessibility(),
        },
    ]


def seed(page_model) -> int:
    """Create the legal pages that are missing; never overwrite edited ones."""
    created = 0
    for values in legal_pages():
        _page, was_created = page_model.objects.get_or_create(
            kind=values["kind"],
            defaults={"slug": values["slug"], "title": values["title"], "body": values["body"]},
        )
        created += was_created
    return created
