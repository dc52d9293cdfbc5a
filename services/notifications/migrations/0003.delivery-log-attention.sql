-- The staff's delivery log lists what needs attention first: failed, then waiting, then
-- sent, then suppressed, newest first within each (store/delivery_log.py spells the same
-- expression, so that each page is read from this index).
CREATE INDEX deliveries_attention ON deliveries (
    (CASE status WHEN 'failed' THEN 0 WHEN 'pending' THEN 1 WHEN 'sending' THEN 1
                 WHEN 'sent' THEN 2 ELSE 3 END),
    created_at DESC, id DESC);
