#!/usr/bin/env python3
"""Writes datasets/demo/multiturn-followups-beir: a second, independently written set of multi-turn dialogues.

Customer-service conversations about the demo help center: the customer describes a problem in their own words,
the agent (S) names the feature, and the last customer turn is a follow-up that needs the conversation ("how long
does that take for UPS?", "and on Pro?"). Each dialogue is judged against the sections of the corpus that
multiturn-beir/build_corpus.py lays out (one document per '## ' section). Split: a seeded hash of the id, so no
dialogue is placed by hand. stdlib only, deterministic.
"""
import hashlib
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent / "multiturn-followups-beir"
SEED = "multiturn-followups-2026"

# (customer, agent, follow-up, relevant sections)
D = [
    ("I bought a label with the wrong service by mistake",
     "No problem, you can void the label as long as the carrier hasn't scanned it.",
     "how long does that take for UPS?",
     ["voiding-labels#when-can-a-label-be-voided", "postage-wallet#refunds-of-voided-labels",
      "refunds-and-cancellations#refunds-for-shipping-labels"]),
    ("how much is Pro?", "The Pro plan is $49 per month on monthly billing.", "and on the annual plan?",
     ["plans-and-pricing#prices"]),
    ("a shopper complained a text woke them up at 7am",
     "SMS notifications on Pro and Business respect quiet hours in the shopper's local time.",
     "what are the hours exactly?", ["shopper-notifications#sms-notifications-pro-and-business"]),
    ("I'd like to text customers when the parcel is close",
     "SMS notifications are available on Pro and Business, for Out for delivery, Delivered and Delivery exception.",
     "how many are included on Business?",
     ["shopper-notifications#sms-notifications-pro-and-business", "plans-and-pricing#what-each-plan-includes"]),
    ("our devs need real-time updates when parcels are delivered",
     "Webhooks send a POST to your endpoint for events such as tracking.delivered.",
     "how many endpoints can we have on Pro?",
     ["webhooks#introduction", "plans-and-pricing#what-each-plan-includes"]),
    ("our endpoint was down for a few hours last night",
     "Parcelly retries failed webhook deliveries with increasing delays.", "when is the last attempt?",
     ["webhooks#delivery-and-the-retry-policy"]),
    ("a customer emailed you directly asking for their data to be deleted",
     "Parcelly forwards shopper requests like that to you; you handle them under Settings → Data → Privacy → "
     "Shopper requests.", "how quickly do you pass it on?", ["privacy-and-gdpr#handling-shopper-requests"]),
    ("my accountant needs our invoices every month",
     "Invoices are under Settings → Billing → Invoices, and Download all gives you a ZIP per year.",
     "can she just get them by email?", ["billing-and-invoices#invoices"]),
    ("one of our invoices still has the old company address",
     "Company details under Settings → Billing → Company details only apply to future invoices, but support can "
     "reissue a recent one.", "how recent does it need to be?", ["billing-and-invoices#invoices"]),
    ("my card payment failed this month",
     "We retry failed charges automatically, and updating your payment method triggers an immediate retry.",
     "what if I can't pay at all?", ["billing-and-invoices#failed-payments"]),
    ("I keep getting 429 errors from your API",
     "That's the rate limit: the API answers 429 Too Many Requests when the account goes over its limit per minute.",
     "what's the limit on Starter?",
     ["api-keys#rate-limits", "api-keys#creating-an-api-key", "troubleshooting#api-errors",
      "plans-and-pricing#what-each-plan-includes"]),
    ("I want labels to print without the print dialog popping up",
     "The Parcelly Print Helper desktop app prints labels straight to your printer.", "does it run on a Mac?",
     ["creating-and-printing-labels#supported-printers"]),
    ("my labels come out blank on the Rollo",
     "Blank labels on a thermal printer usually mean the labels are loaded upside down or the printer needs "
     "calibrating.", "how do I do that?", ["troubleshooting#labels-print-too-small-cut-off-or-blank"]),
    ("I'd like the tracking links to show our own domain",
     "You can set up a custom tracking domain such as track.example.com under Settings → Tracking page → Custom "
     "domain.", "which DNS record do I need?",
     ["tracking-pages#setting-up-a-custom-domain-pro-and-business",
      "troubleshooting#custom-tracking-domain-not-working"]),
    ("I verified our domain an hour ago but links still show your address",
     "After verification Parcelly issues an SSL certificate for the custom domain automatically.",
     "how long can that take?",
     ["tracking-pages#setting-up-a-custom-domain-pro-and-business",
      "troubleshooting#custom-tracking-domain-not-working"]),
    ("can customers send stuff back without emailing us?",
     "Yes, the returns portal lets customers start a return and get a label themselves.", "is it on Starter?",
     ["returns-portal#introduction", "returns-portal#frequently-asked", "plans-and-pricing#what-each-plan-includes"]),
    ("customers complain that returns take forever to be approved",
     "You can switch the returns portal to automatic approval under Settings → Returns → Approval.",
     "what happens to the ones nobody looks at?", ["returns-portal#approving-returns"]),
    ("a customer wants to send back a mug 45 days after delivery",
     "The default return window is 30 days after delivery, but you can change it.", "how far can I extend it?",
     ["returns-portal#return-window"]),
    ("we're adding a new manager to the account",
     "You can invite colleagues under Settings → Team → Invite member.", "how long is the link good for?",
     ["team-members-and-roles#inviting-a-team-member", "getting-started#inviting-your-team"]),
    ("our founder is leaving and I'm taking over the shop",
     "The Owner can transfer ownership to an Admin under Settings → Team with Make owner.",
     "what if he's already gone and won't answer?", ["team-members-and-roles#transferring-ownership"]),
    ("I lost my phone with the authenticator app on it",
     "You can sign in with one of your backup codes and then set up two-factor authentication again.",
     "I'm the owner and I don't have any",
     ["two-factor-authentication-and-sso#two-factor-authentication", "troubleshooting#can-t-sign-in"]),
    ("we use Okta for everything",
     "Single sign-on with SAML 2.0 works with Okta; it's part of the Business plan.",
     "we're on Pro, what can we do instead?",
     ["two-factor-authentication-and-sso#frequently-asked", "team-members-and-roles#team-security",
      "two-factor-authentication-and-sso#two-factor-authentication"]),
    ("I got an email saying my account was locked",
     "After 10 failed sign-in attempts within 15 minutes the account is locked for a while.",
     "can I get in sooner?", ["account-and-password#account-lockout", "troubleshooting#can-t-sign-in"]),
    ("i changed my login email but nothing happened",
     "For an email change Parcelly sends a confirmation link to the new address; the change takes effect when you "
     "click it.", "how long is it valid?", ["account-and-password#changing-your-name-or-email-address"]),
    ("our shop runs on WooCommerce and orders stopped coming in",
     "Check the WordPress permalink setting: Plain permalinks break the WooCommerce connection.",
     "what should it be set to?",
     ["shop-integrations#connecting-a-shop", "troubleshooting#orders-are-not-importing"]),
    ("our Amazon shop shows Needs attention",
     "Amazon's authorization for Parcelly expires and has to be renewed with Reauthorize.", "how often?",
     ["shop-integrations#connecting-a-shop", "shop-integrations#supported-platforms",
      "troubleshooting#orders-are-not-importing"]),
    ("I have three storefronts I want to connect",
     "Each storefront counts as one shop connection, and how many you can have depends on your plan.",
     "we're on Starter",
     ["shop-integrations#how-many-shops-can-i-connect", "plans-and-pricing#what-each-plan-includes"]),
    ("orders from Etsy show up late", "Orders sync from your shops every 15 minutes on Free and Starter.",
     "and on Pro?",
     ["importing-orders#ways-to-get-orders-into-parcelly", "shop-integrations#what-gets-synced",
      "troubleshooting#orders-are-not-importing"]),
    ("I have old orders from before I signed up",
     "The first import only brings paid, unfulfilled orders from the last 30 days; older ones can be uploaded as a "
     "CSV file.", "is there a row limit?", ["importing-orders#importing-orders-from-a-csv-file"]),
    ("a customer ordered twice to the same address",
     "You can combine the two orders on the Orders page so you ship one parcel.",
     "what about the opposite, one item is back-ordered", ["importing-orders#combining-and-splitting-orders"]),
    ("I'm sending a parcel to Switzerland",
     "Switzerland needs customs information; Parcelly creates the customs document for you.",
     "which one for USPS if it's worth $600?", ["international-shipping#customs-documents"]),
    ("the recipient in the UK got charged duties",
     "By default shipments are DDU: the recipient pays duties and import taxes on delivery.",
     "can I pay them instead?",
     ["international-shipping#duties-and-taxes", "international-shipping#frequently-asked"]),
    ("we collect EU VAT at checkout",
     "Then enter your IOSS number under Settings → Shipping → Tax IDs so customers aren't charged VAT again.",
     "up to what value?", ["international-shipping#tax-ids-ioss-uk-vat-and-eori"]),
    ("DHL asked me to print the commercial invoice",
     "With DHL Express Parcelly normally sends it electronically with paperless trade.",
     "where do I turn that off?", ["international-shipping#customs-documents"]),
    ("UPS charged me more after the parcel shipped",
     "That's a carrier adjustment: the carrier re-measured the parcel and charged the difference to your Postage "
     "wallet.", "can I dispute it?", ["postage-wallet#carrier-adjustments"]),
    ("I don't want label purchases to fail because of a low balance",
     "Turn on auto-reload for the Postage wallet under Settings → Billing → Postage wallet → Auto-reload.",
     "what are the defaults?", ["postage-wallet#auto-reload"]),
    ("we're closing our business",
     "The Owner can delete the account under Settings → Account → Delete account; any Postage wallet balance is "
     "refunded.", "how long until we get that money?",
     ["postage-wallet#getting-your-balance-back", "privacy-and-gdpr#deleting-your-account",
      "refunds-and-cancellations#postage-wallet-balance"]),
    ("I deleted the account by accident",
     "Deleted accounts are kept in a 30-day grace period, and the Owner can ask support to restore it.",
     "and after that?", ["privacy-and-gdpr#deleting-your-account"]),
    ("I want to cancel my subscription",
     "The Owner can cancel under Settings → Billing → Plan → Cancel subscription; it takes effect at the end of the "
     "billing period.", "do I get money back? I paid for the year two weeks ago",
     ["refunds-and-cancellations#refund-policy-for-subscriptions"]),
    ("support approved my refund",
     "Approved refunds are issued within 5 business days to your original payment method.", "it was PayPal",
     ["refunds-and-cancellations#how-long-refunds-take"]),
    ("we'd like to pay by bank transfer",
     "Bank transfer against invoice is available only for the Business plan on annual billing.",
     "what else can I use with euros?", ["billing-and-invoices#payment-methods"]),
    ("I'm upgrading from Starter next week",
     "Upgrades take effect immediately and you pay a prorated amount for the rest of the period.",
     "and if I go down a plan later?",
     ["plans-and-pricing#changing-plans", "billing-and-invoices#plan-changes-and-proration"]),
    ("we hit 500 labels already this month",
     "You're on Starter, which includes 500 labels a month; labels above the allowance are charged per label.",
     "how much each?",
     ["plans-and-pricing#what-each-plan-includes", "billing-and-invoices#how-billing-works"]),
    ("customers keep creating return labels and never use them",
     "Each return label counts toward your monthly label allowance when it's created.", "how long are they valid?",
     ["returns-portal#return-labels"]),
    ("I need all our shipment data for our accountant",
     "Owners and Admins can create an export under Settings → Data → Export.", "can I get a whole year at once?",
     ["data-export#creating-an-export"]),
    ("can we get files sent to our server every night?",
     "Scheduled exports can run daily or weekly and upload to SFTP, on the Business plan.",
     "what if the upload fails?", ["data-export#scheduled-exports-business"]),
    ("we need a signed data processing agreement",
     "The DPA is available to every customer under Settings → Data → Privacy → Data processing agreement.",
     "can our lawyers change clauses?", ["privacy-and-gdpr#data-processing-agreement-dpa"]),
    ("where is our data hosted? we're in the EU",
     "You choose the data region at sign-up: EU data is stored in Frankfurt, Germany.", "can we move it later?",
     ["privacy-and-gdpr#where-data-is-stored", "getting-started#create-your-account",
      "contacting-support#requests-that-need-the-owner"]),
    ("how long do you keep our customers' addresses?",
     "By default shopper personal data is anonymized 24 months after delivery.", "can I make it shorter?",
     ["privacy-and-gdpr#data-retention"]),
    ("parcel still shows label created after 2 days",
     "The status stays Label created until the carrier's first scan, which can take 24–48 hours after drop-off.",
     "when should I worry?", ["troubleshooting#tracking-is-stuck-on-label-created"]),
    ("tracking for my GLS parcels updates slowly",
     "For carriers without real-time updates Parcelly checks for new tracking events on a schedule.",
     "how often is that?",
     ["tracking-pages#shipment-statuses", "troubleshooting#tracking-is-stuck-on-label-created"]),
    ("customers in Poland see the tracking page in English",
     "Tracking pages follow the customer's browser language, and you can force one language under Settings → "
     "Tracking page → General.", "is Polish one of them?", ["tracking-pages#languages"]),
    ("customers say they got two shipping emails",
     "Shopify sends its own shipping confirmation too; turn it off if you use Parcelly's emails.",
     "where is that setting?", ["shopper-notifications#email-notifications"]),
    ("we want emails to come from orders@ourshop.com",
     "A custom sender domain is available on Pro and Business under Settings → Notifications → Sender.",
     "what DNS records do I add?", ["shopper-notifications#email-notifications"]),
    ("one customer says they never get our emails",
     "Check the suppression list: unsubscribed, bounced or spam-reporting addresses are skipped.",
     "can I take them off it?", ["shopper-notifications#unsubscribes-and-the-suppression-list"]),
    ("we need parcels collected from our warehouse",
     "You can schedule a carrier pickup for USPS, UPS, FedEx and DHL Express from the Shipments page.",
     "does UPS charge for it?", ["carriers#scheduling-pickups", "postage-wallet#what-is-charged-to-the-wallet"]),
    ("we have our own FedEx account with negotiated rates",
     "You can connect your own carrier account under Settings → Carriers → Connect carrier account.",
     "how many can I connect on Pro?",
     ["carriers#parcelly-rates-or-your-own-account", "plans-and-pricing#what-each-plan-includes"]),
    ("our DHL account shows a warning",
     "Needs attention means the carrier rejected the credentials, usually after a password or API key change at "
     "the carrier.", "how do I fix it?",
     ["carriers#connecting-a-carrier-account", "troubleshooting#buying-a-label-fails"]),
    ("I want to hide services we never use from the rate list",
     "Open the carrier under Settings → Carriers and switch individual services off.",
     "can it also pick the cheapest automatically?",
     ["carriers#choosing-services", "importing-orders#automation-rules"]),
    ("we ship most small orders with the same service",
     "Automation rules can fill in the package and service for matching orders under Settings → Automation.",
     "how many can I make on Starter?",
     ["importing-orders#automation-rules", "plans-and-pricing#what-each-plan-includes"]),
    ("i need to ship a pile of orders quickly",
     "Select the orders on the Orders page and click Create labels to buy them in a batch.", "how many at once?",
     ["creating-and-printing-labels#buying-labels-in-a-batch"]),
    ("I need to reprint a label from last spring",
     "You can reprint from Shipments → Reprint, but label files are kept only for a limited time.",
     "how long exactly?",
     ["creating-and-printing-labels#reprinting-and-downloading-labels", "privacy-and-gdpr#data-retention",
      "data-export#creating-an-export"]),
    ("our webhook signature check keeps failing",
     "Compute the HMAC-SHA256 over the timestamp and the raw request body exactly as received, before parsing the "
     "JSON.", "what about the timestamp?", ["webhooks#verifying-signatures"]),
    ("we need to change the webhook secret", "Click Roll secret on the endpoint to get a new signing secret.",
     "does the old one stop right away?", ["webhooks#verifying-signatures"]),
    ("we want our ERP to only read data",
     "Create an API key with the Read-only permission under Settings → Developers → API keys.",
     "I lost it right after creating it, can you show it again?",
     ["api-keys#creating-an-api-key", "api-keys#frequently-asked"]),
    ("a developer pushed one of our keys to GitHub",
     "Parcelly scans public repositories for live keys and revokes them automatically.", "who gets told?",
     ["api-keys#keeping-keys-safe"]),
    ("I need to talk to someone on the phone urgently",
     "Phone support is part of the Business plan, at +1 (555) 010-0199.", "we're Pro, how fast do you answer us?",
     ["contacting-support#response-times", "plans-and-pricing#support-by-plan"]),
    ("is anyone around on Saturday? we're Business and nothing prints",
     "For Business customers critical incidents are handled 24/7.", "how do I report it?",
     ["contacting-support#support-hours"]),
    ("we want read-only access for our investor",
     "Viewers have read-only access and don't count toward the user limit.", "how many can we add on Starter?",
     ["team-members-and-roles#how-many-users-can-i-have"]),
    ("an employee left the company", "Remove them under Settings → Team; their sessions end immediately.",
     "do the keys they made stop working?",
     ["team-members-and-roles#removing-a-team-member", "api-keys#keeping-keys-safe"]),
]

# Longer conversations: greetings and questions back from the agent, the topic named two or more turns before the
# follow-up, sometimes by the customer and refined by the agent. (earlier turns alternating U, S; follow-up; relevant)
L = [
    (["hi", "Hi! Thanks for contacting Parcelly support. How can I help you today?",
      "a customer of ours wants a copy of everything we store about her",
      "You can export all data for one shopper under Settings → Data → Privacy → Shopper requests: search for her "
      "email address and click Export."],
     "great thanks. and if she wants it gone instead?", ["privacy-and-gdpr#handling-shopper-requests"]),
    (["hello, I have a question about my bill", "Sure, happy to help. What's the question?",
      "there's a charge I don't recognise on the last invoice",
      "That's most likely extra labels above your monthly allowance from the previous month, billed in arrears; "
      "each line is listed on the PDF invoice."],
     "ok, how much is each one on Pro?",
     ["billing-and-invoices#how-billing-works", "plans-and-pricing#what-each-plan-includes"]),
    (["Our shipping emails look very plain",
      "On the Free plan emails use the standard Parcelly template with your shop name and logo.",
      "we're about to upgrade anyway", "Great! Starter adds the template editor for text, colors, logo and links."],
     "what do we get on top of that with Pro?",
     ["shopper-notifications#email-notifications", "plans-and-pricing#what-each-plan-includes"]),
    (["Hi there", "Hello! What can I do for you?", "I ship a lot of parcels with USPS",
      "Good to know. Are you buying them at Parcelly rates or with your own USPS account?"],
     "parcelly rates. one order got cancelled, how long until the money comes back?",
     ["postage-wallet#refunds-of-voided-labels", "voiding-labels#when-can-a-label-be-voided",
      "refunds-and-cancellations#refunds-for-shipping-labels", "voiding-labels#frequently-asked"]),
    (["hey, one of our Admins can't log in anymore",
      "Sorry to hear that. Did she lose access to her two-factor device, or is it the password?",
      "she got a new phone and the authenticator app is gone",
      "If she has no backup codes, the Owner or an Admin can reset her two-factor authentication under "
      "Settings → Team."],
     "then what does she have to do?",
     ["two-factor-authentication-and-sso#two-factor-authentication", "troubleshooting#can-t-sign-in"]),
    (["customers return items through your portal", "Good. What's the question about returns?",
      "we're on Shopify and refunding everyone by hand is tedious",
      "Parcelly can create the refund in Shopify automatically when you mark a return as Received."],
     "where do I switch it on?", ["returns-portal#refunding-the-customer"]),
    (["Good morning", "Good morning! How can I help?", "we print labels on a Zebra",
      "Zebra printers work with the Thermal 4×6 format, either as PDF or as ZPL."],
     "which one is better?", ["creating-and-printing-labels#label-formats"]),
    (["our ERP sync broke this morning", "Let me check. Are you seeing an error from the API?",
      "yes, 401 on every call",
      "A 401 means the key is missing, mistyped, revoked or expired after a key roll. Did someone roll the API key "
      "recently?"],
     "yes my colleague did yesterday, with the default setting",
     ["api-keys#rotating-rolling-an-api-key", "troubleshooting#api-errors"]),
    (["I'm setting up webhooks for our warehouse system",
      "Great. Webhooks are available on Pro with up to 5 endpoints and on Business with up to 20."],
     "we're Pro. which events are there for returns?",
     ["webhooks#events", "returns-portal#notifications-and-webhooks"]),
    (["Hi, quick question about our plan", "Sure, go ahead.", "we have 12 people who need to buy labels",
      "Pro includes 10 users (Owner, Admins and Members); Business has unlimited users."],
     "what about people who only need to look at tracking?",
     ["team-members-and-roles#how-many-users-can-i-have", "plans-and-pricing#frequently-asked"]),
    (["we're moving warehouses",
      "You can add the new address under Settings → Shipping → Ship-from addresses and mark it as the default.",
      "thanks. we also need the carrier to come get the parcels there",
      "You can schedule pickups for USPS, UPS, FedEx and DHL Express from the Shipments page."],
     "is it free?", ["carriers#scheduling-pickups", "postage-wallet#what-is-charged-to-the-wallet"]),
    (["a parcel to Canada got stuck",
      "Parcels to Canada need customs information. Was there a customs form with it?",
      "yes but the description just said gift",
      "Vague descriptions are the most common reason for customs delays; describe what the item is and what it's "
      "made of."],
     "can I save that once so I don't type it every time?",
     ["international-shipping#saving-customs-details-on-your-products"]),
    (["hello", "Hi! How can I help today?", "we got a warning email about our balance",
      "Parcelly emails the Owner and Admins when the Postage wallet balance falls below the auto-reload threshold."],
     "what is it set to by default?", ["postage-wallet#auto-reload"]),
    (["we run two brands from one account",
      "On Business you can create up to 10 tracking page brands, each with its own logo, colors, slug and custom "
      "domain.", "we're on Pro right now", "Then you'd need Business for multiple brands."],
     "how much more is that per month?", ["plans-and-pricing#prices"]),
    (["a customer says the tracking link doesn't work anymore",
      "Did you change your shop slug recently? Tracking links contain it.", "yes last week",
      "Old links keep working for a while through a redirect after a slug change."],
     "how long?", ["tracking-pages#where-tracking-pages-live"]),
    (["I need proof of your SLA for our procurement team",
      "On the Business plan Parcelly guarantees 99.9% monthly uptime."],
     "what happens if you miss it?", ["contacting-support#service-status"]),
]

# The chit-chat variant (multiturn-chitchat-beir): the same dialogues, same split, with one polite exchange between
# the last answer and the follow-up, as real support chats have ("ok thanks" / "anything else?"). Chosen per dialogue
# by the seeded hash; nothing in it names the topic, so a rewrite must look past it.
FILLERS = [
    ("ok thanks", "You're welcome! Is there anything else I can help you with?"),
    ("thank you so much", "My pleasure. Let me know if you have any other questions."),
    ("got it", "Great. Anything else?"),
    ("perfect, that helps", "Glad to hear it! Is there something else I can do for you today?"),
    ("one more thing", "Of course, go ahead."),
    ("hm ok", "Sorry for the trouble. What else would you like to know?"),
    ("alright", "Happy to help further if you need anything."),
    ("cool", "Sure thing! Feel free to ask."),
]
CHITCHAT = HERE.parent / "multiturn-chitchat-beir"


def filler_of(dialogue_id: str):
    digest = hashlib.sha256(f"{SEED}:filler:{dialogue_id}".encode()).digest()
    return FILLERS[digest[0] % len(FILLERS)]


def split_of(dialogue_id: str) -> str:
    digest = hashlib.sha256(f"{SEED}:{dialogue_id}".encode()).digest()
    return "tuning" if digest[0] % 2 == 0 else "test"


def main() -> None:
    corpus_ids = set()
    corpus = HERE.parent / "multiturn-beir" / "corpus.jsonl"
    if corpus.exists():
        corpus_ids = {json.loads(line)["_id"] for line in corpus.open(encoding="utf-8")}
    rows = {"tuning": [], "test": []}
    with (OUT / "dialogues.jsonl").open("w", encoding="utf-8", newline="\n") as out, \
            (CHITCHAT / "dialogues.jsonl").open("w", encoding="utf-8", newline="\n") as chitchat:
        dialogues = [([customer, agent], follow_up, relevant) for customer, agent, follow_up, relevant in D] + L
        for n, (earlier, follow_up, relevant) in enumerate(dialogues, 1):
            dialogue_id = f"mf-{n:03d}"
            split = split_of(dialogue_id)
            for doc in relevant:
                if corpus_ids and doc not in corpus_ids:
                    raise SystemExit(f"{dialogue_id}: unknown section {doc}")
                rows[split].append((dialogue_id, doc))
            out.write(json.dumps({"_id": dialogue_id, "text": follow_up, "metadata": {
                "split": split,
                "context": [{"speaker": "US"[i % 2], "text": text} for i, text in enumerate(earlier)]}},
                ensure_ascii=False) + "\n")
            chitchat.write(json.dumps({"_id": dialogue_id, "text": follow_up, "metadata": {
                "split": split,
                "context": [{"speaker": "US"[i % 2], "text": text}
                            for i, text in enumerate(earlier + list(filler_of(dialogue_id)))]}},
                ensure_ascii=False) + "\n")
    for split, pairs in rows.items():
        with (OUT / "judgements" / f"{split}.tsv").open("w", encoding="utf-8", newline="\n") as f:
            f.write("query-id\tcorpus-id\tscore\n")
            for dialogue_id, doc in pairs:
                f.write(f"{dialogue_id}\t{doc}\t1\n")
        print(f"{split}: {len({d for d, _ in pairs})} dialogues, {len(pairs)} judgements")


if __name__ == "__main__":
    main()
