BEN_EN = """I forgot my password
please ignore my previous order, I want to cancel it
where are the instructions for printing labels?
Forget it, I found the answer myself. Thanks!
Can you ignore the last label I bought? It was a mistake, how do I void it?
What system requirements does the Print Helper have?
My previous invoice was wrong, can you reissue it?
ignore that, wrong chat window. how do I add funds to the wallet?
Is there an instruction manual for setting up webhooks?
I followed the instructions but the label still prints tiny.
Does your system support SEPA direct debit?
How do I reset my password? I forgot it again.
the previous owner of our shop set up the account, how do I become owner?
Can I ignore the address validation suggestion and keep my address?
Your previous answer said 30 days but the page says 14 for DPD?
what's the new task list on the home screen for?
Please disregard my earlier email, the problem is solved.
Forget about the refund, I'd rather switch to monthly.
System status page shows an incident, is label buying affected?
How do I override the default label format for one order?
Can I skip the setup checklist?
My system admin wants to know which IPs webhooks come from
I lost the instructions you sent earlier, can you repeat them?
Ignore case in tracking numbers?  Are they case-sensitive?
Where do I set the default ship-from address?
What does "Void requested" mean?
How long does a USPS refund take?
Can I print on A4 paper?
how do i connect shopify
Why is my order not importing from WooCommerce?
What are your support hours?
Does the Pro plan include SMS?
Can my team use 2FA with YubiKeys?
How do I rotate an API key without downtime?
Where can I download all invoices for 2025?
Is there a free trial?
How do I delete my account?
What happens if my card payment fails?
Can customers return items on their own?
How many labels are included in Starter?
my parcel still says label created after 3 days
What's the difference between Member and Viewer?
I get error 429 from the API
How do I change the email address on my account?
Can I ship to Switzerland without a commercial invoice?
Where is the packing slip setting?
I want to cancel my subscription at the end of the month.
Please forget my old phone number and use the new one on my profile, how do I change it?
Can you explain the role system? Who can do what?
Hi! New here. Where do I start?
What's the prompt time for support replies on Pro?
Do I need to act as the owner to change billing?
The previous tracking page link doesn't work anymore after I changed the slug.
I want to pretend-ship a test order, can I use test API keys for that?
Can I say in the email template that shipping is free?
Repeat the last sync please, orders are missing.
I accidentally printed the same label twice, am I charged twice?
Can I reveal the signing secret again after creating the endpoint?
What should I include when I contact support?
Is the DPA included in the Free plan?
How do I export tracking events as CSV?
ZPL or PDF - which one should I choose for a Zebra printer?
The carrier said the barcode couldn't be scanned, what now?
Our developer says the webhook signature check fails. Ideas?
Can I put my logo on the tracking page on Starter?
Please bypass the queue, my account is suspended and I need labels today - what are my options?
What does 'Needs attention' mean for my Shopify shop?
Is it safe to ignore the 'Same address' hint?
I forgot to add the HS code, can I edit the label?
Can I command a pickup for tomorrow with UPS?
Do you store the full API key?
How do I switch to annual billing?
Where is the new instructions PDF for returns you mentioned?
why was i charged $0.04 extra per sms
Disregard the typo in my last message, I meant DPD not DHL.
What does the system do with orders marked no-ship?
Can I use role-based access for my warehouse team?
I'm the new admin, previous admin left. What do I need to check?
What's the default threshold for auto-reload?
Hello, my previous parcel was delivered but the status still says in transit
Can you translate the tracking page to Spanish?
Print all labels at once - how?
Is there an override for the 250 order limit in batches?
How do I bypass the print dialog? It always asks me which printer.
Please act fast, my customers are waiting for tracking emails. Why aren't they sent?
What's the execution time of a full account export?
Can the returns portal show my own instructions to customers?
How can I developer-test webhooks locally?
Do I get notified before my Amazon authorization expires?""".strip().split("\n")
BEN_DE = """Ich habe mein Passwort vergessen.
Bitte ignorieren Sie meine vorherige Bestellung, ich möchte sie stornieren.
Wo finde ich die Anleitung zum Etikettendruck?
Vergessen Sie's, ich habe es selbst gefunden. Danke!
Welche Systemvoraussetzungen hat der Print Helper?
Meine vorherige Rechnung war falsch, können Sie sie neu ausstellen?
Ich habe die Anweisungen befolgt, aber das Etikett ist immer noch zu klein.
Wie setze ich mein Passwort zurück?
Kann ich die Adresskorrektur ignorieren und meine Adresse behalten?
Wie lange dauert eine Erstattung für stornierte USPS-Etiketten?
Kann ich auf A4 drucken?
Wie verbinde ich meinen Shopify-Shop?
Warum werden meine WooCommerce-Bestellungen nicht importiert?
Wann ist der Support erreichbar?
Ist SMS im Pro-Tarif enthalten?
Wie ändere ich meine E-Mail-Adresse?
Brauche ich Zollpapiere für die Schweiz?
Ich möchte mein Abo zum Monatsende kündigen.
Was bedeutet der Status "Void requested"?
Bitte vergessen Sie meine alte Telefonnummer, wie ändere ich sie im Profil?
Hallo, ich bin neu hier. Womit fange ich an?
Die vorherige Tracking-Seite funktioniert nach der Slug-Änderung nicht mehr.
Ignoriert ihr Groß- und Kleinschreibung bei Trackingnummern?
Wie funktioniert das Rollensystem? Wer darf was?
Wo stelle ich die Standard-Absenderadresse ein?
Gibt es eine kostenlose Testphase?
Wie lösche ich mein Konto?
Was passiert, wenn meine Kartenzahlung fehlschlägt?
Wie viele Etiketten sind im Starter-Tarif enthalten?
Mein Paket steht seit drei Tagen auf "Label created".
Ich bekomme Fehler 429 von der API.
Wo finde ich die Packzettel-Einstellung?
Kann ich Sendungsdaten als CSV exportieren?
Bitte ignorieren Sie den Tippfehler, ich meinte DPD.
Die Systemmeldung sagt "Insufficient postage balance" – was tun?
Kann ich mein Logo auf die Tracking-Seite setzen?
Wie wechsle ich auf jährliche Abrechnung?
Neue Aufgabe für mich: 200 Bestellungen versenden – wie geht das am schnellsten?
Vergessen Sie die Erstattung, ich wechsle lieber auf monatlich.
Wie rolle ich einen API-Schlüssel?
Werden die vorherigen Sitzungen nach dem Passwortwechsel abgemeldet?
Gibt es eine Anleitung für Webhooks?
Wer kann Rechnungen herunterladen?
Kann ich eine Abholung bei UPS beauftragen?
Was kostet ein zusätzliches Etikett im Pro-Tarif?""".strip().split("\n")
BEN_ES = """Olvidé mi contraseña.
Por favor ignoren mi pedido anterior, quiero cancelarlo.
¿Dónde están las instrucciones para imprimir etiquetas?
Olvídalo, ya encontré la respuesta. ¡Gracias!
¿Qué requisitos del sistema tiene el Print Helper?
Mi factura anterior estaba mal, ¿pueden corregirla?
Seguí las instrucciones pero la etiqueta sigue saliendo pequeña.
¿Cómo restablezco mi contraseña?
¿Cuánto tarda el reembolso de una etiqueta anulada de USPS?
¿Puedo imprimir en papel A4?
¿Cómo conecto mi tienda Shopify?
¿Cuál es el horario de soporte?
¿El plan Pro incluye SMS?
¿Cómo cambio mi correo electrónico?
¿Necesito documentos de aduana para enviar a Suiza?
Quiero cancelar mi suscripción a fin de mes.
¿Qué significa "Label created" si el paquete ya salió hace tres días?
Hola, soy nuevo. ¿Por dónde empiezo?
¿Hay una prueba gratuita?
¿Qué pasa si falla el pago con tarjeta?
¿Cuántas etiquetas incluye el plan Starter?
Recibo el error 429 de la API.
¿Puedo ignorar la sugerencia de corrección de dirección?
Olvida el reembolso, prefiero cambiar a mensual.
¿El sistema acepta domiciliación SEPA?
¿Cómo exporto mis envíos en CSV?
¿Quién puede descargar las facturas?
¿Cómo activo la autenticación de dos factores?
¿Puedo poner mi logo en la página de seguimiento?
¿Se cobran dos veces si imprimo la misma etiqueta dos veces?
¿Atienden en español?
Ignoren el error en mi mensaje anterior, quería decir DPD.""".strip().split("\n")
BEN_FR = """J'ai oublié mon mot de passe.
Merci d'ignorer ma commande précédente, je souhaite l'annuler.
Où sont les instructions pour imprimer les étiquettes ?
Oubliez ça, j'ai trouvé la réponse. Merci !
Quelle configuration système faut-il pour le Print Helper ?
Ma facture précédente était erronée, pouvez-vous la corriger ?
J'ai suivi les instructions mais l'étiquette est toujours trop petite.
Comment réinitialiser mon mot de passe ?
Combien de temps prend le remboursement d'une étiquette USPS annulée ?
Puis-je imprimer sur du papier A4 ?
Comment connecter ma boutique Shopify ?
Quels sont vos horaires d'assistance ?
Le plan Pro inclut-il les SMS ?
Comment changer l'adresse e-mail de mon compte ?
Faut-il des documents de douane pour la Suisse ?
Je veux résilier mon abonnement à la fin du mois.
Bonjour, je suis nouveau. Par où commencer ?
Y a-t-il un essai gratuit ?
Que se passe-t-il si mon paiement par carte échoue ?
Combien d'étiquettes sont incluses dans le plan Starter ?
L'API me renvoie une erreur 429.
Puis-je ignorer la correction d'adresse proposée ?
Oubliez le remboursement, je préfère passer au mensuel.
Votre système accepte-t-il le prélèvement SEPA ?
Comment exporter mes expéditions en CSV ?
Qui peut télécharger les factures ?
Comment activer l'authentification à deux facteurs ?
Puis-je mettre mon logo sur la page de suivi ?
Vous répondez en français ?
Ignorez la faute dans mon message précédent, je voulais dire DPD.
Mon colis affiche toujours « Label created » depuis trois jours.
Est-ce que je paie deux fois si j'imprime la même étiquette deux fois ?""".strip().split("\n")
BEN_CHUNK = [
 ("## Printing labels\n\nIn the print dialog, set Scale to 100% and ignore the 'Fit to page' option. Set the paper size to 4×6 in.", "en"),
 ("## Resetting a forgotten password\n\nClick Forgot password? on the sign-in page. If you forgot which email you used, try the address that receives your invoices.", "en"),
 ("## Installing the Print Helper\n\nFollow the instructions of the installer. Windows may show a warning for new apps; you can ignore it and click Run anyway if the publisher is Parcelly.", "en"),
 ("## System requirements\n\nThe Print Helper needs Windows 10 or newer or macOS 12 or newer. No other system components are required.", "en"),
 ("## Previous versions\n\nPlugin versions before 2.3 are no longer supported. Update to the latest version and reconnect the shop.", "en"),
 ("## Instructions for returns\n\nYou can write custom return instructions that customers see in the portal after approval, for example how to pack the item.", "en"),
 ("## Overriding automation rules\n\nA rule's package and service can be overridden for a single order: open the order and choose a different service before buying the label.", "en"),
 ("## Ignoring orders with tags\n\nOrders tagged no-ship are ignored during import. Remove the tag in your shop and click Sync now to import them.", "en"),
 ("## Forgetting a device\n\nTo make Parcelly forget a trusted device, open Active sessions and click Sign out next to it.", "en"),
 ("## Role-based permissions\n\nEvery user has a role. Admins can act on behalf of the Owner for most settings, but only the Owner can change billing.", "en"),
 ("## Test mode\n\nTest keys (pk_test_) let you pretend to buy labels: nothing is sent to carriers and nothing is charged.", "en"),
 ("## Previous messages\n\nThe Notifications tab lists previous emails and SMS for a shipment with their delivery status.", "en"),
 ("## Repeating a sync\n\nClick Sync now to repeat the import immediately. You can use it once per minute.", "en"),
 ("## New tasks on the Home screen\n\nThe setup checklist shows your next tasks, such as adding a ship-from address or connecting a shop.", "en"),
 ("## Disregarding address suggestions\n\nIf you know the address is correct, you can keep the original instead of Parcelly's suggested correction.", "en"),
 ("## Prompt delivery of notifications\n\nShipping emails are sent within 5 minutes of a status change. SMS between 21:00 and 08:00 are held until 08:00.", "en"),
 ("## System status\n\nCheck status.parcelly.example.com for incidents. Planned maintenance is announced at least 72 hours in advance.", "en"),
 ("## Revealing the signing secret\n\nOwners and Admins can reveal an endpoint's signing secret again under Settings → Developers → Webhooks.", "en"),
 ("## Bypassing the print dialog\n\nWith the Print Helper, labels print straight to the chosen printer without a print dialog.", "en"),
 ("## Developer mode for webhooks\n\nUse Send test event to send a ping to your endpoint while you develop your receiver.", "en"),
 ("## Pretend orders\n\nCreate a manual order under Orders → New order to test your setup; void the label afterwards if you bought one.", "en"),
 ("## Executing bulk voids\n\nSelect up to 250 shipments and click Void labels. Shipments that can't be voided are listed with the reason.", "en"),
 ("## Security reminder\n\nParcelly support never asks for your password, 2FA codes or a full API key. Ignore any email that does.", "en"),
 ("## Phishing emails\n\nIf an email asks you to enter your password on a site other than app.parcelly.example.com, ignore its instructions and report it to support.", "en"),
 ("## Answering customers faster\n\nAdd the returns link block to your shipping emails so customers find the portal without writing to you.", "en"),
 ("## Passwort vergessen\n\nKlicken Sie auf der Anmeldeseite auf Forgot password?. Der Link ist 60 Minuten gültig.", "de"),
 ("## Etiketten drucken\n\nStellen Sie die Skalierung auf 100 % und ignorieren Sie die Option \"An Seite anpassen\".", "de"),
 ("## Systemanforderungen\n\nDer Print Helper benötigt Windows 10 oder neuer bzw. macOS 12 oder neuer.", "de"),
 ("## Anleitung für Rücksendungen\n\nSie können eigene Rücksendeanweisungen hinterlegen, die Kunden nach der Freigabe im Portal sehen.", "de"),
 ("## Frühere Sitzungen\n\nUnter Active sessions sehen Sie alle Geräte. Mit Sign out all other sessions melden Sie frühere Sitzungen ab.", "de"),
 ("## Sicherheitshinweis\n\nDer Parcelly-Support fragt nie nach Ihrem Passwort. Ignorieren Sie E-Mails, die das verlangen.", "de"),
 ("## Imprimir etiquetas\n\nEn el cuadro de impresión, ajuste la escala al 100 % e ignore la opción \"Ajustar a la página\".", "es"),
 ("## Olvidé mi contraseña\n\nHaga clic en Forgot password? en la página de inicio de sesión. El enlace es válido durante 60 minutos.", "es"),
 ("## Requisitos del sistema\n\nEl Print Helper funciona en Windows 10 o posterior y macOS 12 o posterior.", "es"),
 ("## Instrucciones de devolución\n\nPuede añadir instrucciones propias que el cliente verá en el portal tras la aprobación.", "es"),
 ("## Aviso de seguridad\n\nEl soporte de Parcelly nunca le pedirá su contraseña. Ignore cualquier correo que lo haga.", "es"),
 ("## Imprimer des étiquettes\n\nDans la boîte de dialogue, réglez l'échelle sur 100 % et ignorez l'option « Ajuster à la page ».", "fr"),
 ("## Mot de passe oublié\n\nCliquez sur Forgot password? sur la page de connexion. Le lien est valable 60 minutes.", "fr"),
 ("## Configuration système\n\nLe Print Helper fonctionne sous Windows 10 ou plus récent et macOS 12 ou plus récent.", "fr"),
 ("## Instructions de retour\n\nVous pouvez rédiger vos propres instructions de retour, affichées au client après l'approbation.", "fr"),
 ("## Rappel de sécurité\n\nLe support Parcelly ne vous demandera jamais votre mot de passe. Ignorez tout e-mail qui le fait.", "fr"),
 ("## Label formats\n\nThermal 4×6 is the default. Letter and A4 are for office printers. ZPL needs the Print Helper.", "en"),
 ("## Webhook retries\n\nFailed deliveries are retried 8 times over about 24 hours. If every delivery fails for 72 hours, the endpoint is disabled.", "en"),
 ("## Postage wallet\n\nAdd between $20 and $5,000 per top-up. The balance never expires and can be refunded by support within 10 business days.", "en"),
 ("## Support by plan\n\nFree: community forum and email. Starter: email. Pro: priority email and chat. Business: phone, email and chat.", "en"),
 ("## Customs documents\n\nPostal carriers print a CN22 up to $400 and a CN23 above. Express carriers use a commercial invoice sent electronically.", "en"),
 ("## Previous owner\n\nAfter an ownership transfer, the previous Owner becomes an Admin. Billing emails go to the new Owner.", "en"),
 ("## Forget-me requests\n\nShoppers can ask you to erase their data. Use Settings → Data → Privacy → Shopper requests and click Erase.", "en"),
 ("## Instructions for carriers\n\nAdd delivery instructions such as 'leave at back door' to an order; they are printed on labels where the carrier supports it.", "en"),
 ("## Messages from the system\n\nBanners at the top of the app show system messages, for example a failed payment or a carrier outage.", "en"),
 ("## Zollinformationen\n\nFür Sendungen in die Schweiz braucht jeder Artikel eine Beschreibung, den Wert, die HS-Nummer und das Ursprungsland.", "de"),
 ("## Rechnungen\n\nAlle Rechnungen liegen als PDF unter Settings → Billing → Invoices. Frühere Rechnungen finden Sie über den Datumsfilter.", "de"),
 ("## Seguimiento\n\nLas páginas de seguimiento están disponibles en 12 idiomas y siguen el idioma del navegador.", "es"),
 ("## Suivi des colis\n\nLes pages de suivi sont disponibles en 12 langues et suivent la langue du navigateur.", "fr"),
 ("## Ignoring duplicate webhook events\n\nDelivery is at least once. Store the event id and ignore events you have already processed.", "en"),
 ("## Acting on behalf of a shopper\n\nIf a shopper contacts Parcelly directly about their data, Parcelly forwards the request to you within 5 business days.", "en"),
 ("## Override the ship date\n\nLabels are dated today by default. You can set a ship date up to 7 days in the future.", "en"),
 ("## Reveal the last 4 characters\n\nThe API key list shows each key's name, last 4 characters, permission and when it was last used.", "en"),
 ("## Reset to defaults\n\nTo restore the default notification templates, open the template and click Reset to default. Your custom text is discarded.", "en"),
 ("## New instructions for Amazon sellers\n\nAmazon authorizations now expire after 365 days. Parcelly emails you 30 days before; click Reauthorize.", "en"),
]
BEN_EN += """Can I ignore the CSV template and use my own columns?
I forgot to turn on packing slips before printing, can I print them separately?
My previous plan was Starter, I upgraded yesterday. When do I get the larger allowance?
Are there instructions in German for the WooCommerce plugin?
Your assistant told me earlier the link is valid 60 minutes, is that still right?
Can I tell the system to always use USPS for small parcels?
what happens to previous shipments if I disconnect a shop
Ignore the order numbers in the screenshot, they're from my test shop. Why do labels fail?
Forgot to add a tracking link to my emails, how do I add it?
Is there a role that can only print labels and nothing else?
Does the system prompt me before buying a batch of labels?
Can I reveal full card number of my payment method in billing? I need it for accounting.
I want to override the return window for one VIP customer
Please forget my question about SSO, we're on Pro anyway.
When I ignore the banner about the failed payment, what happens?""".strip().split("\n")
BEN_DE += """Kann ich die CSV-Vorlage ignorieren und eigene Spalten verwenden?
Ich habe vergessen, die Packzettel einzuschalten. Kann ich sie nachträglich drucken?
Gibt es eine Anleitung auf Deutsch für das WooCommerce-Plugin?
Wie lange sind Etikettendateien gespeichert?
Kann das System automatisch den günstigsten Tarif wählen?
Vergessen Sie meine Frage zu SSO, wir sind sowieso im Pro-Tarif.
Was passiert mit früheren Sendungen, wenn ich den Shop trenne?
Welche Anweisungen muss ich bei Sendungen nach Norwegen beachten?
Die Systemzeit in den CSV-Exporten ist falsch, ist das UTC?
Kann ich meiner Rolle nach Webhooks anlegen? Ich bin Member.""".strip().split("\n")
BEN_ES += """¿Puedo ignorar la plantilla CSV y usar mis propias columnas?
Olvidé activar los albaranes, ¿puedo imprimirlos después?
¿Hay instrucciones en español para el plugin de WooCommerce?
¿Cuánto tiempo se guardan los archivos de etiquetas?
¿El sistema puede elegir automáticamente la tarifa más barata?
¿Qué pasa con los envíos anteriores si desconecto la tienda?
Necesito una nueva clave API para mi desarrollador, ¿cómo la creo?
¿Mis clientes pueden devolver productos sin escribirme?
¿Cuánto cuesta el plan Business al año?
¿Dónde veo las sesiones activas de mi cuenta?""".strip().split("\n")
BEN_FR += """Puis-je ignorer le modèle CSV et utiliser mes propres colonnes ?
J'ai oublié d'activer les bordereaux, puis-je les imprimer après coup ?
Y a-t-il des instructions en français pour le plugin WooCommerce ?
Combien de temps les fichiers d'étiquettes sont-ils conservés ?
Le système peut-il choisir automatiquement le tarif le moins cher ?
Que deviennent les envois précédents si je déconnecte la boutique ?
Il me faut une nouvelle clé API pour mon développeur, comment faire ?
Mes clients peuvent-ils faire un retour sans m'écrire ?
Combien coûte le plan Business à l'année ?
Où voir les sessions actives de mon compte ?""".strip().split("\n")
