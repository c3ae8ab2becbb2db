# Handover pool 2 (issue 14, branch `unans`): fresh phrasings, written without looking at the classifier's errors.
# POS: the customer asks for a person of the support desk (terse, polite, angry, typos, indirect).
# NEG: the message mentions a person (a colleague, the recipient, a driver, "someone else", a human reviewer of the
# customer's own) or support as a topic, but does not ask to be handed over.
POS_EN = """May I please speak with one of your support people?
i need a human being to sort this out
Could somebody from Parcelly support get in touch with me?
can you get a real agent on this chat
Give me your support team, this is going nowhere.
Please pass this conversation to a live person.
I'd appreciate it if a member of staff could take over.
real person pls, not the assistant
Can I have a callback from an agent today?
hook me up with customer support
No more bot answers, I want an actual support agent.
Put me in touch with a human at Parcelly.
I insist on speaking to a supervisor.
Is a live agent available right now?
Connect me to a human, my labels are all failing.
I'd like to escalate this to your support staff.
could i chat with a person instead
Can you forward me to someone who works there?
want human
human agent!!
Send me to a real support rep please
Please ask a support agent to phone me back.
Can a person from your team email me about this?
I need one of your people to look at my account.
are there any humans working support today? put me through
Let me talk to a specialist about customs.
Transfer me to an expert on your side, please.
Please have an employee of yours check my refund.
talk to an agent now
can u get me a person
I want to reach a Parcelly employee directly.
The answers don't help, I'd like to speak to someone at support.
A human please, I've been waiting for hours.
Please hand this chat over to your team.
Could I be connected with a support advisor?
I'd rather deal with a real support person about the billing error.
get a human on the line
I need customer service, a person, not FAQs.
Could one of your agents take a look and reply?
Is there any way to talk to a live support rep?""".strip().split("\n")
POS_DE = """Ich möchte bitte mit einer echten Person sprechen.
Können Sie mich mit einem Mitarbeiter verbinden?
Bitte einen Menschen, kein Bot.
Könnte mich heute noch jemand vom Support anrufen?
Ich hätte gern einen persönlichen Ansprechpartner.
Verbinden Sie mich bitte mit dem Kundenservice.
Gibt es jemanden, mit dem ich direkt sprechen kann?
Ich will mit einem Menschen reden!
Bitte leiten Sie mein Anliegen an einen Mitarbeiter weiter.
Könnte ein Supportmitarbeiter sich das ansehen?
Einen Menschen, bitte.
Mitarbeiterin bitte, das ist dringend.
Ich brauche einen echten Berater, der Bot hilft nicht.
Kann ich mit Ihrem Support telefonieren?
Stellen Sie mich bitte zu einem Kundenberater durch.
Ich möchte das mit einer Person aus Ihrem Team klären.
Bitte um Rückruf durch einen Mitarbeiter.
Holen Sie mir bitte einen Menschen dazu.
Kann ich einen Agenten sprechen?
Ich bestehe darauf, mit einem Vorgesetzten zu sprechen.
Kann jemand von Parcelly mich per E-Mail kontaktieren?
Ich möchte den Chat an einen Menschen übergeben.
Bitte einen echten Mitarbeiter, keine Standardantworten mehr.
Habt ihr jemanden, der sich das persönlich anschaut?
mit mensch sprechen
Ich will mit dem Kundendienst reden, nicht mit einer KI.
Kann mich ein Berater von euch anrufen?
Bitte verbinden Sie mich mit einer echten Ansprechpartnerin.
Ich brauche Hilfe von einem Menschen, sofort.
Könnten Sie mich an Ihre Supportabteilung weiterleiten? Mit einem Menschen bitte.""".strip().split("\n")
NEG_EN = """My colleague asks where packing slips are switched on.
The recipient asked if she can change the delivery address.
How do I give my warehouse person access to print labels only?
Our driver says the parcels need an end of day form.
Can my accountant get the invoices by email?
A customer wants to talk to the carrier about a damaged box, what should I tell them?
How does a person on my team reset their own password?
The shopper says nobody was home, what happens to the parcel?
How can someone else in my company connect our Etsy shop?
Can my business partner see the postage wallet balance?
My assistant keeps getting logged out after a few days.
Do I need a human to approve every return, or can it be automatic?
The buyer wants a refund, do I issue it in Shopify?
How do I let my colleague buy labels without seeing invoices?
Can the new manager be made owner of the account?
Our developer needs a test API key, where does she create it?
Can an employee of mine void labels?
How do I remove a former employee from the account?
My boss asks whether we can pay by bank transfer.
The customer didn't get the tracking email.
Who can top up the wallet, only the owner?
How many people can work in the account on Starter?
Can a viewer see shipments?
My coworker lost her 2FA phone. How do we reset it?
Does support ever ask for my password?
What do I include when I contact support about a webhook?
How long does support take to answer on Pro?
Is support open on weekends?
What is the support email address?
Can the recipient pay the customs duties in advance?
My customer wants the tracking page in Spanish.
The courier refused the parcel without a manifest.
Our intern printed 40 labels at 50% size.
Someone on my team deleted a shop connection by mistake, can we reconnect it?
Can another person on the account see my API keys?
A shopper unsubscribed, how does she get emails again?
How do we transfer the account to a new owner after the founder left?
Can my wife and I both use one account?
My colleague wants the webhook secret again.
What can an admin do that a member can't?
The person who made our API keys left, do the keys still work?
Our agency wants to build a custom integration, which plan do they need?
Do customers see my phone number on the tracking page?
How do I invite people to my team?
My team lead wants to export all shipments from last year.""".strip().split("\n")
NEG_DE = """Meine Kollegin möchte wissen, wie man Packzettel druckt.
Die Empfängerin fragt, ob sie die Lieferadresse ändern kann.
Wie gebe ich unserem Lagermitarbeiter Zugriff nur zum Etiketten drucken?
Unser Fahrer sagt, die Pakete brauchen einen Tagesabschluss.
Kann unsere Buchhaltung die Rechnungen per E-Mail bekommen?
Der Kunde will mit dem Paketdienst wegen eines beschädigten Kartons sprechen.
Wie setzt jemand aus meinem Team sein eigenes Passwort zurück?
Die Käuferin war nicht zu Hause, was passiert mit dem Paket?
Wie kann ein anderer Mitarbeiter unseren Etsy-Shop verbinden?
Darf mein Geschäftspartner das Portoguthaben sehen?
Braucht jede Retoure die Freigabe durch einen Menschen?
Der Käufer möchte sein Geld zurück, mache ich das in Shopify?
Kann der neue Geschäftsführer Inhaber des Kontos werden?
Unsere Entwicklerin braucht einen Test-API-Schlüssel.
Darf meine Aushilfe Etiketten stornieren?
Wie nehme ich einer ausgeschiedenen Mitarbeiterin den Zugang weg?
Mein Chef fragt, ob wir per Überweisung zahlen können.
Der Kunde hat keine Versandmail bekommen.
Wer darf das Guthaben aufladen, nur der Inhaber?
Wie viele Personen können im Starter-Tarif arbeiten?
Mein Kollege hat sein 2FA-Handy verloren, wie setzen wir das zurück?
Fragt der Support jemals nach meinem Passwort?
Was muss ich angeben, wenn ich den Support wegen eines Webhooks kontaktiere?
Wie schnell antwortet der Support im Pro-Tarif?
Ist der Support am Wochenende erreichbar?
Kann der Empfänger die Zollgebühren vorab bezahlen?
Meine Kundin möchte die Tracking-Seite auf Französisch.
Jemand aus unserem Team hat die Shop-Verbindung gelöscht, können wir sie wiederherstellen?
Kann eine andere Person im Konto meine API-Schlüssel sehen?
Wie übertragen wir das Konto an einen neuen Inhaber, wenn die Gründerin weg ist?
Was darf ein Admin, was ein Member nicht darf?
Die Person, die unsere API-Schlüssel erstellt hat, ist weg – funktionieren sie noch?
Sehen Kunden meine Telefonnummer auf der Tracking-Seite?
Wie lade ich Leute in mein Team ein?
Unsere Teamleiterin will alle Sendungen vom letzten Jahr exportieren.""".strip().split("\n")
