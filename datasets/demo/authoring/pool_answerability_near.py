# Near-domain answerability pool (issue 14, branch `unans6`): single-turn questions about demo-kb/ written from the
# pages on orders, exports, voiding, refunds, sign-in, returns, tracking pages, notifications, team and the postage
# wallet (each read in full), before any model was run on them. The unanswerable ones use the help center's own
# words and topics (features, limits and policies it never states), the hardest kind for the answerability model;
# the answerable ones are their near neighbours, including questions the help center answers with a "no" or a
# "can't" ("Can I move my wallet balance to another account?").
#   ANSWERABLE_N:   ([questions], [fact regexes, case-insensitive], [demo-kb sources])
#   UNANSWERABLE_N: ([questions], why the knowledge base does not answer it)
IO = 'help-center/importing-orders.md'
DE = 'help-center/data-export.md'
VL = 'help-center/voiding-labels.md'
RC = 'help-center/refunds-and-cancellations.md'
AP = 'help-center/account-and-password.md'
RP = 'help-center/returns-portal.md'
TP = 'help-center/tracking-pages.md'
SN = 'help-center/shopper-notifications.md'
TM = 'help-center/team-members-and-roles.md'
PW = 'help-center/postage-wallet.md'

ANSWERABLE_N = [
    (["Can I pick the time of day my scheduled export runs?"], [r"time of day"], [DE]),
    (["Can customers exchange an item for another size in the returns portal?"], [r"Exchanges aren't handled"], [RP]),
    (["Can I move my postage wallet balance to a different Parcelly account?"], [r"can't be moved"], [PW]),
    (["If support refunds my wallet balance, where does the money go?"], [r"original payment method"], [PW, RC]),
    (["Can the return address differ from the address I ship from?"], [r"can be different"], [RP]),
    (["How long does Parcelly keep audit log entries?"], [r"1 year|one year"], [TM]),
    (["Does the tracking page show my customer's street address?"], [r"never the full street address"], [TP]),
    (["What is the maximum number of rows in one CSV order import?"], [r"5,000"], [IO]),
    (["Can I export the audit log?"], [r"exported as CSV"], [TM]),
    (["Are shipping label PDFs included in a data export?"], [r"not part of data exports"], [DE]),
    (["Can I void a label the carrier has already scanned?"], [r"not scanned|already scanned|in use"], [VL]),
    (["Do included SMS messages I don't use carry over to next month?"], [r"don't roll over"], [SN]),
    (["Can I get money back for extra SMS I bought?"], [r"Not refundable"], [RC]),
    (["How many photos can a customer add to a damaged item return?"], [r"up to 3 photos"], [RP]),
    (["Can two people both be the Owner of one account?"], [r"exactly \*\*one Owner\*\*|one Owner"], [TM]),
    (["How long until I hear back about a disputed carrier adjustment?"], [r"within 30 days"], [PW]),
    (["Is there a fee to add money to the postage wallet?"], [r"no fee for adding funds"], [PW]),
    (["Can a Viewer void labels?"], [r"Viewers can't|Viewer"], [VL, TM]),
    (["Can I edit an order's shipping address in Parcelly and have it sync back to my shop?"], [r"not written back"], [IO]),
    (["Does voiding a label give back the label in my monthly allowance?"], [r"same billing month"], [VL]),
    (["Can I undo cancelling my subscription?"], [r"Resume subscription"], [RC]),
    (["Can members top up the postage wallet?"], [r"can't top it up"], [PW]),
    (["How long does the SSL certificate for my own tracking domain take?"], [r"24 hours"], [TP]),
    (["What happens to API keys created by someone I remove from the team?"], [r"keep working"], [TM]),
    (["Can I stop a parcel from being shipped while I wait for the customer to reply?"], [r"Hold"], [IO]),
    (["Does cancelling my plan delete my account?"], [r"does \*\*not\*\* delete|not\*\* delete"], [RC]),
    (["Can shoppers stop the text messages?"], [r"STOP"], [SN]),
]

UNANSWERABLE_N = [
    (["Can I restore an order I deleted by mistake?"], "deleting orders and restoring them is never described"),
    (["Can I undo combining two orders?"], "combining is described, separating combined orders again is not"),
    (["Can I undo a split and merge the parts back into one order?"], "splitting is described, undoing a split is not"),
    (["Can an automation rule put orders over a certain value on hold?"], "automation rules fill in shipping details; a hold action is never mentioned"),
    (["Can I cancel an export that is still running?"], "cancelling a running export is never mentioned"),
    (["Does a data export include orders I deleted?"], "deleted orders and exports of them are never mentioned"),
    (["Is there a fee for voiding a label?"], "void fees (or their absence) are never stated"),
    (["Can I set a different return window for each product?"], "one return window per account; per-product windows are never mentioned"),
    (["Can I charge a restocking fee on returns?"], "only a return shipping fee is described"),
    (["Can I close the returns portal during the holidays?"], "temporarily closing the portal is never mentioned"),
    (["Can shoppers choose SMS instead of email notifications themselves?"], "shopper preferences between channels are never described"),
    (["Can I change the sender name of the SMS messages?"], "only the email sender is described"),
    (["Can I create a custom role with my own set of permissions?"], "only the four fixed roles are described"),
    (["Can I limit a Member to one of our shops?"], "per-shop access is never described"),
    (["How many invitations can I send at once?"], "no limit on invitations is stated"),
    (["How many sessions can I have signed in at the same time?"], "no limit on parallel sessions is stated"),
    (["Can we set a shorter session timeout for our whole team?"], "only the fixed 14 days of inactivity are stated"),
    (["Can I change the font on my tracking page?"], "the design covers logo and brand colors; fonts are never mentioned"),
    (["Can quiet hours apply to email notifications too?"], "quiet hours are stated for SMS only"),
    (["Can I add a language that the tracking page does not have yet?"], "12 languages are listed; adding others is never mentioned"),
    (["Can my customers track a parcel with just their phone number?"], "lookup is by order number and email; phone lookup is never mentioned"),
    (["Does my postage wallet balance earn interest?"], "interest is never mentioned"),
    (["Can I set a monthly spending cap on the postage wallet?"], "spending caps are never mentioned"),
    (["Is there a fee when support refunds my wallet balance?"], "only the fee for adding funds is stated"),
    (["Can I pause my subscription for a couple of months instead of cancelling?"], "pausing a subscription is never described"),
    (["Can I sign in with a magic link instead of a password?"], "the sign-in methods are email and password, Google and SSO; magic links are never mentioned"),
    (["Can I get an SMS when the carrier first scans the parcel?"], "SMS events are out for delivery, delivered and exception; shopper SMS only"),
    (["Can I see which team member exported data on the Pro plan?"], "the audit log is Business only; who exported on Pro is never stated"),
]
