import pathlib
HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent / 'handover'
import json, random, pathlib
POS_EN = """can I talk to someone real
get me an agent
this bot is useless, human please
I want to speak to a human
Is there a real person I can chat with?
connect me with customer service please
Can you transfer me to a live agent?
I need to talk to a person, not a machine
human
agent please
AGENT
representative
speak to representative
let me talk to your supervisor
Please escalate this to a human.
I'd like a member of your support team to look at this
could a real support person contact me?
can someone from your team call me back?
I don't want to talk to a bot. Give me a person.
you're not helping. real human now
pls connect me to support staff
is anybody there? a human I mean
Can I get an actual person on the line?
I've asked three times. Let me speak to someone who can actually help.
transfer to human
can you hand me over to a colleague of yours?
I want a human agent to review my refund
Please get a support agent to call me about my invoice
I need real support, not automated answers
Talk to a person
Operator!
get me someone from billing, a person please
Could you please forward my case to a human agent?
I would prefer to talk with a staff member
Is it possible to chat with one of your employees?
let me speak with somebody
are you a bot? if so, I want a human
need human help asap
stop. person please.
Escalate to a real agent.
can I speak with your customer success manager?
I'd rather explain this to a real person
please have someone from support email me
I want to open a ticket with a real agent
connect me to live chat with a human
Can I talk to a real person about my account being suspended?
i want to speak to someone in charge
give me a real agent or I'm cancelling
you keep repeating yourself. get me a human being
Hello? Can a human take over this conversation?
I'd like to be put through to an agent
can i talk to support? like actual people
get a person to look at this please, it's urgent
Please, a human. This is about a lost parcel and money.
I need a human to verify my identity for the 2FA reset
is there someone I can phone?
a real agent needs to fix this
Can you pass me to one of your people?
talk 2 human
humaaan pls
I'm done with the chatbot. Put me through to support.
real person pls, this is about a chargeback
Can I get someone on the phone today?
Could I speak to somebody from your billing department?
I need to escalate this complaint to a manager
hand this over to a human, thanks
Would it be possible to talk to an actual support rep?
Please connect me with whoever handles account recovery, a person not the bot
can a human check my wallet balance issue?
Let me talk to a real support agent about the void that was rejected""".strip().split("\n")
POS_DE = """Mitarbeiter bitte
ich möchte mit einem Menschen sprechen
Kann ich mit einem echten Mitarbeiter reden?
Bitte verbinden Sie mich mit dem Kundenservice.
Ich will keinen Bot, ich will einen Menschen!
Mensch bitte
Können Sie mich an einen Kollegen weiterleiten?
Gibt es jemanden, mit dem ich persönlich sprechen kann?
Ich hätte gern einen Ansprechpartner aus Fleisch und Blut.
Bitte an einen Support-Mitarbeiter übergeben.
Verbinde mich mit einem Agenten
Kann mich jemand vom Support zurückrufen?
Ich möchte das lieber mit einer echten Person klären.
Bitte eskalieren Sie das an einen Mitarbeiter.
Echter Mensch, bitte!
Der Bot hilft mir nicht weiter. Bitte einen Menschen.
Kann ich mit dem Vorgesetzten sprechen?
Ich brauche einen richtigen Support-Mitarbeiter.
Bitte einen Live-Chat mit einer Person.
Hallo? Ist da ein Mensch?
Ich möchte mit jemandem aus der Buchhaltung sprechen, bitte eine echte Person.
Könnte ein Mitarbeiter sich meinen Fall ansehen?
Weiterleiten an Mitarbeiter
ich will mit nem menschen reden
bitte jemanden vom support, keine automatische antwort
Kann ich einen Berater sprechen?
Ich bestehe darauf, mit einem Mitarbeiter zu sprechen.
Bitte übergeben Sie an einen menschlichen Agenten.
Können Sie mir einen Mitarbeiter schicken, der das prüft?
Ich möchte einen Rückruf von Ihrem Team.
Gibt es eine Telefonnummer, wo ich einen Menschen erreiche?
Schluss mit dem Bot – Mensch!
Bitte einen Mitarbeiter, es geht um eine Rückerstattung.
Ich will mit dem Support persönlich reden
Kundenbetreuer bitte
Holen Sie bitte einen Kollegen dazu.
Kann das jemand aus Ihrem Team übernehmen?
Ich möchte ein Ticket bei einem echten Mitarbeiter aufmachen.
Sind Sie ein Mensch? Falls nicht, bitte verbinden.
Verbindung zu einem Servicemitarbeiter, danke
menschlicher support??
Ich brauche dringend einen Menschen, mein Konto ist gesperrt.
Bitte stellen Sie mich zu einem Mitarbeiter durch.
Ich hätte gerne persönliche Beratung durch Ihr Team.
Darf ich mit jemandem sprechen, der sich auskennt? Also einem Mitarbeiter.
Ich will einen Agent sprechen
Kann mich ein Mensch anrufen?
Bitte nicht automatisch antworten, ich will einen Mitarbeiter.
Ist ein Support-Agent verfügbar?
Mit einem Mitarbeiter chatten bitte
Ich möchte bitte mit jemandem aus dem Team telefonieren.
Können Sie mich mit einer zuständigen Person verbinden?
Bot aus, Mensch an.
Ich will das mit einem Menschen besprechen, nicht mit einer KI.
Bitte leiten Sie mich an den Kundendienst weiter.
Gibt es einen persönlichen Ansprechpartner für mich? Bitte verbinden.
Ich möchte mich beschweren, bitte bei einem Vorgesetzten.
Hallo, bitte einen echten Support-Mitarbeiter für meine Rechnung.
Kann ein Kollege von Ihnen das übernehmen und mich kontaktieren?
Jetzt bitte einen Menschen, die Antworten helfen nicht.""".strip().split("\n")
NEG_EN = """how do I add my colleague as a team member?
can the recipient change the delivery address?
how do I transfer account ownership to someone else?
my team member can't log in, what should he do?
The recipient says the parcel never arrived, what do I check?
Can my business partner see the invoices too?
my colleague accidentally deleted a shipment, can it be restored?
How do I remove a person from our team?
Our account owner is on vacation, can an admin change the payment card?
can my assistant print labels for me?
A customer wants to return two items, how does she start?
What role should my warehouse staff get?
Does the shopper get an email when the parcel is delivered?
The buyer's phone number is missing, will she still get SMS?
my coworker says the label printed tiny, any idea?
can a viewer void labels?
How many people can use the account on Pro?
The customer wants to know when her parcel arrives, where does she look?
my developer needs the webhook signing secret, where is it?
Can an admin reset my 2FA?
Our accountant needs all invoices from 2025 in one go
My partner and I share one login, is that ok or should we each have a user?
the owner left, who can take over the account?
Can people on my team use their Google login?
my employee gets 403 on the API, why?
Who gets the email when the webhook endpoint is disabled?
The recipient paid import VAT, can I avoid that next time?
A shopper asked me to delete her data. How?
can my teammate resend an expired invitation?
the person who set up our Shopify connection left. will it keep working?
The receiver says the tracking link shows somebody else's parcel
My colleague wants his own API key
How do customers look up their parcel without the tracking number?
the driver didn't take my parcels because there was no manifest
my mom helps with packing, does she need a seat?
Can the customer choose the reason for the return herself?
A client asked whether we can ship DDP to Switzerland
Can my sales rep see postage costs?
someone on my team keeps getting locked out
Our support agent wants to see notification history for a shipment
The shopper replied STOP to the texts, can she get them again?
My colleague from accounting needs the billing contact changed
Our CTO wants SSO with Okta
I want my staff to stop seeing invoices
Does the recipient see my return address on the label?
Can the buyer pay the duties at the door?
How do I let my freelancer access only tracking data?
My business partner wants to change our plan to annual
my customer wants a refund for shipping, can Parcelly do it?
a user on my team was removed, do his sessions end?
how many viewers can I add on starter?
Our agency built the integration, which API key type should they use for testing?
Can my support person see the tracking page in German?
the recipient's street address is wrong on the label
Please ignore my last question, how do I add a team member instead?
My colleague printed the label on A4, is that fine?
How do I hand over the shop to the new owner next month?
Can a member top up the wallet?
will the recipient see the package weight on the tracking page?
Our human resources person needs access to export data
My colleague wants to talk to the recipient about a damaged parcel, where are her contact details?
Can my agent in the warehouse buy labels without seeing billing?
The real person who owns the account is my father, he wants to add me
Our customer service team wants to see every email sent to a shopper
How do I let a human review returns before they're approved?
My colleague keeps asking where the packing slips setting is
The recipient wants to speak to the carrier, which tracking number do I give her?
Can a person on the Viewer role download labels?
My support staff want to answer returns faster, any tips?
My manager asked me how long refunds take""".strip().split("\n")
NEG_DE = """Kann mein Kollege auch Etiketten drucken?
Wie füge ich meine Kollegin zum Team hinzu?
Kann der Empfänger die Lieferadresse ändern?
Mein Mitarbeiter kann sich nicht einloggen.
Wie übertrage ich das Konto an meinen Nachfolger?
Darf ein Admin die Zahlungsmethode ändern?
Meine Buchhalterin braucht alle Rechnungen, wo finde ich die?
Der Kunde sagt, das Paket ist nicht angekommen. Was kann ich prüfen?
Welche Rolle sollte unser Lagermitarbeiter bekommen?
Bekommt der Käufer eine E-Mail, wenn das Paket zugestellt wurde?
Meine Mitarbeiterin hat ihr Handy mit der Authenticator-App verloren.
Wie entferne ich einen ehemaligen Mitarbeiter aus dem Konto?
Kann eine Kundin ihre Retoure selbst anmelden?
Mein Kollege möchte einen eigenen API-Schlüssel.
Der Empfänger musste Zoll zahlen, wie vermeide ich das?
Kann mein Geschäftspartner die Rechnungen sehen?
Die Einladung an meinen Kollegen ist abgelaufen.
Zählt ein Viewer als Benutzer?
Unser Inhaber hat die Firma verlassen, wie bekommen wir das Konto?
Kann der Kunde seine Sendung ohne Trackingnummer finden?
Mein Entwickler braucht Zugriff auf die Webhooks.
Eine Kundin möchte, dass wir ihre Daten löschen.
Sieht der Empfänger seine Adresse auf der Tracking-Seite?
Meine Aushilfe soll nur Bestellungen ansehen können.
Kann ein Mitglied das Porto-Guthaben aufladen?
Mein Kollege bekommt beim Drucken nur winzige Etiketten.
Wie viele Leute können im Pro-Tarif mitarbeiten?
Die Käuferin hat auf STOP geantwortet und will wieder SMS bekommen.
Unser Steuerberater will die Rechnungen per E-Mail bekommen.
Kann der Kunde den Rücksendegrund selbst auswählen?
Meine Kollegin hat versehentlich ein Etikett gekauft, kann man das stornieren?
Unser IT-Leiter möchte SSO einrichten.
Kann mein Partner im gleichen Konto arbeiten?
Der Paketfahrer wollte die Pakete ohne Tagesabschluss nicht mitnehmen.
Mein Mitarbeiter sieht keine Rechnungen, ist das normal?
Wie setzt ein Admin die Zwei-Faktor-Authentifizierung für jemanden zurück?
Der Empfänger hat eine falsche Hausnummer angegeben.
Kann eine Kundin die Zustellung an eine Packstation umleiten lassen?
Unsere Agentur soll die Schnittstelle testen, welchen Schlüssel nehmen sie?
Bitte ignoriere meine letzte Frage – wie lade ich einen Kollegen ein?
Muss meine Frau, die beim Packen hilft, einen eigenen Zugang haben?
Der Kunde möchte das Paket selbst abholen, geht das?
Meine Kollegin hat das Passwort vergessen.
Bekommt der neue Inhaber automatisch die Rechnungs-E-Mails?
Kann der Kunde die Zollgebühren im Voraus bezahlen?
Wer wird benachrichtigt, wenn das Guthaben niedrig ist?
Mein Kollege in Wien möchte die Tracking-Seite auf Deutsch sehen.
Der Käufer sagt, er hat zwei Versandmails bekommen.
Mein Mitarbeiter wurde ausgesperrt nach zu vielen Versuchen.
Kann ein Viewer Retouren bearbeiten?
Mein Mitarbeiter möchte wissen, wie lange Etiketten gespeichert werden.
Kann der Empfänger den Liefertermin verschieben?
Meine Chefin fragt, wo die Rechnungen liegen.
Wie kann ein Mensch in unserem Team Retouren manuell freigeben?
Unser Kundenservice will sehen, welche Mails ein Käufer bekommen hat.
Mein Kollege möchte Sendungen als CSV exportieren – darf er das als Member?
Die Kundin fragt, ob sie eine Umtauschware bekommen kann.
Mein Vater ist Inhaber des Kontos und will mich hinzufügen.
Unsere Packerin soll Etiketten drucken, aber keine Rechnungen sehen.
Der Empfänger möchte mit dem Paketdienst sprechen – welche Nummer gebe ich ihm?""".strip().split("\n")
rng = random.Random(4242)
out = OUT
rows = [(t, 1, 'en') for t in POS_EN] + [(t, 1, 'de') for t in POS_DE] + [(t, 0, 'en') for t in NEG_EN] + [(t, 0, 'de') for t in NEG_DE]
assert len({r[0].lower() for r in rows}) == len(rows)
groups = {}
for r in rows: groups.setdefault((r[1], r[2]), []).append(r)
tun, tst = [], []
for k in sorted(groups):
    g = groups[k][:]; rng.shuffle(g); h = len(g) // 2
    tun += g[:h]; tst += g[h:]
for name, part in (('tuning', tun), ('test', tst)):
    rng.shuffle(part)
    with open(out / f'{name}.jsonl', 'w', encoding='utf-8', newline='\n') as f:
        for t, l, lang in part: f.write(json.dumps({"text": t, "label": l, "lang": lang}, ensure_ascii=False) + "\n")
    print(name, len(part), sum(r[1] for r in part))
