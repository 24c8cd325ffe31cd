-- Bank card payments (issue 4 part 3) keep their card inside the payment event JSON: only
-- {"card": {"masked", "bin", "lastFour", "token"}}, never the card number or the PIN. The daily
-- card limit asks "what did this card (token) pay today?" on every card payment's pre-check:
-- this index answers it without reading the whole journal. Only payment rows are indexed (their
-- payload is always JSON).
CREATE INDEX journal_card_token ON journal (json_extract(payload, '$.card.token'))
    WHERE kind LIKE 'PAYMENT\_%' ESCAPE '\';
